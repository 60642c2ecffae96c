// One ORDER BY key materialised for comparison: its typed values plus the direction and the
// placement of NULLs and NaNs. ClickHouse places them after all values by default and before
// them with NULLS FIRST, in both directions: values, NaN, NULL (or NULL, NaN, values).

import Foundation
import LoupeCore
import LoupePlanner

/// Typed values of one sort key.
struct SortColumn {
    private enum Values {
        case int64([Int64])
        case uint64([UInt64])
        case float32([Float])
        case float64([Double])
        case string(offsets: [Int], bytes: [UInt8])
        /// Arrays: compared element by element through `Value` (rare as a sort key).
        case general(Column)
    }

    private let values: Values
    private let nulls: [Bool]?
    /// The key's column.
    let column: Column
    let descending: Bool
    let nullsFirst: Bool

    init(_ column: Column, descending: Bool, nullsFirst: Bool) {
        switch column.data {
        case .int64(let a): values = .int64(a)
        case .uint64(let a): values = .uint64(a)
        case .float32(let a): values = .float32(a)
        case .float64(let a): values = .float64(a)
        case .string(let o, let b): values = .string(offsets: o, bytes: b)
        case .array: values = .general(column)
        }
        nulls = column.nulls
        self.column = column
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    /// Compares row `i` of `self` with row `j` of `other` (a column of the same key): negative
    /// when row `i` sorts first, zero when they tie.
    @inline(__always)
    func compare(_ i: Int, _ other: SortColumn, _ j: Int) -> Int {
        let rankI = rank(i)
        let rankJ = other.rank(j)
        if rankI != rankJ { return rankI < rankJ ? -1 : 1 }
        if rankI != valueRank { return 0 }
        let c = compareValues(i, other, j)
        return descending ? -c : c
    }

    /// Where regular values sit among (values, NaN, NULL).
    var valueRank: Int { nullsFirst ? 2 : 0 }

    /// 0, 1, 2 in sort order among the classes value / NaN / NULL.
    @inline(__always)
    private func rank(_ i: Int) -> Int {
        if let nulls, nulls[i] { return nullsFirst ? 0 : 2 }
        switch values {
        case .float32(let a) where a[i].isNaN: return 1
        case .float64(let a) where a[i].isNaN: return 1
        default: return valueRank
        }
    }

    @inline(__always)
    private func compareValues(_ i: Int, _ other: SortColumn, _ j: Int) -> Int {
        switch (values, other.values) {
        case (.int64(let a), .int64(let b)): return a[i] < b[j] ? -1 : (a[i] == b[j] ? 0 : 1)
        case (.uint64(let a), .uint64(let b)): return a[i] < b[j] ? -1 : (a[i] == b[j] ? 0 : 1)
        case (.float32(let a), .float32(let b)): return a[i] < b[j] ? -1 : (a[i] == b[j] ? 0 : 1)
        case (.float64(let a), .float64(let b)): return a[i] < b[j] ? -1 : (a[i] == b[j] ? 0 : 1)
        case (.string(let ao, let ab), .string(let bo, let bb)):
            return Self.compareBytes(ab, ao[i], ao[i + 1], bb, bo[j], bo[j + 1])
        case (.general(let a), .general(let b)):
            return Self.compareGeneral(a.value(at: i), b.value(at: j))
        default:
            preconditionFailure("sort keys of different layouts")
        }
    }

    /// Byte-wise comparison of two strings, shorter first on a common prefix (ClickHouse order).
    @inline(__always)
    private static func compareBytes(_ a: [UInt8], _ aStart: Int, _ aEnd: Int, _ b: [UInt8], _ bStart: Int, _ bEnd: Int)
        -> Int
    {
        let n = min(aEnd - aStart, bEnd - bStart)
        if n > 0 {
            // Both ranges lie inside their buffers (taken from the columns' offsets).
            let c = a.withUnsafeBytes { pa in
                b.withUnsafeBytes { pb in memcmp(pa.baseAddress! + aStart, pb.baseAddress! + bStart, n) }
            }
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        let la = aEnd - aStart
        let lb = bEnd - bStart
        return la < lb ? -1 : (la == lb ? 0 : 1)
    }

    /// Order of two array values: element by element, NULL last, NaN after numbers.
    private static func compareGeneral(_ a: Value, _ b: Value) -> Int {
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
                let c = compareGeneral(u, v)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        }
        if let x = a.int64Value, let y = b.int64Value, !(a.doubleValue?.isNaN ?? false) {
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        let x = a.doubleValue ?? 0
        let y = b.doubleValue ?? 0
        if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}

/// A sort key reduced to two integers that order exactly as the key does: the class (value,
/// NaN, NULL in sort order) and an order-preserving 64-bit image of the value, inverted for DESC.
struct EncodedSortKey: Comparable {
    var rank: UInt8
    var bits: UInt64

    static func < (a: EncodedSortKey, b: EncodedSortKey) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.bits < b.bits
    }
}

extension SortColumn {
    /// The encoded keys of rows `0..<count` when this is a fixed-width key (integers, floats,
    /// dates), else nil.
    func encoded(count: Int) -> [EncodedSortKey]? {
        let valueRank = UInt8(self.valueRank)
        let nanRank: UInt8 = 1
        let nullRank: UInt8 = nullsFirst ? 0 : 2
        let flip: UInt64 = descending ? ~0 : 0
        var out: [EncodedSortKey]
        switch column.data {
        case .int64(let a):
            out = a.map { EncodedSortKey(rank: valueRank, bits: (UInt64(bitPattern: $0) ^ (1 << 63)) ^ flip) }
        case .uint64(let a):
            out = a.map { EncodedSortKey(rank: valueRank, bits: $0 ^ flip) }
        case .float64(let a):
            out = a.map {
                $0.isNaN
                    ? EncodedSortKey(rank: nanRank, bits: 0)
                    : EncodedSortKey(rank: valueRank, bits: Self.orderBits($0) ^ flip)
            }
        case .float32(let a):
            out = a.map {
                $0.isNaN
                    ? EncodedSortKey(rank: nanRank, bits: 0)
                    : EncodedSortKey(rank: valueRank, bits: Self.orderBits(Double($0)) ^ flip)
            }
        case .string, .array:
            return nil
        }
        if let nulls = column.nulls {
            for i in 0..<count where nulls[i] { out[i] = EncodedSortKey(rank: nullRank, bits: 0) }
        }
        return out
    }

    /// An unsigned image of a double that orders as the double does (-0 folded into 0).
    @inline(__always)
    private static func orderBits(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
