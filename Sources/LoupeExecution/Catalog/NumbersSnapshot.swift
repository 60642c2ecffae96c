// `system.numbers`: an endless table of consecutive UInt64 numbers, generated as it is read.

import LoupeCore
import LoupeStorage

/// `system.numbers`: the UInt64 sequence 0, 1, 2, ..., generated a batch at a time as it is read
/// (a query must stop reading it, with LIMIT, as in ClickHouse).
struct NumbersSnapshot: TableSnapshot {
    var rowCount: Int { Int.max }

    func scan(columns: [Int]) -> TableCursor { NumbersCursor(columns: columns) }
}

/// Yields consecutive numbers.
final class NumbersCursor: TableCursor {
    private let columns: [Int]
    private var first: UInt64 = 0

    init(columns: [Int]) { self.columns = columns }

    func next() throws -> Batch? {
        let start = first
        first += UInt64(Batch.capacity)
        let numbers = Column(type: .uint64, data: .uint64(Array(start..<first)))
        return Batch(columns: columns.map { _ in numbers }, count: Batch.capacity)
    }
}
