// Vector indexes of an in-memory table. An index covers a prefix of the rows as they were at one
// generation (appends keep a prefix valid; deletes, updates and truncation start a new
// generation). Builds run in the background, one at a time per table, and start again when the
// rows not covered grow past an eighth of those covered, so a growing table is re-indexed a
// logarithmic number of times; the uncovered rows are searched exactly meanwhile.

import Foundation
import LoupeCore
import LoupeIndex

/// The vector indexes of a `MemoryTableStore`.
final class MemoryVectorIndexes: @unchecked Sendable {
    struct Built {
        let index: VectorIndex
        let rows: Int
        let generation: UInt64
        let seconds: Double
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private(set) var specs: [VectorIndexSpec] = []
    private var built: [String: Built] = [:]
    private var failures: [String: String] = [:]
    private var pending = false
    private var running: (fileName: String, rows: Int, fraction: Double)?
    private let queue = DispatchQueue(label: "loupe.storage.memory-vector-index", qos: .utility)
    private let idle = DispatchGroup()

    /// The indexes valid for rows of `generation` (the first `index.count` of `rows`).
    func usable(generation: UInt64, rows: Int) -> [String: VectorIndex] {
        lock.withLock {
            built.filter { $0.value.generation == generation && $0.value.rows <= rows }.mapValues(\.index)
        }
    }

    func setSpecs(_ specs: [VectorIndexSpec]) {
        lock.withLock {
            self.specs = specs
            let keep = Set(specs.map(\.fileName))
            built = built.filter { keep.contains($0.key) }
            failures = failures.filter { keep.contains($0.key) }
        }
    }

    /// Starts a build pass for `store` unless one is queued or nothing needs building.
    func schedule(_ store: MemoryTableStore) {
        let start = lock.withLock {
            guard !pending, !specs.isEmpty else { return false }
            pending = true
            return true
        }
        guard start else { return }
        idle.enter()
        queue.async { [weak store, self] in
            defer { idle.leave() }
            while let store, let (spec, state) = nextBuild(store) {
                build(spec, store: store, state: state)
            }
            lock.withLock { pending = false }
            // Rows that arrived after the last check found this pass still pending: go again.
            if let store, nextBuild(store) != nil { schedule(store) }
        }
    }

    /// Blocks until no build pass is queued or running.
    func waitUntilIdle() {
        idle.wait()
    }

    /// The next index to (re)build and the rows to build it over, if any.
    private func nextBuild(_ store: MemoryTableStore) -> (VectorIndexSpec, (segments: [Segment], rows: Int, generation: UInt64))? {
        let state = store.state()
        return lock.withLock {
            for spec in specs where failures[spec.fileName] == nil {
                guard let current = built[spec.fileName], current.generation == state.generation,
                    current.rows <= state.rows
                else { return state.rows > 0 || built[spec.fileName] != nil ? (spec, state) : nil }
                if (state.rows - current.rows) * 8 > current.rows { return (spec, state) }
            }
            return nil
        }
    }

    private func build(
        _ spec: VectorIndexSpec, store: MemoryTableStore, state: (segments: [Segment], rows: Int, generation: UInt64)
    ) {
        let started = Date()
        lock.withLock { running = (spec.fileName, state.rows, 0) }
        defer { lock.withLock { running = nil } }
        let part = MemoryVectorPart(segments: state.segments, indexes: [:])
        let source = part.vectors(column: spec.column, dimension: spec.dimension)
        let stillWanted: () -> Bool = { [weak store, self] in
            guard let store else { return false }
            return store.state().generation == state.generation && lock.withLock { specs.contains(spec) }
        }
        do {
            let index: VectorIndex
            switch spec.kind {
            case .flat:
                index = FlatIndex(metric: spec.metric, count: state.rows, dimension: spec.dimension)
            case .graph:
                index = try GraphIndex.build(source, metric: spec.metric, parameters: spec.parameters) { [self] f in
                    lock.withLock { running = (spec.fileName, state.rows, f) }
                    return stillWanted()
                }
            }
            let seconds = Date().timeIntervalSince(started)
            lock.withLock {
                guard specs.contains(spec) else { return }
                built[spec.fileName] = Built(index: index, rows: state.rows, generation: state.generation, seconds: seconds)
            }
        } catch is IndexBuildCancelled {
            return
        } catch {
            lock.withLock { failures[spec.fileName] = "\(error)" }
        }
    }

    /// The state of index `name` for rows of `generation` numbering `rows`.
    func status(_ name: String, rows: Int, generation: UInt64) -> VectorIndexStatus? {
        lock.withLock {
            guard let spec = specs.first(where: { $0.name == name }) else { return nil }
            var status = VectorIndexStatus()
            status.totalParts = 1
            status.totalRows = rows
            if let b = built[spec.fileName], b.generation == generation, b.rows <= rows {
                status.builtRows = b.rows
                status.memoryBytes = b.index.memoryBytes
                status.buildSeconds = b.seconds
                // Rows appended since are searched exactly until enough of them gather.
                if b.rows == rows || !pending { status.builtParts = 1 }
            } else if rows == 0 {
                status.builtParts = 1
            }
            status.error = failures[spec.fileName]
            if let running, running.fileName == spec.fileName {
                status.rowsInProgress = Double(running.rows) * running.fraction
            }
            return status
        }
    }
}

extension MemoryTableStore {
    public func setVectorIndexes(_ specs: [VectorIndexSpec]) {
        vectorIndexes.setSpecs(specs)
        scheduleIndexBuilds()
    }

    public func vectorIndexStatus(_ name: String) -> VectorIndexStatus? {
        let state = state()
        return vectorIndexes.status(name, rows: state.rows, generation: state.generation)
    }

    public func waitForBackgroundWork() {
        vectorIndexes.waitUntilIdle()
    }

    func scheduleIndexBuilds() {
        vectorIndexes.schedule(self)
    }
}
