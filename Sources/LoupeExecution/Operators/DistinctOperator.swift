// SELECT DISTINCT and UNION DISTINCT: streams each batch's rows whose whole-row key has not been
// seen before, in order of first appearance. NULLs compare equal to each other, as ClickHouse does.

import LoupeCore

/// Hash-based duplicate removal.
final class DistinctOperator: Operator {
    private let input: Operator
    private let index: KeyIndex
    private var sawColumnlessRow = false

    var schema: Schema { input.schema }

    init(input: Operator) {
        self.input = input
        self.index = KeyIndex(types: input.schema.types, nullMode: .group)
    }

    func next() throws -> Batch? {
        while let batch = try input.next() {
            if batch.columns.isEmpty {
                // Rows without columns are all equal: keep one.
                if sawColumnlessRow || batch.count == 0 { continue }
                sawColumnlessRow = true
                return Batch(columns: [], count: 1)
            }
            var newRows: [Int] = []
            _ = index.insert(batch.columns, count: batch.count, newRows: &newRows)
            if newRows.isEmpty { continue }
            return newRows.count == batch.count ? batch : batch.gatheringRows(newRows)
        }
        return nil
    }
}
