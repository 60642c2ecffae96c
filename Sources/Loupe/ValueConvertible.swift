// Conversions between Swift values and SQL values, for bound parameters and typed row access.
// A `[Float]` binds as an `Array(Float32)` value directly, without going through text.

import LoupeCore

/// A Swift type that can be bound as a parameter and read from a result column.
public protocol ValueConvertible {
    /// This value as a SQL value.
    var sqlValue: Value { get }
    /// The Swift value of a SQL value, or nil when it does not convert (wrong kind, NULL, overflow).
    init?(sqlValue: Value)
}

extension Value: ValueConvertible {
    public var sqlValue: Value { self }
    public init?(sqlValue: Value) { self = sqlValue }
}

extension Int: ValueConvertible {
    public var sqlValue: Value { .int(Int64(self)) }
    public init?(sqlValue: Value) {
        switch sqlValue {
        case .uint(let u): guard let v = Int(exactly: u) else { return nil }; self = v
        default: guard let v = sqlValue.int64Value else { return nil }; self = Int(v)
        }
    }
}

extension Int64: ValueConvertible {
    public var sqlValue: Value { .int(self) }
    public init?(sqlValue: Value) {
        guard let v = sqlValue.int64Value else { return nil }
        self = v
    }
}

extension Int32: ValueConvertible {
    public var sqlValue: Value { .int(Int64(self)) }
    public init?(sqlValue: Value) {
        guard let v = sqlValue.int64Value, let n = Int32(exactly: v) else { return nil }
        self = n
    }
}

extension UInt64: ValueConvertible {
    public var sqlValue: Value { .uint(self) }
    public init?(sqlValue: Value) {
        switch sqlValue {
        case .uint(let u): self = u
        default: guard let v = sqlValue.int64Value, v >= 0 else { return nil }; self = UInt64(v)
        }
    }
}

extension Double: ValueConvertible {
    public var sqlValue: Value { .float(self) }
    public init?(sqlValue: Value) {
        guard let v = sqlValue.doubleValue else { return nil }
        self = v
    }
}

extension Float: ValueConvertible {
    public var sqlValue: Value { .float(Double(self)) }
    public init?(sqlValue: Value) {
        guard let v = sqlValue.doubleValue else { return nil }
        self = Float(v)
    }
}

extension Bool: ValueConvertible {
    public var sqlValue: Value { .bool(self) }
    public init?(sqlValue: Value) {
        switch sqlValue {
        case .bool(let b): self = b
        case .int(let i): self = i != 0
        case .uint(let u): self = u != 0
        default: return nil
        }
    }
}

extension String: ValueConvertible {
    public var sqlValue: Value { .string(self) }
    public init?(sqlValue: Value) {
        guard case .string(let s) = sqlValue else { return nil }
        self = s
    }
}

extension Array: ValueConvertible where Element == Float {
    public var sqlValue: Value { .vector(self) }
    public init?(sqlValue: Value) {
        switch sqlValue {
        case .vector(let v): self = v
        case .array(let a):
            var out = [Float]()
            out.reserveCapacity(a.count)
            for e in a {
                guard let d = e.doubleValue else { return nil }
                out.append(Float(d))
            }
            self = out
        default: return nil
        }
    }
}

extension Optional: ValueConvertible where Wrapped: ValueConvertible {
    public var sqlValue: Value { self?.sqlValue ?? .null }
    public init?(sqlValue: Value) {
        if sqlValue.isNull {
            self = .none
        } else {
            guard let w = Wrapped(sqlValue: sqlValue) else { return nil }
            self = .some(w)
        }
    }
}
