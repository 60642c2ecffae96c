// The in-memory `TableStore`: rows live in segments of up to `segmentCapacity` rows, each a set
// of contiguous typed columns. A segment holds exactly one batch, so a scan hands out segment
// columns without copying them. Appends fill the last segment in place (amortised O(1) per row,
// no quadratic copying) and then open new segments. Snapshots share segment buffers
// copy-on-write, so a running query keeps its view while later statements change the table.

import Foundation
import LoupeCore

/// A table's rows held in memory.
public final class MemoryTableStore: TableStore, @unchecked Sendable {
    /// Rows per segment: one batch, so scans need no slicing.
    public static let segmentCapacity = Batch.capacity

    /// The column types, in table order.
    public let types: [DataType]
    private let lock = NSLock()
    // Guarded by `lock`.
    private var segments: [Segment] = []
    private var totalRows = 0

    /// An empty store for columns of `types`.
    public init(types: [DataType]) {
        self.types = types
    }

    public var rowCount: Int {
        lock.withLock { totalRows }
    }

    public func snapshot() -> TableSnapshot {
        lock.withLock { MemorySnapshot(segments: segments, rowCount: totalRows) }
    }

    public func append(_ batch: Batch) throws {
        let columns = try validated(batch)
        let total = batch.count
        guard total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        var done = 0
        if var tail = segments.popLast() {
            let take = min(Self.segmentCapacity - tail.count, total)
            if take > 0 {
                for c in columns.indices { tail.columns[c].appendRows(of: columns[c].rows(in: 0..<take)) }
                tail.count += take
                done = take
            }
            segments.append(tail)
        }
        while done < total {
            let take = min(Self.segmentCapacity, total - done)
            segments.append(Segment(columns: columns.map { $0.rows(in: done..<(done + take)) }, count: take))
            done += take
        }
        totalRows += total
    }

    public func truncate() throws {
        lock.withLock {
            segments = []
            totalRows = 0
        }
    }

    @discardableResult
    public func delete(where selectRows: (Batch) throws -> [Int]) throws -> Int {
        let current = lock.withLock { segments }
        var rebuilt: [Segment] = []
        var deleted = 0
        for segment in current {
            var keep: [Int] = []
            var removedHere = 0
            for start in stride(from: 0, to: segment.count, by: Batch.capacity) {
                let range = start..<min(start + Batch.capacity, segment.count)
                let picked = try selectRows(segment.batch(range))
                var drop = [Bool](repeating: false, count: range.count)
                for p in picked where !drop[p] {
                    drop[p] = true
                    removedHere += 1
                }
                for k in 0..<range.count where !drop[k] { keep.append(start + k) }
            }
            deleted += removedHere
            if removedHere == 0 {
                rebuilt.append(segment)
            } else if !keep.isEmpty {
                rebuilt.append(Segment(columns: segment.columns.map { $0.gatheringRows(keep) }, count: keep.count))
            }
        }
        if deleted > 0 { install(rebuilt) }
        return deleted
    }

    public func replaceRows(_ rewrite: (Batch) throws -> Batch?) throws {
        let current = lock.withLock { segments }
        var rebuilt: [Segment] = []
        var changed = false
        for segment in current {
            var pieces: [Batch] = []
            var changedHere = false
            for start in stride(from: 0, to: segment.count, by: Batch.capacity) {
                let range = start..<min(start + Batch.capacity, segment.count)
                let original = segment.batch(range)
                if let replacement = try rewrite(original) {
                    precondition(replacement.count == original.count, "replaceRows must keep the row count")
                    pieces.append(Batch(columns: try validated(replacement), count: replacement.count))
                    changedHere = true
                } else {
                    pieces.append(original)
                }
            }
            if changedHere {
                let columns = types.indices.map { c in
                    Column.concatenating(pieces.map { $0.columns[c] }, type: types[c])
                }
                rebuilt.append(Segment(columns: columns, count: segment.count))
                changed = true
            } else {
                rebuilt.append(segment)
            }
        }
        if changed { install(rebuilt) }
    }

    /// Replaces the segment list (row count recomputed).
    private func install(_ newSegments: [Segment]) {
        lock.withLock {
            segments = newSegments
            totalRows = newSegments.reduce(0) { $0 + $1.count }
        }
    }

    /// The batch's columns relabelled to the table's types, after checking that there is one per
    /// table column, of the same layout and row count, with NULLs only in Nullable columns.
    private func validated(_ batch: Batch) throws -> [Column] {
        guard batch.columns.count == types.count else {
            throw LoupeError(.type, "expected \(types.count) columns, got \(batch.columns.count)")
        }
        return try batch.columns.enumerated().map { c, column in
            let type = types[c]
            guard column.count == batch.count, column.type.nonNullable == type.nonNullable || column.type == .nothing
            else {
                throw LoupeError(.type, "column \(c + 1): expected \(type), got \(column.type) with \(column.count) rows")
            }
            if !type.isNullable, let flags = column.nulls, flags.contains(true) {
                throw LoupeError(.type, "column \(c + 1): NULL in a column of non-Nullable type \(type)")
            }
            return column.type == .nothing ? Column(type: type, repeating: .null, count: column.count)
                : column.relabelled(as: type)
        }
    }
}

/// Up to `MemoryTableStore.segmentCapacity` rows as one column per table column.
struct Segment: Sendable {
    var columns: [Column]
    var count: Int

    /// Rows `range` of every column.
    func batch(_ range: Range<Int>) -> Batch {
        Batch(columns: columns.map { $0.rows(in: range) }, count: range.count)
    }
}

/// A frozen list of segments.
struct MemorySnapshot: TableSnapshot {
    let segments: [Segment]
    let rowCount: Int

    func scan(columns: [Int]) -> TableCursor {
        SegmentCursor(segments: segments, columns: columns)
    }
}

/// Walks segments batch by batch.
final class SegmentCursor: TableCursor {
    private let segments: [Segment]
    private let columns: [Int]
    private var segmentIndex = 0
    private var row = 0

    init(segments: [Segment], columns: [Int]) {
        self.segments = segments
        self.columns = columns
    }

    func next() throws -> Batch? {
        while segmentIndex < segments.count {
            let segment = segments[segmentIndex]
            if row >= segment.count {
                segmentIndex += 1
                row = 0
                continue
            }
            let range = row..<min(row + Batch.capacity, segment.count)
            row = range.upperBound
            return Batch(columns: columns.map { segment.columns[$0].rows(in: range) }, count: range.count)
        }
        return nil
    }
}
