// The check every store applies to rows it is handed: one column per table column, each with
// the batch's row count and the table column's layout, NULLs only where the type is Nullable.
// Columns come back relabelled to the table's exact types.

import LoupeCore

/// The batch's columns relabelled to `types`, after checking that there is one per table column,
/// of the same layout and row count, with NULLs only in Nullable columns.
func validatedColumns(_ batch: Batch, types: [DataType]) throws -> [Column] {
    guard batch.columns.count == types.count else {
        throw LoupeError(.type, "expected \(types.count) columns, got \(batch.columns.count)")
    }
    return try batch.columns.enumerated().map { c, column in
        let type = types[c]
        guard column.count == batch.count, column.type.nonNullable == type.nonNullable || column.type == .nothing
        else {
            throw LoupeError(.type, "column \(c + 1): expected \(type), got \(column.type) with \(column.count) rows")
        }
        if !type.isNullable, let flags = column.nulls, flags.contains(true) {
            throw LoupeError(.type, "column \(c + 1): NULL in a column of non-Nullable type \(type)")
        }
        return column.type == .nothing
            ? Column(type: type, repeating: .null, count: column.count)
            : column.relabelled(as: type)
    }
}
