// The background worker that builds vector indexes: one serial queue per database, running one
// build at a time (each build uses the cores itself). A table is queued at most once; its task
// builds every missing index of its live parts, newest state first, until none is missing.
// Closing the database stops new work and cancels the running build at its next progress report.

import Foundation

/// Runs index builds on a background serial queue.
final class VectorIndexBuilder: @unchecked Sendable {
    private let queue = DispatchQueue(label: "loupe.storage.vector-index", qos: .utility)
    private let lock = NSLock()
    // Guarded by `lock`.
    private var queued: Set<ObjectIdentifier> = []
    private var running: ObjectIdentifier?
    private var stopped = false

    /// Queues `work` for `table` unless it is already queued or the builder is stopped.
    func schedule(_ table: AnyObject, _ work: @escaping @Sendable () -> Void) {
        let id = ObjectIdentifier(table)
        let accepted = lock.withLock {
            guard !stopped, !queued.contains(id) else { return false }
            queued.insert(id)
            return true
        }
        guard accepted else { return }
        queue.async { [self] in
            lock.withLock {
                queued.remove(id)
                running = id
            }
            work()
            lock.withLock { running = nil }
        }
    }

    /// Whether work for `table` is queued or running.
    func isBusy(_ table: AnyObject) -> Bool {
        let id = ObjectIdentifier(table)
        return lock.withLock { queued.contains(id) || running == id }
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
