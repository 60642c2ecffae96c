// The smallest and largest sort-key value of a page, kept in the part index so a scan with a key
// range can skip pages that cannot hold a matching row. Bounds are conservative: a page with a
// NULL or a NaN key, or of an unordered type, has none; a long string's minimum is cut to a prefix
// (still a lower bound) and its maximum dropped. Comparisons with the range's values are exact,
// and any comparison that cannot be made exactly keeps the page.

import LoupeCore

/// A sort-key value in the form a part index keeps.
enum KeyBound: Sendable, Equatable {
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case bytes([UInt8])
}

/// The key bounds of one page; nil is unbounded.
struct PageBounds: Sendable, Equatable {
    var min: KeyBound?
    var max: KeyBound?

    static let unbounded = PageBounds(min: nil, max: nil)

    /// Longest string bound kept.
    static let stringLimit = 128

    /// The bounds of a page's key column.
    init(of column: Column) {
        self = .unbounded
        guard column.count > 0, column.nulls?.contains(true) != true else { return }
        switch column.data {
        case .int64(let a):
            min = .int(a.min()!)
            max = .int(a.max()!)
        case .uint64(let a):
            min = .uint(a.min()!)
            max = .uint(a.max()!)
        case .float32(let a):
            guard !a.contains(where: \.isNaN) else { return }
            min = .float(Double(a.min()!))
            max = .float(Double(a.max()!))
        case .float64(let a):
            guard !a.contains(where: \.isNaN) else { return }
            min = .float(a.min()!)
            max = .float(a.max()!)
        case .string(let offsets, let bytes):
            var low = bytes[offsets[0]..<offsets[1]]
            var high = low
            for i in 1..<column.count {
                let s = bytes[offsets[i]..<offsets[i + 1]]
                if s.lexicographicallyPrecedes(low) { low = s }
                if high.lexicographicallyPrecedes(s) { high = s }
            }
            min = .bytes(Array(low.prefix(Self.stringLimit)))
            max = high.count <= Self.stringLimit ? .bytes(Array(high)) : nil
        case .array:
            return
        }
    }

    init(min: KeyBound?, max: KeyBound?) {
        self.min = min
        self.max = max
    }

    /// False when no value of the page can lie in `lower...upper` (nil bounds are open).
    func mayContain(lower: Value?, upper: Value?) -> Bool {
        if let max, let lower, let order = Self.compare(max, lower), order < 0 { return false }
        if let min, let upper, let order = Self.compare(min, upper), order > 0 { return false }
        return true
    }

    /// The order of a stored bound and a range value (-1, 0, 1), or nil when they cannot be
    /// compared exactly.
    static func compare(_ bound: KeyBound, _ value: Value) -> Int? {
        switch (bound, value) {
        case (.bytes(let a), .string(let s)):
            let b = Array(s.utf8)
            return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        case (.bytes, _), (_, .string):
            return nil
        default:
            break
        }
        guard let right = Number(value) else { return nil }
        let left: Number
        switch bound {
        case .int(let i): left = .int(i)
        case .uint(let u): left = .uint(u)
        case .float(let f): left = .float(f)
        case .bytes: return nil
        }
        return Number.compare(left, right)
    }
}

/// A number from either side of a bound comparison.
private enum Number {
    case int(Int64)
    case uint(UInt64)
    case float(Double)

    init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .float(let f): self = .float(f)
        case .bool(let b): self = .int(b ? 1 : 0)
        case .date(let d): self = .int(Int64(d))
        case .dateTime(let t): self = .int(t)
        default: return nil
        }
    }

    /// Integers of at most this magnitude convert to Double exactly.
    static let exactLimit: Int64 = 1 << 53

    static func compare(_ a: Number, _ b: Number) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return order(x, y)
        case (.uint(let x), .uint(let y)): return order(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : order(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : order(x, UInt64(y))
        case (.float(let x), .float(let y)): return x.isNaN || y.isNaN ? nil : order(x, y)
        case (.float(let x), _):
            guard let y = b.exactDouble, !x.isNaN else { return nil }
            return order(x, y)
        case (_, .float(let y)):
            guard let x = a.exactDouble, !y.isNaN else { return nil }
            return order(x, y)
        }
    }

    /// The value as a Double when the conversion is exact.
    private var exactDouble: Double? {
        switch self {
        case .int(let i): return i.magnitude <= UInt64(Self.exactLimit) ? Double(i) : nil
        case .uint(let u): return u <= UInt64(Self.exactLimit) ? Double(u) : nil
        case .float(let f): return f
        }
    }

    private static func order<T: Comparable>(_ x: T, _ y: T) -> Int {
        x < y ? -1 : (x == y ? 0 : 1)
    }
}
