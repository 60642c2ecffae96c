// The logical column types of the ClickHouse dialect Loupe speaks. A type says what values mean
// and how they print; `PhysicalKind` says how a column of that type is laid out in memory.

/// A SQL column type.
public indirect enum DataType: Hashable, Sendable, CustomStringConvertible {
    case bool
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64
    case string
    /// A string of exactly N bytes (shorter values are padded with zero bytes).
    case fixedString(Int)
    /// Days since 1970-01-01.
    case date
    /// Seconds since 1970-01-01 00:00:00 UTC.
    case dateTime
    case array(DataType)
    case nullable(DataType)
    /// The type of a bare `NULL` literal: converts to any Nullable type.
    case nothing

    /// ClickHouse's spelling, e.g. `Array(Nullable(Float32))`.
    public var description: String {
        switch self {
        case .bool: return "Bool"
        case .int8: return "Int8"
        case .int16: return "Int16"
        case .int32: return "Int32"
        case .int64: return "Int64"
        case .uint8: return "UInt8"
        case .uint16: return "UInt16"
        case .uint32: return "UInt32"
        case .uint64: return "UInt64"
        case .float32: return "Float32"
        case .float64: return "Float64"
        case .string: return "String"
        case .fixedString(let n): return "FixedString(\(n))"
        case .date: return "Date"
        case .dateTime: return "DateTime"
        case .array(let t): return "Array(\(t))"
        case .nullable(let t): return "Nullable(\(t))"
        case .nothing: return "Nullable(Nothing)"
        }
    }

    /// The type without a `Nullable` wrapper.
    public var nonNullable: DataType {
        if case .nullable(let t) = self { return t }
        return self
    }

    /// True for `Nullable(T)` and `Nothing`.
    public var isNullable: Bool {
        switch self {
        case .nullable, .nothing: return true
        default: return false
        }
    }

    /// `Nullable(self)`, unless it already is (arrays cannot be Nullable in ClickHouse, but Loupe
    /// allows it where an outer join needs it).
    public var asNullable: DataType {
        isNullable ? self : .nullable(self)
    }

    public var isSignedInteger: Bool {
        switch nonNullable {
        case .int8, .int16, .int32, .int64: return true
        default: return false
        }
    }

    public var isUnsignedInteger: Bool {
        switch nonNullable {
        case .uint8, .uint16, .uint32, .uint64, .bool: return true
        default: return false
        }
    }

    public var isInteger: Bool { isSignedInteger || isUnsignedInteger }

    public var isFloat: Bool {
        switch nonNullable {
        case .float32, .float64: return true
        default: return false
        }
    }

    public var isNumeric: Bool { isInteger || isFloat }

    public var isString: Bool {
        switch nonNullable {
        case .string, .fixedString: return true
        default: return false
        }
    }

    /// The element type of an array type.
    public var elementType: DataType? {
        if case .array(let t) = nonNullable { return t }
        return nil
    }

    /// Bit width of an integer type.
    public var integerBits: Int? {
        switch nonNullable {
        case .bool, .int8, .uint8: return 8
        case .int16, .uint16: return 16
        case .int32, .uint32: return 32
        case .int64, .uint64: return 64
        default: return nil
        }
    }

    /// How a column of this type is stored in memory.
    public var physicalKind: PhysicalKind {
        switch nonNullable {
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .date, .dateTime: return .int64
        case .uint64: return .uint64
        case .float32: return .float32
        case .float64: return .float64
        case .string, .fixedString: return .string
        case .array: return .array
        case .nothing: return .int64
        case .nullable: preconditionFailure("nonNullable removes Nullable")
        }
    }

    /// The value a non-nullable column of this type holds when none is given (ClickHouse's
    /// default: 0, '', [], 1970-01-01).
    public var defaultValue: Value {
        switch self {
        case .nullable, .nothing: return .null
        case .bool: return .bool(false)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32: return .int(0)
        case .uint64: return .uint(0)
        case .float32, .float64: return .float(0)
        case .string, .fixedString: return .string("")
        case .date: return .date(0)
        case .dateTime: return .dateTime(0)
        case .array(let element): return element == .float32 ? .vector([]) : .array([])
        }
    }
}

/// The in-memory layout classes. Several logical types share one layout: every integer type up
/// to 32 bits, Bool, Date and DateTime live in `Int64` slots (see docs/decisions/0002).
public enum PhysicalKind: Hashable, Sendable {
    case int64, uint64, float32, float64, string, array
}
