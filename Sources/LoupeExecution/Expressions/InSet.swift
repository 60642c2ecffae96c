// The hash set behind `IN`: the list's values converted once into the probed column's domain
// (Int64 slots, UInt64, Double or strings), so probing a row is one hash lookup without building
// a `Value`. Values that cannot equal any row of the probed type are dropped; NULLs never match.

import LoupeCore

/// Constant values to probe a column of `probeType` against.
struct InSet {
    let probeType: DataType
    /// Int64-slot values and UInt64 values, by bit pattern.
    private var bits = UInt64Set()
    /// Float values, by bit pattern.
    private var doubles = UInt64Set()
    private var strings = Set<String>()
    private var values = Set<Value>()

    init(probeType: DataType, values list: [Value]) {
        self.probeType = probeType
        let base = probeType.nonNullable
        for v in list where !v.isNull {
            switch base.physicalKind {
            case .int64:
                if case .string(let s) = v, base == .date || base == .dateTime {
                    if let t = TemporalText.parse(s, as: base) { bits.insert(UInt64(bitPattern: t)) }
                } else if let i = v.int64Value {
                    bits.insert(UInt64(bitPattern: i))
                }
            case .uint64:
                switch v {
                case .uint(let u): bits.insert(u)
                default: if let i = v.int64Value, i >= 0 { bits.insert(UInt64(i)) }
                }
            case .float32, .float64:
                if let d = v.doubleValue { doubles.insert(Self.key(d)) }
            case .string:
                if case .string(let s) = v { strings.insert(s) }
            case .array:
                values.insert(ValueOrder.normalized(v))
            }
        }
    }

    /// The set key of a float: its bit pattern, as ClickHouse hashes IN lists (so `nan IN (nan)`
    /// is 1 and `-0.0 IN (0)` is 0).
    private static func key(_ d: Double) -> UInt64 {
        d.bitPattern
    }

    /// True when row `i` of `column` (not NULL) is in the set.
    func contains(_ column: Column, _ i: Int) -> Bool {
        switch column.data {
        case .int64(let a): return bits.contains(UInt64(bitPattern: a[i]))
        case .uint64(let a): return bits.contains(a[i])
        case .float32(let a): return doubles.contains(Self.key(Double(a[i])))
        case .float64(let a): return doubles.contains(Self.key(a[i]))
        case .string(let o, let b): return strings.contains(String(decoding: b[o[i]..<o[i + 1]], as: UTF8.self))
        case .array: return values.contains(ValueOrder.normalized(column.value(at: i)))
        }
    }

    /// Sets `out[i] = hit` for every row of `column` found in the set.
    func mark(_ column: Column, into out: inout [Int64], hit: Int64) {
        switch column.data {
        case .int64(let a):
            if bits.count == 0 { return }
            for i in 0..<a.count where bits.contains(UInt64(bitPattern: a[i])) { out[i] = hit }
        case .uint64(let a):
            for i in 0..<a.count where bits.contains(a[i]) { out[i] = hit }
        case .float32(let a):
            for i in 0..<a.count where doubles.contains(Self.key(Double(a[i]))) { out[i] = hit }
        case .float64(let a):
            for i in 0..<a.count where doubles.contains(Self.key(a[i])) { out[i] = hit }
        default:
            for i in 0..<column.count where contains(column, i) { out[i] = hit }
        }
    }
}
