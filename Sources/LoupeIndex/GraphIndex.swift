// MSTG: the proximity-graph index of a part. One layer, Vamana/HNSW-style: every vector is a node
// with at most `degree` out-edges chosen by the relative-neighbourhood rule, and searches start
// at whichever of the centroid's nearest node and 64 pivots is nearest the query. The graph is
// walked over 8-bit codes (`ScalarQuantizer`, vectors normalised first for Cosine) with integer
// kernels; the best candidates are then re-ranked with exact float32 distances read from the
// `VectorSource`, computed by the same kernel as `FlatIndex`, so indexed and exact results agree
// bit for bit on every distance. A filter that keeps few rows is answered by an exact scan of
// those rows instead.

import Foundation
import LoupeCore
import LoupeVector

/// Build parameters of the graph index.
public struct GraphParameters: Hashable, Sendable {
    /// Maximum out-degree of a node (MyScale's `m`).
    public var degree: Int
    /// Candidate list size while building (MyScale's `ef_c`).
    public var efConstruction: Int
    /// Threads the build uses.
    public var threads: Int

    public init(degree: Int = 32, efConstruction: Int = 80, threads: Int = 2) {
        self.degree = degree
        self.efConstruction = efConstruction
        self.threads = threads
    }
}

/// Thrown by a build whose progress callback asked it to stop.
public struct IndexBuildCancelled: Error {
    public init() {}
}

/// The graph index over a part's vectors.
public final class GraphIndex: VectorIndex, @unchecked Sendable {
    /// Candidate list size of a search when `SearchOptions.efSearch` is nil, for up to 100k rows:
    /// it grows by this much again for every tenfold more rows (64 at 1M, where 32 finds 0.92 of
    /// the true top 10 on the benchmark data and 64 0.965), and doubles under IP, whose walk ranks
    /// by inner product over a graph whose edges follow L2.
    public static let defaultEfSearch = 32
    /// Candidates re-ranked exactly, as a multiple of k, when `SearchOptions.rerankFactor` is nil.
    public static let defaultRerankFactor = 2

    public let metric: Metric
    public let count: Int
    public let dimension: Int
    public var kind: VectorIndexKind { .graph }
    /// Payload bytes (codes, adjacency, quantizer), the quantizer's arrays, and the search
    /// scratches made so far (about 4 bytes per row for each search that ran concurrently).
    public var memoryBytes: Int { storage.byteCount + 8 * dimension + pool.byteCount }
    /// Maximum out-degree of a node.
    public var degree: Int { layout.degree }

    let storage: GraphStorage
    let layout: GraphLayout
    let view: GraphView
    let quantizer: ScalarQuantizer
    let entry: UInt32
    let efConstruction: Int
    private let pool: ScratchPool
    /// Nodes spread over the index that a walk may start from instead of the entry point.
    let pivots: [UInt32]
    static let pivotCount = 64

    /// An index over `storage`, whose payload must already be complete and valid.
    init(
        storage: GraphStorage, layout: GraphLayout, metric: Metric, quantizer: ScalarQuantizer, entry: Int,
        efConstruction: Int
    ) {
        self.storage = storage
        self.layout = layout
        self.metric = metric
        self.quantizer = quantizer
        self.entry = UInt32(entry)
        self.efConstruction = efConstruction
        count = layout.count
        dimension = layout.dimension
        view = GraphView(base: storage.base, layout: layout)
        pivots = Self.pivots(count: layout.count, entry: UInt32(entry))
        pool = ScratchPool { [layout] in
            SearchScratch(
                nodeCount: layout.count, codeLength: layout.codeLength, dimension: layout.dimension,
                degree: layout.degree)
        }
    }

    /// Builds the index over every vector of `source`. `progress` is called now and then with the
    /// fraction done; returning false cancels the build (it throws `IndexBuildCancelled`).
    public static func build(
        _ source: VectorSource, metric: Metric, parameters: GraphParameters = GraphParameters(),
        progress: ((Double) -> Bool)? = nil
    ) throws -> GraphIndex {
        try GraphBuilder(source: source, metric: metric, parameters: parameters, progress: progress).build()
    }

