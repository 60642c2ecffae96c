// Merging a table's parts. A merge reads its source parts page by page (skipping deleted rows),
// writes one new part without holding any lock, and commits only if the sources and their masks
// are still exactly the live ones — otherwise (a concurrent delete, update or truncate) its result
// is thrown away. Appends and readers therefore never wait for a merge, only for its manifest swap.

import LoupeCore

extension DiskTableStore {
    /// Queues background merges for this table, when they are enabled.
    func scheduleMerges() {
        guard context.options.backgroundMerges else { return }
        context.merges.schedule(self) { [weak self] in self?.runBackgroundMerges() }
    }

    /// Merges while the policy finds work (on the background worker). A failure ends the run: the
    /// table stays as it was and the next commit tries again.
    private func runBackgroundMerges() {
        while !context.isClosed, lifetime.isLive, let sources = chooseMerge(force: false) {
            guard (try? merge(sources)) == true else { return }
        }
    }

    /// The next run of parts to merge. `force` (OPTIMIZE) ignores the part-count threshold.
    private func chooseMerge(force: Bool) -> [LivePart]? {
        let options = context.options
        let parts = currentParts()
        let sizes = parts.map { live in
            max(1, live.part.index.storedBytes * live.liveRows / max(1, live.part.rowCount))
        }
        if let range = MergePolicy.select(
            sizes: sizes, threshold: force ? 1 : options.mergeThreshold, maxParts: options.maxPartsPerMerge,
            maxBytes: options.maxMergeBytes)
        {
            return Array(parts[range])
        }
        if let single = MergePolicy.mostlyDeleted(parts) { return [parts[single]] }
        return nil
    }

    /// Merges `sources` (adjacent live parts) into one part. Returns false when the table changed
    /// meanwhile (or the database closed) and the result was discarded.
    @discardableResult
    func merge(_ sources: [LivePart]) throws -> Bool {
        let allColumns = Array(types.indices)
        let level = (sources.map(\.part.index.level).max() ?? 0) + 1
        var writer: PartWriter?
        var merged: Part?
        do {
            for live in sources {
                for p in 0..<live.pageCount {
                    guard !context.isClosed else {
                        writer?.abandon()
                        return false
                    }
                    guard let batch = try live.batch(page: p, columns: allColumns, cacheResult: false) else { continue }
                    let target = try writer ?? makeWriter(level: level)
                    writer = target
                    try target.append(batch.columns, rows: 0..<batch.count)
                }
            }
            merged = try writer?.finish()
            writer = nil
        } catch {
            writer?.abandon()
            throw error
        }
        let result = merged.map { [LivePart($0)] } ?? []
        return try commitLock.withLock {
            let current = currentParts()
            guard let first = current.firstIndex(where: { $0.part === sources[0].part }),
                first + sources.count <= current.count,
                zip(current[first..<(first + sources.count)], sources).allSatisfy({
                    $0.part === $1.part && $0.mask === $1.mask
                })
            else {
                discard(merged.map { [$0] } ?? [])
                return false
            }
            var next = current
            next.replaceSubrange(first..<(first + sources.count), with: result)
            try install(next, newParts: merged.map { [$0] } ?? [], newMasks: [])
            return true
        }
    }

    /// Merges now (`OPTIMIZE TABLE`): one merge the policy picks regardless of the part count, or
    /// with `final` every part into one without deleted rows.
    public func optimize(final: Bool) throws {
        waitForBackgroundWork()
        while true {
            try checkWritable()
            let sources: [LivePart]
            if final {
                let parts = currentParts()
                guard parts.count > 1 || parts.first?.mask != nil else { return }
                sources = parts
            } else {
                guard let chosen = chooseMerge(force: true) else { return }
                sources = chosen
            }
            if try merge(sources) || !final { return }
        }
    }

    public func waitForBackgroundWork() {
        // A merge makes parts that need indexes, and a build never makes parts: merges first.
        context.merges.waitUntilIdle()
        context.indexBuilds.waitUntilIdle()
    }
}
