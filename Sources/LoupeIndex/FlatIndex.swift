// Exact search: one pass over the source's vectors with the fused top-k kernel. It is the `FLAT`
// index type, the fallback when a filter keeps too few rows for a graph walk to pay, and the
// oracle the tests measure recall against.

import LoupeCore
import LoupeVector

/// Exact k-nearest-neighbour search over a `VectorSource`.
public final class FlatIndex: VectorIndex {
    public let metric: Metric
    public let count: Int
    public let dimension: Int
    public var kind: VectorIndexKind { .flat }
    public var memoryBytes: Int { 0 }

    public init(metric: Metric, count: Int, dimension: Int) {
        self.metric = metric
        self.count = count
        self.dimension = dimension
    }

    public func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, options: SearchOptions, filter: RowFilter?,
        source: VectorSource
    ) throws -> [Neighbor] {
        try Self.search(query, k: k, metric: metric, filter: filter, source: source)
    }

    public func encodedPayload() -> [UInt8] { [] }

    /// The exact `k` nearest rows of `source` to `query` among those `filter` keeps.
    public static func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, metric: Metric, filter: RowFilter?, source: VectorSource
    ) throws -> [Neighbor] {
        precondition(query.count == source.dimension, "query has \(query.count) floats, vectors \(source.dimension)")
        guard k > 0, source.count > 0, let q = query.baseAddress else { return [] }
        let function = DistanceFunction(metric)
        let dim = source.dimension
        var top = TopK(k: k, largerIsBetter: metric.largerIsCloser)
        if let filter, filter.cardinality < source.count / 16 {
            // Few rows pass: visit only those, wherever they are.
            let rows = filter.rows
            try rows.withUnsafeBufferPointer { rows in
                try source.withVectors(of: rows) { i, vector in
                    top.push(Distance.evaluate(function, q, vector, count: dim), Int(rows[i]))
                }
            }
        } else {
            try source.forEachChunk { first, rowCount, vectors in
                let chunk = Distance.topK(
                    function, query: q, rows: vectors, rowCount: rowCount, dim: dim, k: k,
                    filter: filter.map { f in { f.contains(first + $0) } })
                for (score, id) in chunk.sorted() { top.push(score, first + id) }
            }
        }
        return top.sorted().map { Neighbor(row: $0.id, distance: $0.score) }
    }
}
