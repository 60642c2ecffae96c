// The SQL top-k benchmark, through the public library exactly as a user calls it: the exact top-10
// `SELECT id, cosineDistance(v, [512 floats]) AS d FROM t ORDER BY d LIMIT 10` with the literal in
// the query text (parsing included, as the peers run it), the same query with the vector bound as
// a parameter, timed in the same rounds as a plain read of the vectors (the floor) and the bare
// kernel, so the three ratios hold even on a busy machine.

import CReferenceScan
import Foundation
import Loupe
import LoupeVector

/// The SQL cases of `loupe-bench sql` and `loupe-bench tables`.
struct SQLBenchmark {
    let base: FloatMatrix
    let queries: FloatMatrix
    let truth: FloatMatrix
    let queryCount: Int

    /// `[a,b,…]` with each float printed as `%.9g`, the text the peer scripts send.
    static func literal(_ v: UnsafePointer<Float>, count: Int) -> String {
        "[" + (0..<count).map { String(format: "%.9g", Double(v[$0])) }.joined(separator: ",") + "]"
    }

    /// Loads `base` as `table(id, vector)`, through one prepared INSERT of `batch` rows.
    static func loadVectors(_ db: SQLSession, _ base: FloatMatrix, table: String, batch: Int = 1000) throws -> Double {
        let start = now()
        try insertRows(db, table: table, count: base.rows, columns: 2, batch: batch) { r in
            [.uint(UInt64(r)), .vector(base.rowArray(r))]
        }
        return now() - start
    }

    /// Inserts `count` rows made by `row`, `batch` rows per execution of one prepared INSERT.
    static func insertRows(
        _ db: SQLSession, table: String, count: Int, columns: Int, batch: Int = 1000, _ row: (Int) -> [Value]
    ) throws {
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        func statement(_ rows: Int) throws -> PreparedStatement {
            try db.prepare(
                "INSERT INTO \(table) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", "))
        }
        let full = try statement(batch)
        var done = 0
        while done < count {
            let n = min(batch, count - done)
            let values = (done..<(done + n)).flatMap(row)
            try (n == batch ? full : statement(n)).execute(values)
            done += n
        }
    }

    func runTopK(rounds: Int) throws -> [Measurement] {
        let db = SQLSession()
        try db.execute("CREATE TABLE t (id UInt32, v Array(Float32)) ORDER BY id")
        let loadSeconds = try Self.loadVectors(db, base, table: "t")
        let dim = base.columns
        let texts = (0..<queryCount).map { q in
            "SELECT id, cosineDistance(v, \(Self.literal(queries.row(q), count: dim))) AS d FROM t ORDER BY d LIMIT 10"
        }
        let literalOnly = (0..<queryCount).map { q in "SELECT length(\(Self.literal(queries.row(q), count: dim)))" }
        let prepared = try db.prepare("SELECT id, cosineDistance(v, ?) AS d FROM t ORDER BY d LIMIT 10")
        let rows = UnsafePointer(base.base)
        let n = base.rows
        let cases = [
            // The memory floor and the bare kernel, timed in the same rounds as the SQL.
            BenchCase(name: "floor.read", count: queryCount) { _ in [Int(reference_sum_read(rows, n * dim))] },
            BenchCase(name: "kernel.topk.cosine", count: queryCount) { q in
                Distance.topK(.cosine, query: queries.row(q), rows: rows, rowCount: n, dim: dim, k: 10).sorted().map(
                    \.id)
            },
            BenchCase(name: "sql.topk.cosine", count: queryCount) { q in
                try db.rows(texts[q]).map { Int($0[0].int64Value!) }
            },
            // What handling the query text alone costs: the same literal in a trivial query.
            BenchCase(name: "sql.literalOnly", count: queryCount) { q in
                try db.rows(literalOnly[q]).map { Int($0[0].int64Value!) }
            },
            BenchCase(name: "sql.topk.prepared", count: queryCount) { q in
                try prepared.query([Value.vector(queries.rowArray(q))]).values().map { Int($0[0].int64Value!) }
            },
        ]
        return try runInterleaved(cases, rounds: rounds).map { m, found in
            var m = m
            if m.name.hasPrefix("sql.topk") { m.extra = [("recall10", recall(found, truth)), ("load_s", loadSeconds)] }
            return m
        }
    }
}
