#!/usr/bin/env bash
# Loads the same TSV (id, photo_id, url, 512-float embedding) into Loupe, DuckDB and chdb and
# compares load time, on-disk size and cold-cache scans (docs/benchmarks.md § Storage).
#
#   Benchmarks/storage/run.sh             # 1M rows (a ~5 GB TSV; needs ~20 GB free under $WORK)
#   Benchmarks/storage/run.sh --rows 100000
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-/tmp/loupe-storage-bench}
python3 -c "import duckdb, chdb" 2>/dev/null || pip install -q duckdb==2.0.1 chdb==4.4.0 >/dev/null
swift build -c release -Xcc -march=native --product loupe >&2
BIN=$(swift build -c release -Xcc -march=native --show-bin-path)/loupe
python3 Benchmarks/storage/storage.py --work "$WORK" --loupe "$BIN" "$@"
