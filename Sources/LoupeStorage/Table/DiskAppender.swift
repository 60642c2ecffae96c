// Streaming appends to a `DiskTableStore`. Rows go straight into a part being written; when it
// reaches `DiskOptions.partRows` rows or `partBytes` raw bytes it is finished (durable, but named
// by no manifest, so invisible) and the next rows start another. Finishing a full part — fsyncs
// of its files and directory — runs on a background queue while the next part fills, so a large
// load waits for the disk only once, at the end. `commit` adds all the parts to the manifest in
// one swap; rollback, release without commit, or a crash leave them unnamed, and they are
// deleted (at the latest by the next open).

import Foundation
import LoupeCore

/// An append in progress on a table on disk. Used by one writer thread; the state it shares with
/// its background finishes (`parts`, `backgroundFailure`) is guarded by `lock`.
final class DiskAppender: TableAppender, @unchecked Sendable {
    private let store: DiskTableStore
    private var writer: PartWriter?
    /// Finished parts, in row order. Guarded by `lock` while a background finish may run.
    private var parts: [Part] = []
    /// The first error of a background finish. Guarded by `lock`.
    private var backgroundFailure: Error?
    private let lock = NSLock()
    /// Finishes full parts one at a time, in order.
    private let finisher = DispatchQueue(label: "loupe.storage.finish-part")
    private let finishing = DispatchGroup()
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
            if let error = lock.withLock({ backgroundFailure }) { throw error }
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
                    finishInBackground(current)
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
            finishing.wait()
            if let error = backgroundFailure { throw error }
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

    /// Blocks until every full part handed to the background queue is finished (or failed).
    func waitForBackgroundFinishes() {
        finishing.wait()
    }

    /// Finishes `part` on the background queue; its result joins `parts` (in order) or its
    /// error becomes `backgroundFailure`.
    private func finishInBackground(_ part: PartWriter) {
        finishing.enter()
        let handedOff = HandedOffWriter(writer: part)
        finisher.async { [self] in
            defer { finishing.leave() }
            do {
                let finished = try handedOff.writer.finish()
                lock.withLock { parts.append(finished) }
            } catch {
                lock.withLock { backgroundFailure = backgroundFailure ?? error }
            }
        }
    }

    private func discardAll() {
        finishing.wait()
        writer?.abandon()
        writer = nil
        store.discard(parts)
        parts = []
    }
}

/// A part writer the appender no longer touches, handed to the background queue that finishes it.
private struct HandedOffWriter: @unchecked Sendable {
    let writer: PartWriter
}
