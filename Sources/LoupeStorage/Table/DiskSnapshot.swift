// The read side of `DiskTableStore`: a frozen list of live parts (with their masks) and a cursor
// that walks them page by page. A page of every requested column is one batch; pages whose
// sort-key bounds miss the requested range, and pages whose rows are all deleted, are skipped
// without being read. Because parts are immutable and kept alive by the snapshot, a scan sees the
// same rows however the table changes meanwhile.

import LoupeCore

/// A consistent view of a table on disk.
struct DiskSnapshot: TableSnapshot {
    let parts: [LivePart]

    var rowCount: Int { parts.reduce(0) { $0 + $1.liveRows } }

    func scan(columns: [Int]) -> TableCursor {
        DiskCursor(parts: parts, columns: columns, keyRange: nil)
    }

    func scan(columns: [Int], keyRange: KeyRange) -> TableCursor {
        DiskCursor(parts: parts, columns: columns, keyRange: keyRange)
    }
}

/// Walks a snapshot's parts page by page.
final class DiskCursor: TableCursor {
    private let parts: [LivePart]
    private let columns: [Int]
    private let keyRange: KeyRange?
    private var partIndex = 0
    private var page = 0

    init(parts: [LivePart], columns: [Int], keyRange: KeyRange?) {
        self.parts = parts
        self.columns = columns
        self.keyRange = keyRange
    }

    func next() throws -> Batch? {
        while partIndex < parts.count {
            let live = parts[partIndex]
            guard page < live.pageCount else {
                partIndex += 1
                page = 0
                continue
            }
            let p = page
            page += 1
            if let keyRange, let bounds = live.part.bounds(page: p, column: keyRange.column),
                !bounds.mayContain(lower: keyRange.lower, upper: keyRange.upper)
            {
                continue
            }
            if let batch = try live.batch(page: p, columns: columns) { return batch }
        }
        return nil
    }
}
