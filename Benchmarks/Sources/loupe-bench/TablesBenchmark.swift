// The relational cases of `loupe-bench tables`, on the tables peers/tables.py builds in DuckDB and
// chdb from the same formula: a filtered GROUP BY over 10M rows, and the walkthrough's
// conversions ⋈ (top-10 photos by cosine distance) GROUP BY photo_id over 1M conversions.

import Foundation
import Loupe

/// Builds the shared tables in Loupe and times the two queries.
struct TablesBenchmark {
    let photos: FloatMatrix
    let queries: FloatMatrix
    let rowCount: Int
    let conversionCount: Int
    let queryCount: Int

    /// The row hash of peers/tables.py: `(i * 2654435761) mod 4294967291`.
    static func hash(_ i: Int) -> Int { (i &* 2_654_435_761) % 4_294_967_291 }

    static let groupBy = "SELECT z, count(*), avg(x) FROM t WHERE y > 500 GROUP BY z"

    static func join(_ literal: String) -> String {
        """
        SELECT photo_id, count(*) AS count
        FROM conversions
        JOIN (
            SELECT photo_id, cosineDistance(photo_embed, \(literal)) AS dist
            FROM photos
            ORDER BY dist ASC
            LIMIT 10
            ) AS target_photos
        ON conversions.photo_id = target_photos.photo_id
        GROUP BY photo_id
        ORDER BY count DESC
        """
    }

    func run(rounds: Int) throws -> [Measurement] {
        let db = SQLSession()
        let start = now()
        try db.execute("CREATE TABLE t (id UInt64, x Float64, y Int32, z Int32) ORDER BY id")
        try SQLBenchmark.insertRows(db, table: "t", count: rowCount, columns: 4) { i in
            let h = Self.hash(i)
            return [
                .uint(UInt64(i)), .float(Double(h / 100_000 % 100_000) / 100), .int(Int64(h % 1000)),
                .int(Int64(h / 1000 % 100)),
            ]
        }
        try db.execute("CREATE TABLE photos (id UInt64, photo_id String, photo_embed Array(Float32)) ORDER BY id")
        try SQLBenchmark.insertRows(db, table: "photos", count: photos.rows, columns: 3) { i in
            [.uint(UInt64(i)), .string(Self.photoID(i)), .vector(photos.rowArray(i))]
        }
        try db.execute("CREATE TABLE conversions (id UInt64, photo_id String, keyword String) ORDER BY id")
        try SQLBenchmark.insertRows(db, table: "conversions", count: conversionCount, columns: 3) { j in
            let h = Self.hash(j)
            return [.uint(UInt64(j)), .string(Self.photoID(h % 100_000)), .string("kw" + Self.padded(h % 500, 3))]
        }
        let loadSeconds = now() - start
        let literals = (0..<queryCount).map { SQLBenchmark.literal(queries.row($0), count: photos.columns) }
        var groupByCheck: [(String, Double)] = []
        var joinCheck: [(String, Double)] = []
        let cases = [
            BenchCase(name: "groupby", count: 5) { _ in
                let rows = try db.rows(Self.groupBy)
                groupByCheck = [
                    ("groups", Double(rows.count)),
                    ("total", rows.reduce(0) { $0 + ($1[1].doubleValue ?? 0) }),
                    ("avg_sum", (rows.reduce(0) { $0 + ($1[2].doubleValue ?? 0) } * 1e6).rounded() / 1e6),
                ]
                return []
            },
            BenchCase(name: "join", count: queryCount) { q in
                let rows = try db.rows(Self.join(literals[q]))
                if q == 0 {
                    joinCheck = [
                        ("groups", Double(rows.count)), ("total", rows.reduce(0) { $0 + ($1[1].doubleValue ?? 0) }),
                    ]
                }
                return []
            },
        ]
        return try runInterleaved(cases, rounds: rounds).map { m, _ in
            var m = m
            m.extra = (m.name == "groupby" ? groupByCheck : joinCheck) + [("load_s", loadSeconds)]
            return m
        }
    }

    static func photoID(_ i: Int) -> String { "ph" + padded(i, 9) }

    static func padded(_ i: Int, _ width: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
