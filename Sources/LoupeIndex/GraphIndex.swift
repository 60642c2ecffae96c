// MSTG: the proximity-graph index (placeholder body; the graph itself replaces it).

import LoupeCore

/// Build parameters of the graph index.
public struct GraphParameters: Hashable, Sendable {
    /// Maximum out-degree of a node (MyScale's `m`).
    public var degree: Int
    /// Candidate list size while building (MyScale's `ef_c`).
    public var efConstruction: Int
    /// Threads the build uses.
    public var threads: Int

    public init(degree: Int = 32, efConstruction: Int = 128, threads: Int = 2) {
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
    public let metric: Metric
    public let count: Int
    public let dimension: Int
    public var kind: VectorIndexKind { .graph }
    public var memoryBytes: Int { 0 }

    /// Builds the index over every vector of `source`. `progress` is called now and then with the
    /// fraction done; returning false cancels the build (it throws `IndexBuildCancelled`).
    public static func build(
        _ source: VectorSource, metric: Metric, parameters: GraphParameters = GraphParameters(),
        progress: ((Double) -> Bool)? = nil
    ) throws -> GraphIndex {
        if let progress, !progress(1) { throw IndexBuildCancelled() }
        return GraphIndex(metric: metric, count: source.count, dimension: source.dimension)
    }

    private init(metric: Metric, count: Int, dimension: Int) {
        self.metric = metric
        self.count = count
        self.dimension = dimension
    }

    /// An index decoded from a file payload (see `VectorIndexFile`).
    init(decoding payload: UnsafeRawBufferPointer, owner: AnyObject?, metric: Metric, count: Int, dimension: Int) throws {
        self.metric = metric
        self.count = count
        self.dimension = dimension
    }

    public func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, options: SearchOptions, filter: RowFilter?,
        source: VectorSource
    ) throws -> [Neighbor] {
        try FlatIndex.search(query, k: k, metric: metric, filter: filter, source: source)
    }

    public func encodedPayload() -> [UInt8] { [] }
}
