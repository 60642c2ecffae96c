#!/usr/bin/env bash
# LoupeEmbed vs PyTorch + transformers: images/s of full-size ViT-B/32 image features (random
# weights, float32, batch 32, both cores), measured in one run on the same machine.
#
#   Benchmarks/embed/run.sh [batch] [iterations]
#
# Builds the `embed-bench` release executable (this folder's package, which links LoupeEmbed),
# runs it, runs bench_torch.py (needs `pip install torch transformers`), and prints the ratio.
# Each side reports its fastest batch; the two alternate twice so a busy neighbour hurts both.
set -euo pipefail
cd "$(dirname "$0")"
BATCH="${1:-32}"
ITERATIONS="${2:-5}"
THREADS="$(nproc)"
CPU_FLAGS=()
if [ "$(uname -m)" = x86_64 ]; then CPU_FLAGS=(-Xcc -march=native); fi

swift build -c release "${CPU_FLAGS[@]}" >/dev/null
BIN="$(swift build -c release "${CPU_FLAGS[@]}" --show-bin-path)/embed-bench"

best() { sort -g | tail -1; }
swift_runs=()
torch_runs=()
for round in 1 2; do
  out="$("$BIN" "$BATCH" "$ITERATIONS" "$THREADS")"
  echo "$out" | head -1
  swift_runs+=("$(echo "$out" | sed -n 's/^swift images\/s: //p')")
  out="$(python3 bench_torch.py --batch "$BATCH" --iterations "$ITERATIONS" --threads "$THREADS")"
  echo "$out" | head -1
  torch_runs+=("$(echo "$out" | sed -n 's/^torch images\/s: //p')")
done
swift_best="$(printf '%s\n' "${swift_runs[@]}" | best)"
torch_best="$(printf '%s\n' "${torch_runs[@]}" | best)"
python3 - "$swift_best" "$torch_best" <<'PY'
import sys
s, t = float(sys.argv[1]), float(sys.argv[2])
print(f"LoupeEmbed {s:.2f} images/s, PyTorch {t:.2f} images/s: ratio {s / t:.2f}x")
PY
