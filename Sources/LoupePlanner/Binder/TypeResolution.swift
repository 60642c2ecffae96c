// Column types as written in SQL (`UInt64`, `Array(Float32)`, `Nullable(String)`,
// `LowCardinality(String)`, `FixedString(16)`, and the SQL-standard aliases ClickHouse accepts
// case-insensitively: INT, BIGINT, FLOAT, DOUBLE, VARCHAR, TEXT, BOOLEAN...) resolved to
// `DataType`s. ClickHouse's own type names are case-sensitive.

import LoupeCore
import LoupeSQL

extension Binder {
    private static let exactNames: [String: DataType] = [
        "Bool": .bool, "Int8": .int8, "Int16": .int16, "Int32": .int32, "Int64": .int64,
        "UInt8": .uint8, "UInt16": .uint16, "UInt32": .uint32, "UInt64": .uint64,
        "Float32": .float32, "Float64": .float64, "String": .string, "Date": .date, "DateTime": .dateTime,
    ]
    private static let aliases: [String: DataType] = [
        "bool": .bool, "boolean": .bool, "tinyint": .int8, "smallint": .int16, "int": .int32, "integer": .int32,
        "bigint": .int64, "float": .float32, "real": .float32, "double": .float64, "text": .string,
        "varchar": .string, "char": .string, "string": .string,
    ]

    /// The type a type name denotes, or an error naming it.
    func resolveType(_ name: TypeName) throws -> DataType {
        func nested(_ what: String) throws -> DataType {
            guard name.arguments.count == 1, case .type(let inner) = name.arguments[0] else {
                throw LoupeError(.type, "\(what) needs exactly one type argument", at: name.range)
            }
            return try resolveType(inner)
        }
        switch name.name {
        case "Array": return .array(try nested("Array"))
        case "Nullable":
            let inner = try nested("Nullable")
            if inner.isNullable || inner.elementType != nil {
                throw LoupeError(.type, "Nested type \(inner) cannot be inside Nullable type", at: name.range)
            }
            return .nullable(inner)
        case "LowCardinality": return try nested("LowCardinality")
        case "FixedString":
            guard name.arguments.count == 1, case .integer(let n) = name.arguments[0], n > 0, n <= 1 << 20 else {
                throw LoupeError(.type, "FixedString needs one positive length argument", at: name.range)
            }
            return .fixedString(Int(n))
        case "DateTime":
            // An optional time zone argument is accepted; values are UTC.
            return .dateTime
        default: break
        }
        if let t = Self.exactNames[name.name] ?? Self.aliases[name.name.lowercased()] {
            if !name.arguments.isEmpty && ![.string].contains(t) {
                throw LoupeError(.type, "Data type \(name.name) takes no arguments", at: name.range)
            }
            return t
        }
        throw LoupeError(.unknownName, "Unknown data type family: \(name.name)", at: name.range)
    }
}
