// The SQL benchmarks, through the public library exactly as a user calls it: the exact top-10
// `SELECT id, cosineDistance(v, [512 floats]) AS d FROM t ORDER BY d LIMIT 10` with the literal in
// the query text (parsing included, as the peers run it), the same query with the vector bound as
// a parameter, a filtered GROUP BY over 10M rows, and the walkthrough's JOIN + GROUP BY.

import Foundation
import LoupeCore

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

    /// Loads `base` as `t(id UInt32, v Array(Float32))`, `batch` rows per INSERT.
    static func loadVectors(_ db: SQLSession, _ base: FloatMatrix, table: String, batch: Int = 1000) throws -> Double {
        let start = now()
        var done = 0
        while done < base.rows {
            let n = min(batch, base.rows - done)
            let placeholders = Array(repeating: "(?, ?)", count: n).joined(separator: ", ")
            var values: [Value] = []
            values.reserveCapacity(2 * n)
            for r in done..<(done + n) {
                values.append(.uint(UInt64(r)))
                values.append(.vector(base.rowArray(r)))
            }
            try db.execute("INSERT INTO \(table) VALUES \(placeholders)", values)
            done += n
        }
        return now() - start
    }

    func runTopK(rounds: Int) throws -> [Measurement] {
        let db = SQLSession()
        try db.execute("CREATE TABLE t (id UInt32, v Array(Float32)) ORDER BY id")
        let loadSeconds = try Self.loadVectors(db, base, table: "t")
        let dim = base.columns
        let texts = (0..<queryCount).map { q in
            "SELECT id, cosineDistance(v, \(Self.literal(queries.row(q), count: dim))) AS d FROM t ORDER BY d LIMIT 10"
        }
        let cases = [
            BenchCase(name: "sql.topk.cosine", count: queryCount) { q in
                try db.rows(texts[q]).map { Int($0[0].int64Value!) }
            },
            BenchCase(name: "sql.topk.prepared", count: queryCount) { q in
                try db.rows(
                    "SELECT id, cosineDistance(v, ?) AS d FROM t ORDER BY d LIMIT 10", [.vector(queries.rowArray(q))]
                ).map { Int($0[0].int64Value!) }
            },
        ]
        return try runInterleaved(cases, rounds: rounds).map { m, found in
            var m = m
            m.extra = [("recall10", recall(found, truth)), ("load_s", loadSeconds)]
            return m
        }
    }
}
