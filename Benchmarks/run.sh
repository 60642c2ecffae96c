#!/usr/bin/env bash
# Runs Loupe's benchmarks and the peers on the same data, one after another on one machine, and
# prints the ratio table (docs/benchmarks.md explains each row). Needs python3 with numpy, and
# pip-installs duckdb, chdb and sqlite-vec (apsw) when missing.
#
#   Benchmarks/run.sh            # everything (~10 min on 2 cores)
#   Benchmarks/run.sh --quick    # fewer queries, no physical-limit probe
#
# Results (JSON lines per tool) land in $RESULTS (default /tmp/loupe-bench-results).
set -euo pipefail
cd "$(dirname "$0")"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

PEERS=${VECBENCH_PEERS:-/tmp/vecbench-peers}
DATA_ROOT=${VECBENCH_DATA:-/tmp/vecbench-data}
DATA=$DATA_ROOT/n100000
RESULTS=${RESULTS:-/tmp/loupe-bench-results}
# The vecbench harness (vecbench.py, kernels.c): the data generator and the peer measurements.
SHARED_PEERS=${SHARED_PEERS:-$(cd "$(dirname "$0")" && pwd)/peers/vecbench}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 VECBENCH_DATA=$DATA_ROOT

if [[ $QUICK == 1 ]]; then KQ=50; SQ=20; TQ=5; else KQ=200; SQ=50; TQ=20; fi

python3 -c "import numpy, duckdb, chdb, apsw, sqlite_vec, pyarrow" 2>/dev/null ||
    pip install -q duckdb==2.0.1 chdb==4.4.0 apsw==3.54.1.0 sqlite-vec==0.1.9 pyarrow >/dev/null

# Run a copy of the harness, so its outputs never land in the source tree.
if [[ ! -f "$PEERS/vecbench.py" ]]; then
    mkdir -p "$PEERS" && cp -r "$SHARED_PEERS"/. "$PEERS"/ && chmod -R u+w "$PEERS"
fi
if [[ ! -f "$DATA/base.parquet" ]]; then
    (cd "$PEERS" && python3 vecbench.py gen --n 100000 --force)
fi

# A build plan cached from an older checkout of the root package can name files that no longer
# exist ("missing inputs"); dropping it costs only a re-plan.
rm -f .build/release.yaml
swift build -c release -Xcc -march=native --product loupe-bench >&2
BIN=$(swift build -c release -Xcc -march=native --show-bin-path)/loupe-bench

rm -rf "$RESULTS" && mkdir -p "$RESULTS"
step() { echo "== $*" >&2; }

if [[ $QUICK == 0 ]]; then
    step "physical limits (vecbench phys, 1 thread)"
    (cd "$PEERS" && python3 vecbench.py phys --threads 1 --out "$RESULTS/phys.json")
fi
step "kernel scans (loupe-bench kernel, with the C AVX-512 scan in-process)"
"$BIN" kernel --data "$DATA" --queries $KQ >"$RESULTS/loupe-kernel.jsonl"
step "numpy brute force (vecbench brute)"
(cd "$PEERS" && python3 vecbench.py brute --n 100000 --method numpy --threads 1 --bf-queries $KQ \
    --out "$RESULTS/numpy.json")
step "Loupe SQL: exact top-10, group by, join (loupe-bench sql / tables)"
"$BIN" sql --data "$DATA" --queries $SQ >"$RESULTS/loupe-sql.jsonl"
"$BIN" tables --data "$DATA" --queries $TQ >"$RESULTS/loupe-tables.jsonl"
for engine in chdb duckdb sqlite_vec; do
    step "$engine exact top-10 (vecbench sql)"
    (cd "$PEERS" && python3 vecbench.py sql --n 100000 --engine $engine --bf-queries $SQ \
        --out "$RESULTS/sql-$engine.json")
done
for engine in duckdb chdb; do
    step "$engine group by and join (peers/tables.py)"
    python3 peers/tables.py --engine $engine --threads 1 --queries $TQ >"$RESULTS/tables-$engine.jsonl"
done
python3 peers/report.py "$RESULTS"
