// A background worker of a database: a serial queue that runs one kind of table work (merges,
// vector index builds) after commits. A table is queued at most once at a time; its task works
// until nothing is left to do for the table. Closing the database stops new work and waits for
// the running task, which gives up at its next check.

import Foundation

/// Runs per-table background work on a serial queue.
final class TableWorkQueue: @unchecked Sendable {
    private let queue: DispatchQueue
    private let lock = NSLock()
    // Guarded by `lock`.
    private var queued: Set<ObjectIdentifier> = []
    private var stopped = false

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Queues `work` for `table` unless it is already queued or the queue is stopped.
    func schedule(_ table: AnyObject, _ work: @escaping @Sendable () -> Void) {
        let id = ObjectIdentifier(table)
        let accepted = lock.withLock {
            guard !stopped, !queued.contains(id) else { return false }
            queued.insert(id)
            return true
        }
        guard accepted else { return }
        queue.async { [self] in
            lock.withLock { _ = queued.remove(id) }
            work()
        }
    }

    var isStopped: Bool { lock.withLock { stopped } }

    /// Blocks until every task queued so far has run.
    func waitUntilIdle() {
        queue.sync {}
    }

    /// Refuses new work and waits for the running task.
    func stop() {
        lock.withLock { stopped = true }
        queue.sync {}
    }
}
