#!/usr/bin/env python3
"""Prints the ratio tables of a Benchmarks/run.sh results directory as Markdown.

  python3 report.py /tmp/loupe-bench-results [more result directories...]

Every figure is the mean latency of the fastest pass (ms, one thread). "x floor" divides by the
time one plain read of the 100k x 512 float32 rows takes in the same process; "x slower than
Loupe" divides a peer's time by Loupe's SQL time (> 1 means Loupe is faster). Given several
result directories (repeated runs), times are the fastest of the runs (background load only
adds time) and "x floor" of Loupe's rows is the median over runs of the ratio within each run.
"""
import json
import os
import sys

SCAN_BYTES = 100000 * 512 * 4


def load(name):
    """JSON objects of result file `name` in every result directory."""
    return [r for d in RESULT_DIRS for r in load_file(os.path.join(d, name))]


def load_file(path):
    """JSON objects from a .json file (one object) or a .jsonl file (one per line)."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        text = f.read().strip()
    if not text:
        return []
    if path.endswith(".json"):
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def in_process_ratio(name, case):
    """Median over result directories of case / floor.read, both from file `name` of one run."""
    ratios = []
    for d in RESULT_DIRS:
        run = by_case(load_file(os.path.join(d, name)))
        if case in run and "floor.read" in run:
            ratios.append(run[case]["mean_ms"] / run["floor.read"]["mean_ms"])
    ratios.sort()
    return ratios[len(ratios) // 2] if ratios else None


def by_case(records):
    """The fastest record of each case."""
    best = {}
    for r in records:
        if "case" in r and (r["case"] not in best or r["mean_ms"] < best[r["case"]]["mean_ms"]):
            best[r["case"]] = r
    return best


def fastest(records, *path):
    """The smallest value at `path` (nested keys) among `records`, or None."""
    values = []
    for r in records:
        for key in path:
            r = r.get(key, {}) if isinstance(r, dict) else {}
        if isinstance(r, (int, float)):
            values.append(r)
    return min(values) if values else None


def agree(a, b):
    """True when two result summaries (groups, total, avg_sum) match, sums to 1e-6 relative."""
    for key in ("groups", "total", "avg_sum"):
        x, y = a.get(key), b.get(key)
        if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-6 * max(1.0, abs(x), abs(y))):
            return False
    return True


def fmt(x, digits=2):
    return "—" if x is None else ("%.*f" % (digits, x))


def main():
    kernel = by_case(load("loupe-kernel.jsonl"))
    sql = by_case(load("loupe-sql.jsonl"))
    tables = by_case(load("loupe-tables.jsonl"))
    read_bw = [r["c_read_GBps"] for r in load("phys.json") if r.get("c_read_GBps")]
    floor = kernel.get("floor.read", {}).get("mean_ms")
    loupe_sql = sql.get("sql.topk.cosine", {}).get("mean_ms")

    rows = [("memory floor: one read of the rows (C, in-process)", floor, 1.0)]
    if read_bw:
        rows.append(("memory floor from `vecbench phys` c_read_GBps", SCAN_BYTES / (max(read_bw) * 1e9) * 1e3, None))
    for name, label in [("c.scan_topk.dot", "C AVX-512 scan_topk (kernels.c, in-process)"),
                        ("kernel.topk.dot", "Loupe kernel Distance.topK(.dot)"),
                        ("kernel.topk.cosine", "Loupe kernel Distance.topK(.cosine)"),
                        ("kernel.topk.cosine.plainArray", "  same on a plain [Float] (4 KiB pages)"),
                        ("kernel.topk.cosine.hugePagesArray", "  same on HugePages.floatArray"),
                        ("kernel.topk.cosine.arrayPerRow", "  same with one [Float] per row"),
                        ("kernel.evaluateMany+select.cosine", "  evaluateMany then TopK (two passes)"),
                        ("kernel.scalarReference.cosine", "  ScalarReference (plain loops)")]:
        rows.append((label, kernel.get(name, {}).get("mean_ms"), in_process_ratio("loupe-kernel.jsonl", name)))
    rows.append(("numpy sgemv + argpartition (vecbench brute)", fastest(load("numpy.json"), "mean_ms"), None))
    sql_rows = []
    for name, label in [("floor.read", "memory floor, timed beside the SQL"),
                        ("kernel.topk.cosine", "Loupe kernel Distance.topK(.cosine), beside the SQL"),
                        ("sql.topk.cosine", "**Loupe SQL** `ORDER BY cosineDistance(v, [literal]) LIMIT 10`"),
                        ("sql.topk.prepared", "Loupe SQL, query vector bound as a parameter"),
                        ("sql.literalOnly", "Loupe SQL `SELECT length([literal])` (text handling alone)")]:
        sql_rows.append((label, sql.get(name, {}).get("mean_ms"), in_process_ratio("loupe-sql.jsonl", name)))
    peer_rows = []
    peers = [("chdb", "literal_t1", "chdb, literal as written"), ("chdb", "f32cast_t1", "chdb, CAST(literal AS Array(Float32))"),
             ("sqlite_vec", "t1", "sqlite-vec vec0 knn"), ("duckdb", "t1", "DuckDB array_cosine_distance")]
    for engine, key, label in peers:
        peer_rows.append((label, fastest(load("sql-%s.json" % engine), "queries", key, "mean_ms"), None))

    print("### Exact top-10 over 100k × 512 float32, one thread\n")
    print("| what | ms | × floor | × slower than Loupe SQL |")
    print("| --- | ---: | ---: | ---: |")
    # Loupe's rows are compared with the floor timed in their own process; the rest (other
    # processes) with the fastest kernel-run floor.
    for group in (rows, sql_rows, peer_rows):
        for label, ms, ratio in group:
            xf = ratio if ratio is not None else (ms / floor if ms and floor else None)
            xl = ms / loupe_sql if ms and loupe_sql else None
            print("| %s | %s | %s | %s |" % (label, fmt(ms), fmt(xf), fmt(xl)))

    print("\n### Relational queries, one thread\n")
    print("| query | Loupe ms | DuckDB ms | chdb ms | DuckDB / Loupe | chdb / Loupe | same answer |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    peer_tables = {}
    for engine in ("duckdb", "chdb"):
        for case, r in by_case(load("tables-%s.jsonl" % engine)).items():
            peer_tables[(engine, case)] = r
    labels = {"groupby": "`SELECT z, count(*), avg(x) FROM t WHERE y > 500 GROUP BY z`, 10M rows",
              "join": "walkthrough JOIN + GROUP BY, 1M conversions ⋈ top-10 of 100k photos"}
    for case, label in labels.items():
        mine = tables.get(case, {})
        duck = peer_tables.get(("duckdb", case), {})
        ch = peer_tables.get(("chdb", case), {})
        answers = [r for r in (mine, duck, ch) if r]
        same = "—" if len(answers) < 2 else ("yes" if all(agree(answers[0], r) for r in answers[1:]) else "NO")
        lm = mine.get("mean_ms")
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt(lm), fmt(duck.get("mean_ms")), fmt(ch.get("mean_ms")),
            fmt(duck["mean_ms"] / lm if lm and duck else None), fmt(ch["mean_ms"] / lm if lm and ch else None), same))


RESULT_DIRS = sys.argv[1:] or ["/tmp/loupe-bench-results"]

if __name__ == "__main__":
    main()
