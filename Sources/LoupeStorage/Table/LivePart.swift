// A part as a table currently sees it: the immutable part plus the delete mask in force. Reading a
// page through it skips deleted rows, which is how scans, deletes, rewrites and merges all see a
// part.

import LoupeCore

/// A live part and its delete mask.
struct LivePart: Sendable {
    let part: Part
    let mask: DeleteMask?

    init(_ part: Part, mask: DeleteMask? = nil) {
        self.part = part
        self.mask = mask
    }

    /// Rows not deleted.
    var liveRows: Int { part.rowCount - (mask?.deletedCount ?? 0) }

    /// Pages of every column.
    var pageCount: Int { part.index.pageCount }

    /// The surviving rows of page `page` relative to its first row, or nil when none is deleted.
    func liveOffsets(page: Int) -> [Int]? {
        guard let mask else { return nil }
        let start = part.index.pageStarts[page]
        return mask.liveOffsets(in: start..<(start + part.index.pageRows[page]))
    }

    /// The live rows of page `page` in `columns`, or nil when all were deleted (then nothing is
    /// read).
    func batch(page: Int, columns: [Int], cacheResult: Bool = true) throws -> Batch? {
        let keep = liveOffsets(page: page)
        if let keep, keep.isEmpty { return nil }
        let pages = try columns.map { try part.page(column: $0, page, cacheResult: cacheResult) }
        if let keep {
            return Batch(columns: pages.map { $0.gatheringRows(keep) }, count: keep.count)
        }
        return Batch(columns: pages, count: part.index.pageRows[page])
    }
}
