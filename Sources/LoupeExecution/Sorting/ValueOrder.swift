// A total order on `Value`s for the rare sort keys that have no typed fast path (arrays):
// NULL after everything, numbers numerically, strings byte-wise, arrays lexicographically.

import LoupeCore

/// Comparison of values of one type.
enum ValueOrder {
    /// Negative, zero or positive as `a` sorts before, with, or after `b`.
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.string(let x), .string(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: break
        }
        if let x = a.arrayElements, let y = b.arrayElements {
            for (u, v) in zip(x, y) {
                let c = compare(u, v)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        }
        if let x = a.int64Value, let y = b.int64Value, !(a.doubleValue?.isNaN ?? false) {
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        let x = a.doubleValue ?? 0, y = b.doubleValue ?? 0
        if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