    public func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, options: SearchOptions, filter: RowFilter?,
        source: VectorSource
    ) throws -> [Neighbor] {
        precondition(query.count == dimension, "query has \(query.count) floats, vectors \(dimension)")
        precondition(source.count == count && source.dimension == dimension, "source is not the indexed one")
        guard k > 0, count > 0 else { return [] }
        let ef = max(options.efSearch ?? defaultEf, k)
        if let filter {
            precondition(filter.count == count, "filter covers \(filter.count) rows, the index \(count)")
            if filter.cardinality == 0 { return [] }
        }
        if prefersExactScan(cardinality: filter?.cardinality ?? count, ef: ef) {
            return try FlatIndex.search(query, k: k, metric: metric, filter: filter, source: source)
        }
        return try searchGraph(query, k: k, options: options, filter: filter, source: source)
    }

    /// The candidate list size used when a query names none.
    public var defaultEf: Int {
        let decades = max(0, log10(Double(max(count, 1)) / 100_000))
        let ef = Int((Double(Self.defaultEfSearch) * (1 + decades)).rounded())
        return metric == .innerProduct ? 2 * ef : ef
    }

    /// Rows to search at or below which a search scans them exactly: about as fast as a walk,
    /// and never approximate.
    public static let exactScanRows = 512

    /// Whether an exact scan of the `cardinality` rows a search may return (a filter's, or all)
    /// is cheaper than a walk: when they are few, or when a walk would score more. A walk scores
    /// about `ef · degree` codes to collect ef results, and ef / selectivity of them when only a
    /// fraction of rows qualifies; the scan reads `cardinality` float rows, about four times the
    /// bytes of as many codes.
    func prefersExactScan(cardinality: Int, ef: Int) -> Bool {
        if cardinality <= Self.exactScanRows { return true }
        let selectivity = Double(cardinality) / Double(count)
        return Double(cardinality) * 4 * selectivity <= Double(ef * degree) / 2
    }

    /// The walk over codes followed by the exact re-rank, whatever the filter's selectivity.
    func searchGraph(
        _ query: UnsafeBufferPointer<Float>, k: Int, options: SearchOptions, filter: RowFilter?,
        source: VectorSource
    ) throws -> [Neighbor] {
        guard k > 0, count > 0, let q = query.baseAddress else { return [] }
        let ef = max(options.efSearch ?? defaultEf, k)
        let rerank = min(count, max(k, k * max(1, options.rerankFactor ?? Self.defaultRerankFactor)))
        let found: [Neighbor]? = try pool.with { scratch in
            guard let prepared = prepare(q, into: scratch) else { return nil }
            GraphWalk(view: view, query: prepared, scratch: scratch)
                .run(from: start(prepared, weights: scratch.weights), ef: max(ef, rerank), filter: filter, locks: nil)
            let kept = min(rerank, scratch.resultCount)
            let rows = (0..<kept).map { Int32(bitPattern: CandidateKey.node(scratch.results[$0])) }
            return try rerankExactly(q, rows, k: k, source: source, scratch: scratch)
        }
        // A query the codes cannot represent (non-finite, or zero under Cosine) is scanned exactly.
        guard let found else {
            return try FlatIndex.search(query, k: k, metric: metric, filter: filter, source: source)
        }
        return found
    }

    /// The nearest to the query of the entry point and the pivots: starting there skips part of
    /// the walk down from the centroid, for the price of scoring 64 rows that stay in cache
    /// (5% more queries/s at equal recall on the benchmark data; 256 pivots were no better).
    private func start(_ query: PreparedQuery, weights: UnsafePointer<Int32>) -> UInt32 {
        var best = entry
        var bestDistance = query.distance(view, weights, entry)
        for pivot in pivots {
            let d = query.distance(view, weights, pivot)
            if d < bestDistance {
                best = pivot
                bestDistance = d
            }
        }
        return best
    }

    /// Up to `pivotCount` nodes spread over 0 ..< count by multiplicative hashing (rows of one cluster often
    /// arrive together, so evenly spaced rows would not do), without `entry`.
    static func pivots(count: Int, entry: UInt32) -> [UInt32] {
        guard count > Self.pivotCount else { return [] }
        let picked = (0..<Self.pivotCount).map { UInt32(((UInt64($0) &* 0x9E37_79B9_7F4A_7C15) >> 11) % UInt64(count)) }
        return Array(Set(picked).subtracting([entry])).sorted()
    }

    /// Copies `query` into the scratch (normalised for Cosine) and prepares its weights; nil
    /// when the query has a non-finite value or, under Cosine, no direction.
    private func prepare(_ query: UnsafePointer<Float>, into scratch: SearchScratch) -> PreparedQuery? {
        let copy = scratch.query
        copy.update(from: query, count: dimension)
        let squaredNorm = Distance.dot(copy, copy, count: dimension)
        guard squaredNorm.isFinite else { return nil }
        if metric == .cosine {
            guard squaredNorm > 0 else { return nil }
            Norms.normalize(copy, count: dimension)
        }
        return PreparedQuery(
            copy, squaredNorm: squaredNorm, metric: metric, quantizer: quantizer, weights: scratch.weights)
    }

    /// The `k` best of `rows` by exact distance, ordered as `FlatIndex` orders (ties by row).
    /// The rows are read twice: a first pass touches one float per cache line of every row, so
    /// their misses overlap, and the second computes the distances from cache.
    private func rerankExactly(
        _ query: UnsafePointer<Float>, _ rows: [Int32], k: Int, source: VectorSource, scratch: SearchScratch
    ) throws -> [Neighbor] {
        let function = DistanceFunction(metric)
        let dim = dimension
        var scored = [Neighbor](repeating: Neighbor(row: 0, distance: 0), count: rows.count)
        try rows.withUnsafeBufferPointer { ids in
            var sink: Float = 0
            try source.withVectors(of: ids) { _, vector in
                var i = 0
                while i < dim {
                    sink += vector[i]
                    i &+= 16
                }
            }
            scratch.sink ^= UInt8(truncatingIfNeeded: sink.bitPattern)
            try source.withVectors(of: ids) { i, vector in
                scored[i] = Neighbor(row: Int(ids[i]), distance: Distance.evaluate(function, query, vector, count: dim))
            }
        }
        let metric = metric
        scored.sort { a, b in
            if metric.ranksBefore(a.distance, b.distance) { return true }
            if metric.ranksBefore(b.distance, a.distance) { return false }
            return a.row < b.row
        }
        return Array(scored.prefix(k))
    }
}
