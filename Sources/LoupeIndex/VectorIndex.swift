// The contract every vector index of a part meets, whatever its structure: search the part's
// rows for the k nearest to a query (optionally among the rows a filter keeps), report its size,
// and encode itself as an index file (see `VectorIndexFile`). Distances returned are always the
// exact float32 ones, computed by the same kernels as the SQL distance functions, so an indexed
// query and an exact scan agree on every value they both return.

import LoupeCore

/// A built index over the `count` vectors of a `VectorSource`.
public protocol VectorIndex: AnyObject, Sendable {
    /// Which structure this is (the index file's kind).
    var kind: VectorIndexKind { get }
    /// The metric the index orders by.
    var metric: Metric { get }
    /// Number of vectors indexed.
    var count: Int { get }
    /// Floats per vector.
    var dimension: Int { get }
    /// Bytes the index holds in memory beyond the vectors of its source (mapped file bytes count).
    var memoryBytes: Int { get }

    /// The `k` rows nearest to `query` (closest first; IP: largest inner product first) among the
    /// rows `filter` keeps (all when nil), with exact distances. Reads full vectors from `source`,
    /// which must be the source the index was built over.
    func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, options: SearchOptions, filter: RowFilter?,
        source: VectorSource
    ) throws -> [Neighbor]

    /// The kind-specific payload of the index file (see `VectorIndexFile.encode`).
    func encodedPayload() -> [UInt8]
}

/// The structures an index file can hold.
public enum VectorIndexKind: UInt8, Sendable, CaseIterable {
    /// No structure: every search scans the source exactly.
    case flat = 1
    /// The MSTG proximity graph over quantized vectors.
    case graph = 2
}

extension VectorIndex {
    /// The complete index file: header, payload and checksum.
    public func encodedFile() -> [UInt8] {
        VectorIndexFile.encode(kind: kind, metric: metric, count: count, dimension: dimension, payload: encodedPayload())
    }
}
