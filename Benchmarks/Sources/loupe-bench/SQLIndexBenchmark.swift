// Vector search through SQL end to end, as a user runs it: a database directory, the base
// vectors loaded with prepared INSERTs and merged into one part, `ALTER TABLE … ADD VECTOR INDEX
// … TYPE MSTG('metric_type=Cosine')`, `SYSTEM WAIT BUILDING VECTOR INDICES`, then
// `SELECT id, distance(v, [512 floats]) AS d FROM t ORDER BY d LIMIT 10 SETTINGS ef_search = …`
// with the literal in the query text (parsing included, as the peers' SQL engines are measured),
// one query at a time on one thread. Reports the build time, the index's memory and file bytes
// from `system.vector_indices`, and latency and recall@10 per ef.

import Foundation
import Loupe

/// The `loupe-bench sql-index` cases.
struct SQLIndexBenchmark {
    let base: FloatMatrix
    let queries: FloatMatrix
    let truth: FloatMatrix
    let queryCount: Int
    let efValues: [Int]

    func run(rounds: Int) throws -> [Measurement] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Database(path: directory)
        defer { db.close() }
        let dim = base.columns
        try db.execute("CREATE TABLE t (id UInt32, v Array(Float32), CONSTRAINT dim CHECK length(v) = \(dim)) ORDER BY id")
        let loadStart = now()
        try insert(db)
        try db.execute("OPTIMIZE TABLE t FINAL")
        let loadSeconds = now() - loadStart
        let buildStart = now()
        try db.execute("ALTER TABLE t ADD VECTOR INDEX vi v TYPE MSTG('metric_type=Cosine')")
        try db.execute("SYSTEM WAIT BUILDING VECTOR INDICES")
        let buildSeconds = now() - buildStart
        let status = try db.query(
            "SELECT status, memory_usage_bytes, disk_usage_bytes, total_parts FROM system.vector_indices"
        ).values()[0]
        let memoryBytes = Double(status[1].int64Value ?? 0)
        let diskBytes = Double(status[2].int64Value ?? 0)
        let literals = (0..<queryCount).map { SQLBenchmark.literal(queries.row($0), count: dim) }
        var cases: [BenchCase] = []
        for ef in efValues {
            let texts = literals.map {
                "SELECT id, distance(v, \($0)) AS d FROM t ORDER BY d LIMIT 10 SETTINGS ef_search = \(ef)"
            }
            cases.append(
                BenchCase(name: "sql.index.ef\(ef)", count: queryCount) { q in
                    try db.query(texts[q]).values().map { Int($0[0].int64Value!) }
                })
        }
        return try runInterleaved(cases, rounds: rounds).map { m, found in
            var m = m
            m.extra = [
                ("recall10", recall(found, truth)), ("qps", 1000 / m.meanMs), ("build_s", buildSeconds),
                ("load_s", loadSeconds), ("index_memory_mb", memoryBytes / 1e6), ("index_file_mb", diskBytes / 1e6),
                ("parts", Double(status[3].int64Value ?? 0)),
            ]
            return m
        }
    }

    /// The base rows, 1000 per execution of one prepared INSERT.
    private func insert(_ db: Database) throws {
        let batch = 1000
        let tuple = "(?, ?)"
        let full = try db.prepare("INSERT INTO t VALUES " + Array(repeating: tuple, count: batch).joined(separator: ", "))
        var done = 0
        while done < base.rows {
            let n = min(batch, base.rows - done)
            let values = (done..<(done + n)).flatMap { r -> [Value] in [.uint(UInt64(r)), .vector(base.rowArray(r))] }
            if n == batch {
                try full.execute(values)
            } else {
                try db.prepare("INSERT INTO t VALUES " + Array(repeating: tuple, count: n).joined(separator: ", "))
                    .execute(values)
            }
            done += n
        }
    }
}
