// The statements that change a table on disk. Each prepares everything it needs durably first
// (new parts, new mask files) and then swaps the manifest once, so it is all-or-nothing: if the
// callback throws or a write fails, what it prepared is deleted and the table is as before.

import LoupeCore

extension DiskTableStore {
    public func append(_ batch: Batch) throws {
        let appender = DiskAppender(store: self)
        try appender.append(batch)
        try appender.commit()
    }

    public func beginAppend() throws -> TableAppender {
        try checkWritable()
        return DiskAppender(store: self)
    }

    public func truncate() throws {
        try checkWritable()
        try commitLock.withLock {
            guard !currentParts().isEmpty else { return }
            try install([], newParts: [], newMasks: [])
        }
    }

    /// Marks the chosen rows deleted: every affected part gets a new mask file (a part losing all
    /// its rows is dropped instead), then one manifest swap.
    @discardableResult
    public func delete(where selectRows: (Batch) throws -> [Int]) throws -> Int {
        try checkWritable()
        defer { scheduleMerges() }
        return try commitLock.withLock {
            let maskName = DeleteMask.fileName(sequence: currentSequence + 1)
            let allColumns = Array(types.indices)
            var next: [LivePart] = []
            var newMasks: [String] = []
            var deleted = 0
            do {
                for live in currentParts() {
                    var picked: [Int] = []
                    for p in 0..<live.pageCount {
                        guard let batch = try live.batch(page: p, columns: allColumns) else { continue }
                        let chosen = try selectRows(batch)
                        guard !chosen.isEmpty else { continue }
                        let start = live.part.index.pageStarts[p]
                        let offsets = live.liveOffsets(page: p)
                        for k in chosen {
                            precondition(k >= 0 && k < batch.count, "row \(k) outside a batch of \(batch.count)")
                            picked.append(start + (offsets?[k] ?? k))
                        }
                    }
                    guard !picked.isEmpty else {
                        next.append(live)
                        continue
                    }
                    let mask =
                        live.mask?.adding(picked, fileName: maskName)
                        ?? DeleteMask.deleting(picked, rowCount: live.part.rowCount, fileName: maskName)
                    deleted += mask.deletedCount - (live.mask?.deletedCount ?? 0)
                    if mask.deletedCount == live.part.rowCount { continue }
                    let path = joinPath(live.part.directory, maskName)
                    newMasks.append(path)
                    try io.writeFileDurably(path, mask.encoded())
                    try io.syncDirectory(live.part.directory)
                    next.append(LivePart(live.part, mask: mask))
                }
            } catch {
                discard([], masks: newMasks)
                throw error
            }
            guard deleted > 0 else { return 0 }
            try install(next, newParts: [], newMasks: newMasks)
            return deleted
        }
    }

    /// Rewrites every part in which the callback replaced a batch as a new part (without its
    /// deleted rows), then swaps the manifest once.
    public func replaceRows(_ rewrite: (Batch) throws -> Batch?) throws {
        try checkWritable()
        try commitLock.withLock {
            let allColumns = Array(types.indices)
            var next: [LivePart] = []
            var written: [Part] = []
            var writer: PartWriter?
            do {
                for live in currentParts() {
                    writer = nil
                    for p in 0..<live.pageCount {
                        guard let original = try live.batch(page: p, columns: allColumns) else { continue }
                        if let replacement = try rewrite(original) {
                            precondition(replacement.count == original.count, "replaceRows must keep the row count")
                            let columns = try validatedColumns(replacement, types: types)
                            if writer == nil {
                                let started = try makeWriter(level: live.part.index.level)
                                writer = started
                                for q in 0..<p {
                                    if let earlier = try live.batch(page: q, columns: allColumns) {
                                        try started.append(earlier.columns, rows: 0..<earlier.count)
                                    }
                                }
                            }
                            try writer!.append(columns, rows: 0..<replacement.count)
                        } else if let writer {
                            try writer.append(original.columns, rows: 0..<original.count)
                        }
                    }
                    if let finished = writer {
                        writer = nil
                        let part = try finished.finish()
                        written.append(part)
                        next.append(LivePart(part))
                    } else {
                        next.append(live)
                    }
                }
            } catch {
                writer?.abandon()
                discard(written)
                throw error
            }
            guard !written.isEmpty else { return }
            try install(next, newParts: written, newMasks: [])
        }
    }
}
