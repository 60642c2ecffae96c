// Keeping vector indexes on a table's parts. The engine hands the store the specs of the table's
// indexes; after that every commit that adds parts (inserts, merges, rewrites) queues a build for
// the parts that lack one. A build reads the part's vectors, builds the index, writes its file
// durably (temporary name, fsync, rename, fsync of the directory) and maps it. Parts are
// immutable, so an index file never goes stale: a rewritten row lands in a new part with a new
// index. Queries never wait for builds; they scan unindexed parts exactly.

import Foundation
import LoupeCore
import LoupeIndex

extension DiskTableStore {
    /// Sets the vector indexes the table keeps, removes the files of indexes no longer wanted
    /// and queues builds for parts that lack one.
    public func setVectorIndexes(_ specs: [VectorIndexSpec]) {
        indexLock.withLock { indexSpecs = specs }
        let keep = Set(specs.map(\.fileName))
        if lifetime.isLive, !context.isClosed {
            for live in currentParts() {
                live.part.vectorIndexes.retain(keep)
                for name in (try? io.contentsOfDirectory(live.part.directory)) ?? [] {
                    // An index file, or one a crash left half written (`tmp_` + its name).
                    let indexName = name.hasPrefix("tmp_") ? String(name.dropFirst(4)) : name
                    guard VectorIndexSpec.isIndexFile(indexName), !keep.contains(indexName) else { continue }
                    try? io.removeRecursively(joinPath(live.part.directory, name))
                }
            }
        }
        scheduleIndexBuilds()
    }

    /// The vector indexes the table keeps.
    var vectorIndexSpecs: [VectorIndexSpec] {
        indexLock.withLock { indexSpecs }
    }

    /// The state of index `name` over the live parts, or nil when the table keeps no such index.
    public func vectorIndexStatus(_ name: String) -> VectorIndexStatus? {
        guard let spec = vectorIndexSpecs.first(where: { $0.name == name }) else { return nil }
        var status = VectorIndexStatus()
        for live in currentParts() {
            status.totalParts += 1
            status.totalRows += live.part.rowCount
            let indexes = live.part.vectorIndexes
            _ = indexes.index(spec, in: live.part, io: io)
            switch indexes.state(spec.fileName) {
            case .loaded?:
                let usage = indexes.usage(spec.fileName)!
                status.builtParts += 1
                status.builtRows += live.part.rowCount
                status.memoryBytes += usage.memory
                status.diskBytes += usage.disk
                status.buildSeconds += usage.seconds
            case .failed(let message)?:
                status.error = message
            case .damaged?, nil:
                break
            }
        }
        let running = indexLock.withLock { indexBuild }
        if let running, running.fileName == spec.fileName {
            status.rowsInProgress = Double(running.rows) * running.fraction
        }
        return status
    }

    /// Queues a build pass when some live part lacks an index.
    func scheduleIndexBuilds() {
        guard !vectorIndexSpecs.isEmpty, lifetime.isLive, !context.isClosed else { return }
        context.indexBuilds.schedule(self) { [weak self] in self?.buildMissingIndexes() }
    }

    /// Builds, one after another, every index a live part lacks (and whose last build did not
    /// fail), until none is left or the table or database goes away.
    private func buildMissingIndexes() {
        while lifetime.isLive, !context.isClosed, !context.indexBuilds.isStopped {
            guard let (part, spec) = nextMissingIndex() else { return }
            build(spec, for: part)
        }
    }

    /// A live part and an index it lacks, if any.
    private func nextMissingIndex() -> (Part, VectorIndexSpec)? {
        let specs = vectorIndexSpecs
        for live in currentParts() {
            for spec in specs where live.part.vectorIndexes.index(spec, in: live.part, io: io) == nil {
                if case .failed? = live.part.vectorIndexes.state(spec.fileName) { continue }
                return (live.part, spec)
            }
        }
        return nil
    }

    /// Builds `spec`'s index for `part` and installs its file; records a failure in the part.
    private func build(_ spec: VectorIndexSpec, for part: Part) {
        let started = Date()
        indexLock.withLock { indexBuild = (spec.fileName, part.rowCount, 0) }
        defer { indexLock.withLock { indexBuild = nil } }
        let stillWanted: () -> Bool = { [weak self] in
            guard let self else { return false }
            return self.lifetime.isLive && !self.context.isClosed && !part.isObsolete
                && self.vectorIndexSpecs.contains(spec)
        }
        do {
            let source = PartVectors(part: part, column: spec.column, dimension: spec.dimension, cachePages: false)
            let index: VectorIndex
            switch spec.kind {
            case .flat:
                index = FlatIndex(metric: spec.metric, count: part.rowCount, dimension: spec.dimension)
            case .graph:
                index = try GraphIndex.build(source, metric: spec.metric, parameters: spec.parameters) { [weak self] f in
                    self?.indexLock.withLock { self?.indexBuild = (spec.fileName, part.rowCount, f) }
                    return stillWanted()
                }
            }
            guard stillWanted() else { return }
            let path = joinPath(part.directory, spec.fileName)
            let temporary = joinPath(part.directory, "tmp_" + spec.fileName)
            try io.writeFileDurably(temporary, index.encodedFile())
            try io.rename(temporary, to: path)
            try io.syncDirectory(part.directory)
            let loaded = try part.vectorIndexes.load(
                spec, path: path, part: part, io: io, buildSeconds: Date().timeIntervalSince(started))
            guard stillWanted() else { return }
            part.vectorIndexes.record(spec.fileName, .loaded(loaded))
        } catch is IndexBuildCancelled {
            return
        } catch {
            guard stillWanted() else { return }
            part.vectorIndexes.record(spec.fileName, .failed("\(error)"))
        }
    }
}
