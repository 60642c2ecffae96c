// sum(x): per-group sums in the result type's domain (Int64 and UInt64 wrap on overflow, as in
// ClickHouse; floats add in Float64). Rows with NULL are skipped; a Nullable result is NULL for a
// group that saw no value, a plain one is 0.

import LoupeCore
import LoupePlanner

/// Accumulates `sum`.
final class SumState: AggregateState {
    private let type: DataType
    private var ints: [Int64] = []
    private var uints: [UInt64] = []
    private var doubles: [Double] = []
    private var seen: [Bool] = []

    init(_ call: AggregateCall) throws {
        try AggregateFunctions.expectArguments(call, 1)
        guard call.type.isNumeric else {
            throw LoupeError(.type, "sum cannot produce \(call.type)")
        }
        type = call.type
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        let nulls = column.nulls
        seen.grow(to: groupCount, with: false)
        if type.isNullable {
            for i in 0..<groups.count where !(nulls?[i] ?? false) { seen[Int(groups[i])] = true }
        }
        let operand = Operand.column(column)
        switch type.physicalKind {
        case .float64, .float32:
            doubles.grow(to: groupCount, with: 0)
            guard case .array(let v) = operand.doubleLane() else { return }
            Self.accumulate(&doubles, v, groups, nulls, groupCount, +)
        case .uint64:
            uints.grow(to: groupCount, with: 0)
            guard case .array(let v) = operand.uint64Lane() else { return }
            Self.accumulate(&uints, v, groups, nulls, groupCount, &+)
        default:
            ints.grow(to: groupCount, with: 0)
            guard case .array(let v) = operand.int64Lane() else { return }
            Self.accumulate(&ints, v, groups, nulls, groupCount, &+)
        }
    }

    /// `acc[groups[i]] += values[i]` for non-NULL rows.
    @inline(__always)
    static func accumulate<T: Numeric>(
        _ acc: inout [T], _ values: [T], _ groups: UnsafeBufferPointer<Int32>, _ nulls: [Bool]?, _ groupCount: Int,
        _ add: (T, T) -> T
    ) {
        // Safe: group numbers are below groupCount (the length of `acc`); `values` has one entry per row.
        values.withUnsafeBufferPointer { v in
            acc.withUnsafeMutableBufferPointer { a in
                if let nulls {
                    for i in 0..<v.count where !nulls[i] { a[Int(groups[i])] = add(a[Int(groups[i])], v[i]) }
                } else if groupCount == 1 {
                    var total: T = 0
                    for x in v { total = add(total, x) }
                    a[0] = add(a[0], total)
                } else {
                    for i in 0..<v.count { a[Int(groups[i])] = add(a[Int(groups[i])], v[i]) }
                }
            }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        seen.grow(to: groupCount, with: false)
        let nulls = type.isNullable ? NullMask.compact(seen.prefix(groupCount).map { !$0 }) : nil
        switch type.physicalKind {
        case .float64, .float32:
            doubles.grow(to: groupCount, with: 0)
            return NumericKernels.column(double: Array(doubles.prefix(groupCount)), type: type, nulls: nulls)
        case .uint64:
            uints.grow(to: groupCount, with: 0)
            return NumericKernels.column(uint64: Array(uints.prefix(groupCount)), type: type, nulls: nulls)
        default:
            ints.grow(to: groupCount, with: 0)
            return NumericKernels.column(int64: Array(ints.prefix(groupCount)), type: type, nulls: nulls)
        }
    }
}
