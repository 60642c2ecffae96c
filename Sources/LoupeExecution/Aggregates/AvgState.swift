// avg(x): per-group Float64 sum and count of non-NULL rows. A group with no value averages to
// nan (ClickHouse's 0/0), or NULL when the result is Nullable.

import LoupeCore
import LoupePlanner

/// Accumulates `avg`.
final class AvgState: AggregateState {
    private let type: DataType
    private var sums: [Double] = []
    private var counts: [Int64] = []

    init(_ call: AggregateCall) throws {
        try AggregateFunctions.expectArguments(call, 1)
        type = call.type
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        sums.grow(to: groupCount, with: 0)
        counts.grow(to: groupCount, with: 0)
        let values = column.doubleValues()
        let nulls = column.nulls
        // Safe: group numbers are below groupCount, the length of both accumulators.
        values.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { c in
                    if let nulls {
                        for i in 0..<v.count where !nulls[i] {
                            s[Int(groups[i])] += v[i]
                            c[Int(groups[i])] += 1
                        }
                    } else if groupCount == 1 {
                        var total = 0.0
                        for x in v { total += x }
                        s[0] += total
                        c[0] += Int64(v.count)
                    } else {
                        for i in 0..<v.count {
                            s[Int(groups[i])] += v[i]
                            c[Int(groups[i])] += 1
                        }
                    }
                }
            }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        sums.grow(to: groupCount, with: 0)
        counts.grow(to: groupCount, with: 0)
        let averages = (0..<groupCount).map { sums[$0] / Double(counts[$0]) }
        let nulls = type.isNullable ? NullMask.compact((0..<groupCount).map { counts[$0] == 0 }) : nil
        return NumericKernels.column(double: averages, type: type, nulls: nulls)
    }
}
