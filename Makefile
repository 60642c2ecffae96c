# Loupe build entry points. `make demo` and `make test` work on a fresh Debian machine: they
# install the missing system packages (as root), build, and run.

SWIFT ?= swift
DEBS := liblz4-dev zlib1g-dev libreadline-dev libjpeg62-turbo-dev libpng-dev libopenblas-dev
ARCH := $(shell uname -m)
ifeq ($(ARCH),x86_64)
  # Let the C importer (and so LLVM) target this CPU: AVX2/FMA/AVX-512 for the SIMD kernels.
  CPU_FLAGS := -Xcc -march=native
else
  CPU_FLAGS :=
endif
RELEASE := $(SWIFT) build -c release $(CPU_FLAGS)
LOUPE := .build/release/loupe

.PHONY: all deps build release test demo clean bench

all: release

## deps: install the Debian packages Loupe links against, when any is missing.
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## release: optimized build of the library and the `loupe` tool.
release: deps
	$(RELEASE)

build: release

## test: unit tests, the SQL logic tests, CLI tests and the library example.
test: deps
	$(RELEASE) --product loupe
	$(SWIFT) build --build-tests $(CPU_FLAGS)
	LOUPE_BIN=$(CURDIR)/$(LOUPE) $(SWIFT) test --skip-build $(CPU_FLAGS)
	cd examples/library && $(SWIFT) run $(CPU_FLAGS) image-search-library

## demo: the image-search walkthrough on a generated Unsplash sample (25,000 photos, 1M downloads).
DEMO := $(CURDIR)/examples/image-search
DEMO_DIR := $(CURDIR)/.build/demo
DEMO_PHOTOS := 25000
demo: release
	@if [ ! -f $(DEMO_DIR)/sample/.photos-$(DEMO_PHOTOS) ]; then \
	  rm -rf $(DEMO_DIR)/sample && \
	  $(LOUPE) sample unsplash --photos $(DEMO_PHOTOS) --out $(DEMO_DIR)/sample && \
	  touch $(DEMO_DIR)/sample/.photos-$(DEMO_PHOTOS); \
	fi
	rm -rf $(DEMO_DIR)/db
	cd $(DEMO_DIR)/sample && $(CURDIR)/$(LOUPE) $(DEMO_DIR)/db --echo --time --format PrettyCompact \
	  -f $(DEMO)/1-create-tables.sql -f $(DEMO)/2-load.sql -f $(DEMO)/3-index-and-search.sql

clean:
	rm -rf .build
