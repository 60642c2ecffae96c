// Equality and ordering of single values, for the slow paths that work row by row (general IN
// lists, comparisons of arrays, min/max of arrays). Numbers compare by value across types,
// strings bytewise, arrays element by element; NULL sorts after everything.

import LoupeCore

/// Comparison of `Value`s as ClickHouse compares the values of comparable types.
enum ValueOrder {
    /// -1, 0 or 1 as `a` sorts before, with, or after `b`.
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.string(let x), .string(let y)):
            return StringComparison.bytewise(Array(x.utf8), Array(y.utf8))
        case (.uint(let x), .uint(let y)):
            return x < y ? -1 : (x > y ? 1 : 0)
        default:
            break
        }
        if let x = a.arrayElements, let y = b.arrayElements {
            for (u, v) in zip(x, y) {
                let c = compare(u, v)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        }
        if let x = a.int64Value, let y = b.int64Value, !isFloat(a), !isFloat(b) {
            return x < y ? -1 : (x > y ? 1 : 0)
        }
        if case .uint(let x) = a, let y = b.int64Value { return y < 0 ? 1 : compare(.uint(x), .uint(UInt64(y))) }
        if case .uint(let y) = b, let x = a.int64Value { return x < 0 ? -1 : compare(.uint(UInt64(x)), .uint(y)) }
        if let x = a.doubleValue, let y = b.doubleValue {
            return x < y ? -1 : (x > y ? 1 : 0)
        }
        return 0
    }

    /// True when `a` and `b` are equal (and neither is NULL).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        if a.isNull || b.isNull { return false }
        return compare(a, b) == 0
    }

    /// A canonical form for hashing: vectors as general arrays, integral floats kept as floats.
    static func normalized(_ v: Value) -> Value {
        switch v {
        case .vector(let f): return .array(f.map { .float(Double($0)) })
        case .array(let a): return .array(a.map(normalized))
        case .bool(let b): return .int(b ? 1 : 0)
        case .date(let d): return .int(Int64(d))
        case .dateTime(let t): return .int(t)
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : v
        default: return v
        }
    }

    private static func isFloat(_ v: Value) -> Bool {
        if case .float = v { return true }
        return false
    }
}
