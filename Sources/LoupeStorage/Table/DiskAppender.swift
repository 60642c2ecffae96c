// Streaming appends to a `DiskTableStore`. Rows go straight into a part being written; when it
// reaches `DiskOptions.partRows` rows or `partBytes` raw bytes it is finished (durable, but named
// by no manifest, so invisible) and the next rows start another. `commit` adds all of them to the
// manifest in one swap; rollback, release without commit, or a crash leave them unnamed, and they
// are deleted (at the latest by the next open).

import LoupeCore

/// An append in progress on a table on disk.
final class DiskAppender: TableAppender {
    private let store: DiskTableStore
    private var writer: PartWriter?
    private var parts: [Part] = []
    private var rows = 0
    private var finished = false
    /// Set when an append failed: everything was discarded and `commit` reports it.
    private var failure: Error?

    init(store: DiskTableStore) {
        self.store = store
    }

    deinit {
        if !finished { rollback() }
    }

    func append(_ batch: Batch) throws {
        precondition(!finished, "append after commit or rollback")
        if let failure { throw failure }
        let columns = try validatedColumns(batch, types: store.types)
        let options = store.context.options
        do {
            try store.checkWritable()
            var start = 0
            while start < batch.count {
                let current = try writer ?? store.makeWriter(level: 0)
                writer = current
                let end = min(batch.count, start + min(options.partRows - current.rowCount, Batch.capacity))
                try current.append(columns, rows: start..<end)
                rows += end - start
                start = end
                if current.rowCount >= options.partRows || current.rawBytes >= options.partBytes {
                    writer = nil
                    parts.append(try current.finish())
                }
            }
        } catch {
            discardAll()
            failure = error
            throw error
        }
    }

    @discardableResult
    func commit() throws -> Int {
        precondition(!finished, "commit after commit or rollback")
        finished = true
        if let failure { throw failure }
        do {
            if let writer {
                self.writer = nil
                parts.append(try writer.finish())
            }
        } catch {
            discardAll()
            throw error
        }
        guard !parts.isEmpty else { return 0 }
        let added = parts
        parts = []
        try store.commitLock.withLock {
            try store.install(store.currentParts() + added.map { LivePart($0) }, newParts: added, newMasks: [])
        }
        store.scheduleMerges()
        return rows
    }

    func rollback() {
        finished = true
        discardAll()
    }

    private func discardAll() {
        writer?.abandon()
        writer = nil
        store.discard(parts)
        parts = []
    }
}
