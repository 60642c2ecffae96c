// What a vector search sees of a snapshot: a list of parts, each with its own row numbering, its
// vectors as a `VectorSource`, the rows still live, and the index built on it if there is one.
// The search runs per part (the index where one is built, an exact scan where not) and merges the
// per-part top-k lists, then fetches the winning rows' columns by row number.

import LoupeCore
import LoupeIndex

/// One part of a snapshot as a vector search uses it.
public protocol VectorSearchPart: Sendable {
    /// Rows the part numbers, deleted ones included.
    var rowCount: Int { get }
    /// The rows not deleted, or nil when none is.
    var liveRows: RowFilter? { get }
    /// The vectors of `column`, each of `dimension` floats (rows of another length are an error).
    func vectors(column: Int, dimension: Int) -> VectorSource
    /// The index of `spec` when it is built on this part. It may cover only the first
    /// `index.count` rows (an in-memory table indexes a prefix); the rest are searched exactly.
    func vectorIndex(_ spec: VectorIndexSpec) -> VectorIndex?
    /// Calls `body(batch, rowNumbers)` for the live rows of `columns`, batch by batch.
    func scan(columns: [Int], _ body: (Batch, [Int]) throws -> Void) throws
    /// Rows `rows` (row numbers, any order, live) of `columns`, in the order given.
    func rows(_ rows: [Int], columns: [Int]) throws -> [Column]
}

extension VectorSearchPart {
    /// Gathers `rows` from pages of `pageRows` rows, given each page's columns, keeping the order
    /// of `rows`.
    static func gather(
        _ rows: [Int], columns: [Int], types: [DataType], pageStarts: [Int],
        page: (Int) throws -> [Column]
    ) throws -> [Column] {
        let order = rows.indices.sorted { rows[$0] < rows[$1] }
        var pieces: [[Column]] = columns.map { _ in [] }
        var i = 0
        while i < order.count {
            let p = pageIndex(of: rows[order[i]], pageStarts: pageStarts)
            let start = pageStarts[p]
            let end = p + 1 < pageStarts.count ? pageStarts[p + 1] : Int.max
            var offsets: [Int] = []
            while i < order.count, rows[order[i]] < end {
                offsets.append(rows[order[i]] - start)
                i += 1
            }
            let pageColumns = try page(p)
            for c in columns.indices { pieces[c].append(pageColumns[c].gatheringRows(offsets)) }
        }
        // `order[j]` is where the j-th smallest row goes: invert it to put rows back in order.
        var inverse = [Int](repeating: 0, count: order.count)
        for (j, position) in order.enumerated() { inverse[position] = j }
        return columns.indices.map { c in
            Column.concatenating(pieces[c], type: types[columns[c]]).gatheringRows(inverse)
        }
    }

