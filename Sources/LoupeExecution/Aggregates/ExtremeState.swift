// min(x) and max(x) over numbers (in their own domain, so Int64 and UInt64 keep every bit),
// strings (bytewise) and arrays (element by element). NULL rows are skipped; a group that saw no
// value yields the type default (as ClickHouse), or NULL when the result is Nullable.

import LoupeCore
import LoupePlanner

/// Accumulates `min` or `max`.
final class ExtremeState: AggregateState {
    private let type: DataType
    private let isMax: Bool
    private var seen: [Bool] = []
    private var ints: [Int64] = []
    private var uints: [UInt64] = []
    private var doubles: [Double] = []
    private var strings: [[UInt8]] = []
    private var values: [Value] = []

    init(_ call: AggregateCall, max: Bool) throws {
        try AggregateFunctions.expectArguments(call, 1)
        type = call.type
        isMax = max
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        seen.grow(to: groupCount, with: false)
        switch column.data {
        case .int64(let a):
            ints.grow(to: groupCount, with: 0)
            fold(&ints, a, groups, column.nulls)
        case .uint64(let a):
            uints.grow(to: groupCount, with: 0)
            fold(&uints, a, groups, column.nulls)
        case .float32, .float64:
            doubles.grow(to: groupCount, with: 0)
            fold(&doubles, column.doubleValues(), groups, column.nulls)
        case .string(let offsets, let bytes):
            strings.grow(to: groupCount, with: [])
            for i in 0..<groups.count where !column.isNull(i) {
                let g = Int(groups[i])
                let row = bytes[offsets[i]..<offsets[i + 1]]
                if !seen[g] {
                    seen[g] = true
                    strings[g] = Array(row)
                    continue
                }
                let c = strings[g].withUnsafeBufferPointer { s in
                    bytes.withUnsafeBufferPointer { b in
                        StringComparison.compareBytes(b.baseAddress, offsets[i], row.count, s.baseAddress, 0, s.count)
                    }
                }
                if isMax ? c > 0 : c < 0 { strings[g] = Array(row) }
            }
        case .array:
            values.grow(to: groupCount, with: .null)
            for i in 0..<groups.count where !column.isNull(i) {
                let g = Int(groups[i])
                let v = column.value(at: i)
                if !seen[g] {
                    seen[g] = true
                    values[g] = v
                } else {
                    let c = ValueOrder.compare(v, values[g])
                    if isMax ? c > 0 : c < 0 { values[g] = v }
                }
            }
        }
    }

    /// Keeps the smaller or larger value per group.
    private func fold<T: Comparable>(
        _ acc: inout [T], _ values: [T], _ groups: UnsafeBufferPointer<Int32>, _ nulls: [Bool]?
    ) {
        let isMax = self.isMax
        // Safe: group numbers are below groupCount, the length of `acc` and `seen`.
        values.withUnsafeBufferPointer { v in
            acc.withUnsafeMutableBufferPointer { a in
                seen.withUnsafeMutableBufferPointer { s in
                    for i in 0..<v.count where !(nulls?[i] ?? false) {
                        let g = Int(groups[i])
                        if !s[g] {
                            s[g] = true
                            a[g] = v[i]
                        } else if isMax ? v[i] > a[g] : v[i] < a[g] {
                            a[g] = v[i]
                        }
                    }
                }
            }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        seen.grow(to: groupCount, with: false)
        let nulls = type.isNullable ? NullMask.compact(seen.prefix(groupCount).map { !$0 }) : nil
        switch type.physicalKind {
        case .int64:
            ints.grow(to: groupCount, with: 0)
            return NumericKernels.column(int64: Array(ints.prefix(groupCount)), type: type, nulls: nulls)
        case .uint64:
            uints.grow(to: groupCount, with: 0)
            return NumericKernels.column(uint64: Array(uints.prefix(groupCount)), type: type, nulls: nulls)
        case .float32, .float64:
            doubles.grow(to: groupCount, with: 0)
            return NumericKernels.column(double: Array(doubles.prefix(groupCount)), type: type, nulls: nulls)
        case .string:
            strings.grow(to: groupCount, with: [])
            var offsets = [0]
            var bytes = [UInt8]()
            for s in strings.prefix(groupCount) {
                bytes.append(contentsOf: s)
                offsets.append(bytes.count)
            }
            return Column(type: type, data: .string(offsets: offsets, bytes: bytes), nulls: nulls)
        case .array:
            values.grow(to: groupCount, with: .null)
            let rows = (0..<groupCount).map { seen[$0] ? values[$0] : type.defaultValue }
            return Column(type: type, values: rows)
        }
    }
}
