// Conversions between column types: CAST, implicit supertype conversions, and converting INSERT
// input to the table's column types.

import LoupeCore

/// Type conversion of whole columns.
public enum Cast {
    /// `column` converted to `type`, or an error naming the first row (1-based) and value that
    /// cannot be converted.
    public static func convert(_ column: Column, to type: DataType) throws -> Column {
        if column.type == type { return column }
        throw LoupeError(.unsupported, "cannot convert \(column.type) to \(type)")
    }
}
