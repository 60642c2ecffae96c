// The read side of `MemoryTableStore`: an immutable list of segments and a cursor that hands
// them out batch by batch (a segment is one batch, so usually without copying).

import LoupeCore
import LoupeIndex

/// A frozen list of segments.
package struct MemorySnapshot: TableSnapshot {
    let segments: [Segment]
    package let rowCount: Int
    /// Vector indexes over a prefix of these rows, by index file name.
    var indexes: [String: VectorIndex] = [:]

    package func scan(columns: [Int]) -> TableCursor {
        SegmentCursor(segments: segments, columns: columns)
    }
}

extension MemorySnapshot {
    /// A one-segment snapshot of ready-made columns.
    package init(columns: [Column], count: Int) {
        self.init(segments: count == 0 ? [] : [Segment(columns: columns, count: count)], rowCount: count)
    }
}

/// Walks segments batch by batch.
final class SegmentCursor: TableCursor {
    private let segments: [Segment]
    private let columns: [Int]
    private var segmentIndex = 0
    private var row = 0

    init(segments: [Segment], columns: [Int]) {
        self.segments = segments
        self.columns = columns
    }

    func next() throws -> Batch? {
        while segmentIndex < segments.count {
            let segment = segments[segmentIndex]
            if row >= segment.count {
                segmentIndex += 1
                row = 0
                continue
            }
            let range = row..<min(row + Batch.capacity, segment.count)
            row = range.upperBound
            return Batch(columns: columns.map { segment.columns[$0].rows(in: range) }, count: range.count)
        }
        return nil
    }
}
