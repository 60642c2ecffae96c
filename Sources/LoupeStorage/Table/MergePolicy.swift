// Which parts to merge, in the spirit of ClickHouse's MergeTree: only adjacent parts (so rows keep
// their insertion order), at most `maxPartsPerMerge` of them and `maxMergeBytes` in total, and
// among the candidates the run that removes parts most cheaply — the least bytes rewritten per part
// eliminated. Small fresh parts are therefore merged with each other long before they are merged
// into big ones, which keeps the bytes each row is rewritten logarithmic in the table's size.

/// Chooses merges.
enum MergePolicy {
    /// The run of parts (by position) to merge next, given each part's size in bytes, or nil when
    /// there are at most `threshold` parts or no run fits the limits.
    static func select(sizes: [Int], threshold: Int, maxParts: Int, maxBytes: Int) -> Range<Int>? {
        guard sizes.count > threshold, sizes.count >= 2 else { return nil }
        var best: (range: Range<Int>, cost: Double)?
        for start in sizes.indices {
            var total = sizes[start]
            for end in (start + 1)..<min(sizes.count, start + maxParts) {
                total += sizes[end]
                guard total <= maxBytes else { break }
                let cost = Double(total) / Double(end - start)
                if best == nil || cost < best!.cost { best = (start..<(end + 1), cost) }
            }
        }
        return best?.range
    }

    /// A part whose mask deletes at least half of its rows, worth rewriting on its own.
    static func mostlyDeleted(_ parts: [LivePart]) -> Int? {
        parts.firstIndex { ($0.mask?.deletedCount ?? 0) * 2 >= $0.part.rowCount }
    }
}
