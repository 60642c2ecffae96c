// Resolution of syntactic type names to `LoupeCore.DataType`. As in ClickHouse, its own type
// families are case-sensitive (`UInt64`, not `uint64`) while the SQL aliases it accepts (INT,
// BIGINT, VARCHAR(n), DOUBLE, ...) and Bool/Date/DateTime ignore case. `LowCardinality(T)` is
// storage advice and resolves to `T`.

import LoupeCore

extension TypeName {
    /// The data type this name denotes.
    ///
    /// - Throws: `LoupeError(.unknownName)` for an unknown type, `LoupeError(.type)` for wrong
    ///   arguments (`FixedString` without a length, `Nullable(Nullable(...))`).
    public func resolve() throws(LoupeError) -> DataType {
        if let proper = TypeName.caseSensitiveFamilies.first(where: { $0.lowercased() == name.lowercased() }),
            proper != name
        {
            throw LoupeError(.unknownName, "unknown data type '\(name)'; did you mean '\(proper)'?", at: range)
        }
        let upper = name.uppercased()
        if let simple = TypeName.simpleTypes[upper] {
            try checkArguments(allowed: TypeName.ignoredIntegerArguments.contains(upper) ? 1 : 0)
            return simple
        }
        switch upper {
        case "DATETIME":
            if arguments.count > 1 { throw argumentError("takes at most a time zone") }
            if let argument = arguments.first, argument.stringValue == nil {
                throw argumentError("takes a time zone string")
            }
            return .dateTime
        case "FIXEDSTRING":
            guard arguments.count == 1, case .integer(let n) = arguments[0], n > 0 else {
                throw argumentError("needs one positive integer length")
            }
            // ClickHouse's limit too: every value of the column is padded to this many bytes.
            guard n <= 0xFF_FFFF else { throw argumentError("length \(n) is too large (at most 16777215)") }
            return .fixedString(Int(n))
        case "ARRAY":
            return .array(try onlyTypeArgument().resolve())
        case "NULLABLE":
            let inner = try onlyTypeArgument().resolve()
            switch inner {
            case .nullable, .nothing: throw argumentError("cannot wrap a Nullable type")
            case .array: throw argumentError("cannot wrap an Array (use Array(Nullable(T)))")
            default: return .nullable(inner)
            }
        case "LOWCARDINALITY":
            return try onlyTypeArgument().resolve()
        default:
            throw LoupeError(.unknownName, "unknown data type '\(name)'", at: range)
        }
    }

    /// ClickHouse's own type families, whose names must be spelled exactly.
    static let caseSensitiveFamilies = [
        "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "String",
        "Array", "Nullable", "FixedString", "LowCardinality",
    ]

    /// Words that may follow a type name as part of it.
    static let secondWords: Set<String> = ["PRECISION", "SIGNED", "UNSIGNED", "VARYING"]

    private static let simpleTypes: [String: DataType] = [
        "INT8": .int8, "TINYINT": .int8, "INT1": .int8, "BYTE": .int8,
        "INT16": .int16, "SMALLINT": .int16, "INT2": .int16,
        "INT32": .int32, "INT": .int32, "INTEGER": .int32, "INT4": .int32, "MEDIUMINT": .int32,
        "INT64": .int64, "BIGINT": .int64,
        "UINT8": .uint8, "UINT16": .uint16, "UINT32": .uint32, "UINT64": .uint64,
        "FLOAT32": .float32, "FLOAT": .float32, "REAL": .float32,
        "FLOAT64": .float64, "DOUBLE": .float64,
        "STRING": .string, "TEXT": .string, "VARCHAR": .string, "CHAR": .string, "BLOB": .string,
        "BOOL": .bool, "BOOLEAN": .bool,
        "DOUBLE PRECISION": .float64, "CHARACTER": .string, "CHARACTER VARYING": .string, "CHAR VARYING": .string,
        "NCHAR": .string, "NVARCHAR": .string,
        "TINYINT SIGNED": .int8, "SMALLINT SIGNED": .int16, "INT SIGNED": .int32, "INTEGER SIGNED": .int32,
        "BIGINT SIGNED": .int64, "TINYINT UNSIGNED": .uint8, "SMALLINT UNSIGNED": .uint16,
        "INT UNSIGNED": .uint32, "INTEGER UNSIGNED": .uint32, "MEDIUMINT UNSIGNED": .uint32,
        "BIGINT UNSIGNED": .uint64, "INT1 UNSIGNED": .uint8,
        "DATE": .date,
    ]

    /// SQL aliases that accept (and ignore) a length or display width, like `VARCHAR(255)`.
    private static let ignoredIntegerArguments: Set<String> = [
        "VARCHAR", "CHAR", "TEXT", "BLOB", "INT", "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT",
        "CHARACTER", "CHARACTER VARYING", "CHAR VARYING", "NCHAR", "NVARCHAR",
    ]

    /// At most `allowed` integer arguments (a length or display width that changes nothing).
    private func checkArguments(allowed: Int) throws(LoupeError) {
        if arguments.count > allowed {
            throw argumentError(allowed == 0 ? "takes no arguments" : "takes at most \(allowed) argument")
        }
        for argument in arguments {
            guard case .integer = argument else { throw argumentError("takes an integer argument") }
        }
    }

    private func onlyTypeArgument() throws(LoupeError) -> TypeName {
        guard arguments.count == 1, case .type(let inner) = arguments[0] else {
            throw argumentError("needs one type argument")
        }
        return inner
    }

    private func argumentError(_ what: String) -> LoupeError {
        LoupeError(.type, "type \(name) \(what)", at: range)
    }
}

extension TypeArgument {
    /// The string of a `.string` argument.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

extension ColumnDefinition {
    /// The column's data type: its type name resolved, made Nullable by a `NULL` modifier.
    public func resolvedType() throws(LoupeError) -> DataType {
        let type = try self.type.resolve()
        guard nullable == true else { return type }
        switch type {
        case .nullable, .nothing: return type
        case .array: throw LoupeError(.type, "column \(name.name): an Array cannot be NULL (use Array(Nullable(T)))", at: range)
        default: return .nullable(type)
        }
    }
}
