// A part's vector column as a `VectorSource`: the raw float32 pages the part already stores, read
// through the page cache and borrowed as they are — the index never keeps a second copy of the
// vectors. A build reads the pages in order without caching them (a one-off pass, like a merge);
// a search's re-ranking reads the few pages its candidates live on through the cache.

import LoupeCore
import LoupeIndex

/// The vectors of one column of a part.
struct PartVectors: VectorSource {
    let part: Part
    let column: Int
    let dimension: Int
    /// Whether pages read are kept in the page cache.
    let cachePages: Bool

    var count: Int { part.rowCount }

    func forEachChunk(_ body: (Int, Int, UnsafePointer<Float>) throws -> Void) throws {
        for p in 0..<part.index.pageCount {
            let floats = try pageFloats(p)
            try floats.withUnsafeBufferPointer { try body(part.index.pageStarts[p], part.index.pageRows[p], $0.baseAddress!) }
        }
    }

    func withVectors(of rows: UnsafeBufferPointer<Int32>, _ body: (Int, UnsafePointer<Float>) throws -> Void) throws {
        // Visit rows page by page so each page is fetched once.
        let order = rows.indices.sorted { rows[$0] < rows[$1] }
        var i = 0
        while i < order.count {
            let row = Int(rows[order[i]])
            precondition(row >= 0 && row < count, "row \(row) out of range")
            let p = row / Batch.capacity
            let start = part.index.pageStarts[p]
            let end = start + part.index.pageRows[p]
            let floats = try pageFloats(p)
            try floats.withUnsafeBufferPointer { page in
                while i < order.count, Int(rows[order[i]]) < end {
                    // Row r of this page occupies page[(r - start)·dimension ..< (r - start + 1)·dimension],
                    // inside the page's pageRows·dimension floats (checked when the page was read).
                    try body(order[i], page.baseAddress! + (Int(rows[order[i]]) - start) * dimension)
                    i += 1
                }
            }
        }
    }

    /// The floats of page `p`, row-contiguous, checked to hold the page's rows of `dimension`.
    private func pageFloats(_ p: Int) throws -> [Float] {
        let page = try part.page(column: column, p, cacheResult: cachePages)
        let rows = part.index.pageRows[p]
        guard case .array(_, let elements) = page.data, case .float32(let floats) = elements.data,
            floats.count == rows * dimension
        else {
            let path = joinPath(part.directory, Part.columnFileName(column))
            throw LoupeError(
                .corrupt, "Page \(p) of \(path) does not hold \(rows) vectors of \(dimension) floats", file: path,
                page: p)
        }
        return floats
    }
}
