// The one background worker of a database: a serial queue that runs a table's merges after its
// commits. A table is queued at most once at a time; the queued task merges until the table's
// policy is satisfied. Closing the database stops new work and waits for the running task, which
// gives up at its next page.

import Foundation

/// Runs table merges on a background serial queue.
final class MergeScheduler: @unchecked Sendable {
    private let queue = DispatchQueue(label: "loupe.storage.merge", qos: .utility)
    private let lock = NSLock()
    // Guarded by `lock`.
    private var queued: Set<ObjectIdentifier> = []
    private var stopped = false

    /// Queues `work` for `table` unless it is already queued or the scheduler is stopped.
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
