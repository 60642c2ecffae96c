// The in-memory `TableStore`: rows live in sealed segments of `segmentCapacity` rows, each a set
// of contiguous typed columns, plus one open tail segment held in `ColumnBuilder`s. A segment is
// exactly one batch, so a scan hands out segment columns without copying them. Appends grow the
// tail in place (amortised O(1) per row, so a million one-row INSERTs stay linear) and seal it
// when full; large appends are cut straight into sealed segments. Snapshots share buffers
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
    private var sealed: [Segment] = []
    private var tail: [ColumnBuilder]
    private var totalRows = 0
    /// Bumped whenever existing rows change (not by appends), so an index built over a
    /// prefix of the rows knows whether that prefix still holds the same rows.
    private var generation: UInt64 = 0
    /// The vector indexes over a prefix of the rows.
    let vectorIndexes = MemoryVectorIndexes()

    /// An empty store for columns of `types`.
    public init(types: [DataType]) {
        self.types = types
        self.tail = types.map { ColumnBuilder(type: $0) }
    }

    public var rowCount: Int {
        lock.withLock { totalRows }
    }

    public func snapshot() -> TableSnapshot {
        let current = state()
        var snapshot = MemorySnapshot(segments: current.segments, rowCount: current.rows)
        snapshot.indexes = vectorIndexes.usable(generation: current.generation, rows: current.rows)
        return snapshot
    }

    /// The rows, their count and generation, taken together.
    func state() -> (segments: [Segment], rows: Int, generation: UInt64) {
        lock.withLock { (allSegments(), totalRows, generation) }
    }

    public func append(_ batch: Batch) throws {
        try append(contentsOf: [batch])
    }

    /// Appends several batches as one step: all are validated first, then stored under one lock,
    /// each cut into segments without first being concatenated.
    func append(contentsOf batches: [Batch]) throws {
        let validatedBatches = try batches.map { (columns: try validated($0), count: $0.count) }
        lock.withLock {
            for (columns, total) in validatedBatches where total > 0 { appendLocked(columns, total) }
        }
        scheduleIndexBuilds()
    }

    /// Appends validated columns of `total` rows (caller holds `lock`).
    private func appendLocked(_ columns: [Column], _ total: Int) {
        var done = 0
        while done < total {
            let tailCount = tail.first?.count ?? 0
            let take = min(Self.segmentCapacity - tailCount, total - done)
            let range = done..<(done + take)
            if tailCount == 0 && take == Self.segmentCapacity {
                sealed.append(Segment(columns: columns.map { $0.rows(in: range) }, count: take))
            } else {
                for c in columns.indices { tail[c].append(contentsOf: columns[c].rows(in: range)) }
                if tailCount + take == Self.segmentCapacity {
                    sealed.append(Segment(columns: tail.indices.map { tail[$0].finish() }, count: Self.segmentCapacity))
                    tail = types.map { ColumnBuilder(type: $0) }
                }
            }
            done += take
        }
        totalRows += total
    }

    public func truncate() throws {
        lock.withLock { install([]) }
        scheduleIndexBuilds()
    }

    /// Sealed segments plus the open tail (caller holds `lock`).
    private func allSegments() -> [Segment] {
        let tailCount = tail.first?.count ?? 0
        guard tailCount > 0 else { return sealed }
        // `finish()` on copies of the builders shares their buffers; no rows are copied.
        return sealed + [
            Segment(
                columns: tail.map { builder in
                    var copy = builder
                    return copy.finish()
                }, count: tailCount)
        ]
    }

    @discardableResult
    public func delete(where selectRows: (Batch) throws -> [Int]) throws -> Int {
        let current = lock.withLock { allSegments() }
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
        if deleted > 0 {
            lock.withLock { install(rebuilt) }
            scheduleIndexBuilds()
        }
        return deleted
    }

    public func replaceRows(_ rewrite: (Batch) throws -> Batch?) throws {
        let current = lock.withLock { allSegments() }
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
        if changed {
            lock.withLock { install(rebuilt) }
            scheduleIndexBuilds()
        }
    }

    /// Replaces every row with `segments`, the tail left empty (caller holds `lock`).
    private func install(_ segments: [Segment]) {
        sealed = segments
        tail = types.map { ColumnBuilder(type: $0) }
        totalRows = segments.reduce(0) { $0 + $1.count }
        generation += 1
    }

    /// The batch's columns relabelled to the table's types (see `validatedColumns`).
    private func validated(_ batch: Batch) throws -> [Column] {
        try validatedColumns(batch, types: types)
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

extension MemoryTableStore {
    public func beginAppend() throws -> TableAppender {
        MemoryAppender(store: self)
    }
}

/// Collects batches and appends them to the store in one step on commit.
final class MemoryAppender: TableAppender {
    private let store: MemoryTableStore
    private var pending: [Batch] = []
    private var finished = false

    init(store: MemoryTableStore) {
        self.store = store
    }

    func append(_ batch: Batch) throws {
        precondition(!finished, "append after commit or rollback")
        if batch.count > 0 { pending.append(batch) }
    }

    func commit() throws -> Int {
        precondition(!finished, "commit after commit or rollback")
        let rows = pending.reduce(0) { $0 + $1.count }
        try store.append(contentsOf: pending)
        pending = []
        finished = true
        return rows
    }

    func rollback() {
        pending = []
        finished = true
    }
}
