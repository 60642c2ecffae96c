// Where an index reads full-precision vectors: the column store's float32 rows, borrowed, never
// copied. A part on disk hands its vector pages over as they are cached; tests and benchmarks
// hand one contiguous array over. An index reads every row once while it builds (in order, in
// chunks) and a few rows per query when it re-ranks candidates.

import LoupeCore

/// Read access to `count` float32 vectors of `dimension` floats, numbered 0 ..< count.
public protocol VectorSource: Sendable {
    /// Number of vectors.
    var count: Int { get }
    /// Floats per vector.
    var dimension: Int { get }

    /// Calls `body(firstRow, rowCount, vectors)` for consecutive runs of rows covering
    /// 0 ..< count in order; `vectors` holds `rowCount · dimension` floats, row-contiguous, and is
    /// valid only during the call.
    func forEachChunk(_ body: (Int, Int, UnsafePointer<Float>) throws -> Void) throws

    /// Calls `body(i, vector)` for each row `rows[i]` (any order, duplicates allowed); the vector
    /// pointer is valid only during the call.
    func withVectors(of rows: UnsafeBufferPointer<Int32>, _ body: (Int, UnsafePointer<Float>) throws -> Void) throws
}

/// Vectors in one row-contiguous array (row r at `r · dimension`).
public struct ContiguousVectors: VectorSource {
    public let count: Int
    public let dimension: Int
    /// The rows, `count · dimension` floats.
    public let storage: [Float]

    /// Wraps `storage`, which must hold a whole number of rows of `dimension` floats.
    public init(_ storage: [Float], dimension: Int) {
        precondition(dimension > 0 && storage.count % dimension == 0, "storage is not whole rows")
        self.storage = storage
        self.dimension = dimension
        count = storage.count / dimension
    }

    public func forEachChunk(_ body: (Int, Int, UnsafePointer<Float>) throws -> Void) throws {
        guard count > 0 else { return }
        try storage.withUnsafeBufferPointer { try body(0, count, $0.baseAddress!) }
    }

    public func withVectors(of rows: UnsafeBufferPointer<Int32>, _ body: (Int, UnsafePointer<Float>) throws -> Void)
        throws
    {
        try storage.withUnsafeBufferPointer { all in
            for (i, row) in rows.enumerated() {
                precondition(row >= 0 && Int(row) < count, "row \(row) out of range")
                // Row `row` occupies all[row·dimension ..< (row+1)·dimension], checked above.
                try body(i, all.baseAddress! + Int(row) * dimension)
            }
        }
    }
}
