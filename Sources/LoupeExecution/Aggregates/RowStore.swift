// Keeps chosen input rows of an aggregate's argument across update calls, for the functions that
// return input values as they are (any, anyLast, groupArray): rows are gathered into chunks, and
// groups refer to them by their position in the concatenation of all chunks.

import LoupeCore

/// Input rows kept for later output, addressed by a global row number.
struct RowStore {
    private var chunks: [Column] = []
    /// Rows kept so far (the next row's global number).
    private(set) var count = 0

    /// Keeps the rows `rows` of `column`; returns the global number of the first.
    mutating func keep(_ column: Column, rows: [Int]) -> Int {
        let first = count
        if rows.isEmpty { return first }
        chunks.append(rows.count == column.count && rows.last == rows.count - 1 ? column : column.gather(rows))
        count += rows.count
        return first
    }

    /// The kept rows at global numbers `indices` (-1 gives the type default, or NULL), as `type`.
    func gather(_ indices: [Int], as type: DataType) -> Column {
        let all = Column.concatenate(chunks, type: type)
        return all.gather(indices)
    }
}