    /// The page holding `row`, by binary search over the pages' first rows.
    static func pageIndex(of row: Int, pageStarts: [Int]) -> Int {
        var low = 0
        var high = pageStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if pageStarts[mid] <= row { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

extension TableSnapshot {
    /// The snapshot as parts for a vector search (stores without parts answer one part).
    public var vectorParts: [VectorSearchPart] {
        switch self {
        case let disk as DiskSnapshot: return disk.parts.map(DiskVectorPart.init)
        case let memory as MemorySnapshot:
            return [MemoryVectorPart(segments: memory.segments, indexes: memory.indexes)]
        default: return []
        }
    }
}

/// A live part on disk.
struct DiskVectorPart: VectorSearchPart {
    let live: LivePart

    var rowCount: Int { live.part.rowCount }

    var liveRows: RowFilter? {
        guard let mask = live.mask, mask.deletedCount > 0 else { return nil }
        return RowFilter(count: rowCount, excluding: mask.words)
    }

    func vectors(column: Int, dimension: Int) -> VectorSource {
        PartVectors(part: live.part, column: column, dimension: dimension, cachePages: true)
    }

    func vectorIndex(_ spec: VectorIndexSpec) -> VectorIndex? {
        live.part.vectorIndexes.index(spec, in: live.part, io: live.part.io)
    }

    func scan(columns: [Int], _ body: (Batch, [Int]) throws -> Void) throws {
        for p in 0..<live.pageCount {
            guard let batch = try live.batch(page: p, columns: columns) else { continue }
            let start = live.part.index.pageStarts[p]
            let offsets = live.liveOffsets(page: p) ?? Array(0..<batch.count)
            try body(batch, offsets.map { start + $0 })
        }
    }

    func rows(_ rows: [Int], columns: [Int]) throws -> [Column] {
        let part = live.part
        return try Self.gather(
            rows, columns: columns, types: part.index.columns.map(\.type), pageStarts: part.index.pageStarts
        ) { p in try columns.map { try part.page(column: $0, p) } }
    }
}

/// An in-memory table's segments, numbered one after another.
struct MemoryVectorPart: VectorSearchPart {
    let segments: [Segment]
    let indexes: [String: VectorIndex]
    let starts: [Int]
    let rowCount: Int

    init(segments: [Segment], indexes: [String: VectorIndex]) {
        self.segments = segments
        self.indexes = indexes
        var starts: [Int] = []
        var total = 0
        for s in segments {
            starts.append(total)
            total += s.count
        }
        self.starts = starts
        rowCount = total
    }

    var liveRows: RowFilter? { nil }

    func vectors(column: Int, dimension: Int) -> VectorSource {
        SegmentVectors(segments: segments, starts: starts, column: column, dimension: dimension, count: rowCount)
    }

    func vectorIndex(_ spec: VectorIndexSpec) -> VectorIndex? { indexes[spec.fileName] }

    func scan(columns: [Int], _ body: (Batch, [Int]) throws -> Void) throws {
        for (s, segment) in segments.enumerated() {
            try body(
                Batch(columns: columns.map { segment.columns[$0] }, count: segment.count),
                Array(starts[s]..<(starts[s] + segment.count)))
        }
    }

    func rows(_ rows: [Int], columns: [Int]) throws -> [Column] {
        guard let first = segments.first else { return [] }
        return try Self.gather(rows, columns: columns, types: first.columns.map(\.type), pageStarts: starts) { s in
            columns.map { segments[s].columns[$0] }
        }
    }
}

/// The vectors of an in-memory table's segments.
struct SegmentVectors: VectorSource {
    let segments: [Segment]
    let starts: [Int]
    let column: Int
    let dimension: Int
    let count: Int

    func forEachChunk(_ body: (Int, Int, UnsafePointer<Float>) throws -> Void) throws {
        for (s, segment) in segments.enumerated() where segment.count > 0 {
            let floats = try segmentFloats(s)
            try floats.withUnsafeBufferPointer { try body(starts[s], segment.count, $0.baseAddress!) }
        }
    }

    func withVectors(of rows: UnsafeBufferPointer<Int32>, _ body: (Int, UnsafePointer<Float>) throws -> Void) throws {
        for (i, row) in rows.enumerated() {
            precondition(row >= 0 && Int(row) < count, "row \(row) out of range")
            let s = MemoryVectorPart.pageIndex(of: Int(row), pageStarts: starts)
            let floats = try segmentFloats(s)
            // Row `row` is row (row - starts[s]) of the segment, whose floats hold count·dimension.
            try floats.withUnsafeBufferPointer { try body(i, $0.baseAddress! + (Int(row) - starts[s]) * dimension) }
        }
    }

    /// Segment `s`'s vectors, row-contiguous; throws when a row has another length.
    private func segmentFloats(_ s: Int) throws -> [Float] {
        let column = segments[s].columns[self.column]
        guard case .array(let offsets, let elements) = column.data, case .float32(let floats) = elements.data,
            column.nulls == nil
        else { throw LoupeError(.type, "The vector column is not Array(Float32)") }
        let base = offsets[0]
        for r in 0..<segments[s].count where offsets[r + 1] - offsets[r] != dimension {
            throw LoupeError(
                .type, "Row \(starts[s] + r + 1) holds a vector of \(offsets[r + 1] - offsets[r]) floats, not \(dimension)")
        }
        return base == 0 && floats.count == segments[s].count * dimension
            ? floats : Array(floats[base..<(base + segments[s].count * dimension)])
    }
}
