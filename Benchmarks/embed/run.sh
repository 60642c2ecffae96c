#!/usr/bin/env bash
# LoupeEmbed vs PyTorch + transformers: full-size ViT-B/32 image features (random weights,
# float32, batch 32), measured in one run on the same machine.
#
#   Benchmarks/embed/run.sh [batch] [iterations] [rounds]
#
# Builds the `embed-bench` release executable (this folder's package, which links LoupeEmbed),
# then alternates it with bench_torch.py (needs `pip install torch transformers`) for `rounds`
# rounds, and prints two comparisons:
#   - wall clock on all cores: images/s of the fastest batch each side saw;
#   - CPU time on one thread: CPU seconds per batch, the least each side used. This one is
#     steady even when other work shares the machine; wall clock is only meaningful on an idle one.
set -euo pipefail
cd "$(dirname "$0")"
BATCH="${1:-32}"
ITERATIONS="${2:-5}"
ROUNDS="${3:-2}"
CORES="$(nproc)"
CPU_FLAGS=()
if [ "$(uname -m)" = x86_64 ]; then CPU_FLAGS=(-Xcc -march=native); fi

swift build -c release "${CPU_FLAGS[@]}" >/dev/null
BIN="$(swift build -c release "${CPU_FLAGS[@]}" --show-bin-path)/embed-bench"

field() { sed -n "s/.*$1 \([0-9.]*\) s.*/\1/p" | head -1; }
declare -A best
keep() {  # keep NAME VALUE: remember the smallest value seen for NAME
  if [ -z "${best[$1]:-}" ] || python3 -c "import sys; sys.exit(0 if $2 < ${best[$1]} else 1)"; then best[$1]="$2"; fi
}
for round in $(seq "$ROUNDS"); do
  echo "round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$("$BIN" "$BATCH" "$ITERATIONS" "$CORES" | head -1)"; echo "  $out"
  keep swift_wall "$(echo "$out" | field best)"
  out="$(python3 bench_torch.py --batch "$BATCH" --iterations "$ITERATIONS" --threads "$CORES" | head -1)"; echo "  $out"
  keep torch_wall "$(echo "$out" | field best)"
  out="$("$BIN" "$BATCH" "$ITERATIONS" 1 | head -1)"; echo "  $out"
  keep swift_cpu1 "$(echo "$out" | field CPU)"
  out="$(python3 bench_torch.py --batch "$BATCH" --iterations "$ITERATIONS" --threads 1 | head -1)"; echo "  $out"
  keep torch_cpu1 "$(echo "$out" | field CPU)"
done
python3 - "$BATCH" "$CORES" "${best[swift_wall]}" "${best[torch_wall]}" "${best[swift_cpu1]}" "${best[torch_cpu1]}" <<'PY'
import sys
batch, cores = int(sys.argv[1]), int(sys.argv[2])
sw, tw, sc, tc = map(float, sys.argv[3:])
print(f"wall, {cores} threads: LoupeEmbed {batch / sw:.2f} images/s, PyTorch {batch / tw:.2f} images/s: "
      f"ratio {tw / sw:.2f}x")
print(f"CPU, 1 thread: LoupeEmbed {1000 * sc / batch:.0f} ms/image, PyTorch {1000 * tc / batch:.0f} ms/image: "
      f"ratio {tc / sc:.2f}x")
PY
