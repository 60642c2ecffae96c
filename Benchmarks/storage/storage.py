"""Storage benchmark: load one TSV of (id UInt64, photo_id String, url String, embed
Array(Float32) of 512) into Loupe, DuckDB and chdb, then compare on-disk size and cold-cache
scans (a full scan and a selective range on the sort key), all on the same machine in one run.

    python3 storage.py --rows 1000000 --work /tmp/loupe-storage-bench --loupe path/to/loupe

Prints one JSON object per measurement and a ratio table at the end. Cold cache means every file
of the database was evicted from the page cache with posix_fadvise(DONTNEED) just before the
query (and DuckDB reopened, chdb's mark and uncompressed caches dropped; each Loupe query is a
fresh process); "bytes read" is the block input the kernel counted for the process (ru_inblock × 512).
"""
import argparse, json, os, resource, shutil, subprocess, sys, time

DIM = 512
COLUMNS = "id UInt64, photo_id String, url String, embed Array(Float32)"


def evict(path):
    """Drops the page cache of every file under `path` (ours to read, so fadvise is allowed)."""
    paths = [path] if os.path.isfile(path) else [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd) if os.access(p, os.W_OK) else None
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) if os.path.isdir(path) else os.path.getsize(path)


def inblock(who):
    return resource.getrusage(who).ru_inblock * 512


def generate(tsv, rows):
    import chdb
    if os.path.exists(tsv):
        return
    tmp = tsv + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    chdb.query(f"""
        SELECT number AS id, leftPad(lower(hex(cityHash64(number))), 11, '0') AS photo_id,
               concat('https://images.unsplash.com/photo-', toString(cityHash64(number, 1)), '?ixid=', toString(number % 977)) AS url,
               arrayMap(i -> toFloat32(((cityHash64(number, i) % 1000003) / 1000003.0 - 0.5) / 11.3), range({DIM})) AS embed
        FROM numbers({rows}) INTO OUTFILE '{tmp}' FORMAT TSV""")
    os.rename(tmp, tsv)


class Loupe:
    name = "loupe"

    def __init__(self, binary, path):
        self.binary, self.path = binary, path

    def run(self, sql):
        """Runs `sql` in a fresh process; the time is the statement's own (`--time`), without the
        process start, so it compares with the in-process peers."""
        before = inblock(resource.RUSAGE_CHILDREN)
        out = subprocess.run([self.binary, self.path, "--time", "--format", "TSV", "-q", sql], check=True, capture_output=True, text=True)
        elapsed = [float(line.split()[1]) for line in out.stderr.splitlines() if line.startswith("Elapsed:")]
        return sum(elapsed), inblock(resource.RUSAGE_CHILDREN) - before, out.stdout.strip()

    def load(self, tsv):
        self.run(f"CREATE TABLE t ({COLUMNS}, CONSTRAINT dim CHECK length(embed) = {DIM}) ENGINE = MergeTree ORDER BY id")
        return self.run(f"INSERT INTO t FROM INFILE '{tsv}' FORMAT TSV")[0]


class DuckDB:
    name = "duckdb"

    def __init__(self, path):
        import duckdb
        self.path = path + ".duckdb"
        self.con = duckdb.connect(self.path)

    def run(self, sql):
        before = inblock(resource.RUSAGE_SELF)
        start = time.perf_counter()
        rows = self.con.execute(sql).fetchall()
        return time.perf_counter() - start, inblock(resource.RUSAGE_SELF) - before, rows

    def load(self, tsv):
        self.con.execute(f"CREATE TABLE t (id UBIGINT, photo_id VARCHAR, url VARCHAR, embed FLOAT[{DIM}])")
        took = self.run(f"COPY t FROM '{tsv}' (DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')")[0]
        self.con.execute("CHECKPOINT")
        return took

    def reopen(self):
        import duckdb
        self.con.close()
        self.con = duckdb.connect(self.path)

    def drop_caches(self):
        self.reopen()


class CHDB:
    name = "chdb"

    def __init__(self, path):
        from chdb import session
        self.path = path
        self.session = session.Session(path)

    def run(self, sql):
        before = inblock(resource.RUSAGE_SELF)
        start = time.perf_counter()
        out = self.session.query(sql, "TSV")
        return time.perf_counter() - start, inblock(resource.RUSAGE_SELF) - before, str(out).strip()

    def load(self, tsv):
        self.session.query(f"CREATE TABLE t ({COLUMNS}) ENGINE = MergeTree ORDER BY id")
        took = self.run(f"INSERT INTO t SELECT * FROM file('{tsv}', TSV, '{COLUMNS}')")[0]
        return took

    def reopen(self):
        pass

    def drop_caches(self):
        self.session.query("SYSTEM DROP MARK CACHE")
        self.session.query("SYSTEM DROP UNCOMPRESSED CACHE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", default="/tmp/loupe-storage-bench")
    parser.add_argument("--loupe", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tsv = os.path.join(args.work, f"photos-{args.rows}.tsv")
    generate(tsv, args.rows)
    print(json.dumps({"tsv_bytes": du(tsv), "rows": args.rows}), flush=True)
    lo, hi = args.rows // 2, args.rows // 2 + args.rows // 1000
    queries = {
        "full_scan": "SELECT count(), avg(length(url)) FROM t",
        "range_scan": f"SELECT count(), avg(length(url)) FROM t WHERE id BETWEEN {lo} AND {hi}",
    }
    results = {}
    for make in (lambda p: Loupe(args.loupe, p), DuckDB, CHDB):
        path = os.path.join(args.work, "db-" + str(len(results)))
        for leftover in (path, path + ".duckdb", path + ".duckdb.wal"):
            if os.path.isdir(leftover):
                shutil.rmtree(leftover)
            elif os.path.exists(leftover):
                os.remove(leftover)
        engine = make(path)
        evict(tsv)
        load = engine.load(tsv)
        if hasattr(engine, "reopen"):
            engine.reopen()
        size = du(engine.path)
        row = {"tool": engine.name, "load_s": load, "disk_bytes": size}
        for label, sql in queries.items():
            times, reads = [], []
            for _ in range(args.repeat):
                if hasattr(engine, "drop_caches"):
                    engine.drop_caches()
                evict(engine.path)
                took, read, answer = engine.run(sql)
                times.append(took)
                reads.append(read)
            row[label + "_s"] = sorted(times)[len(times) // 2]
            row[label + "_bytes_read"] = sorted(reads)[len(reads) // 2]
            row[label + "_answer"] = str(answer)[:80]
        results[engine.name] = row
        print(json.dumps(row), flush=True)
    loupe = results["loupe"]
    print("\nratio = peer / loupe (above 1: Loupe is faster or smaller)")
    for metric in ("load_s", "disk_bytes", "full_scan_s", "full_scan_bytes_read", "range_scan_s", "range_scan_bytes_read"):
        cells = [f"{p}: {results[p][metric] / loupe[metric]:.2f}" if loupe[metric] else f"{p}: n/a" for p in ("duckdb", "chdb")]
        print(f"{metric:24s} loupe={loupe[metric]:.4g}  " + "  ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
