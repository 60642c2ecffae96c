// varPop, varSamp, stddevPop and stddevSamp: per-group count, mean and sum of squared deviations
// (Welford's update, stable for large values). As in ClickHouse, an empty group gives nan, and the
// sample forms of a single value give nan.

import LoupeCore
import LoupePlanner

/// Accumulates variance and standard deviation.
final class VarianceState: AggregateState {
    private let type: DataType
    private let sample: Bool
    private let root: Bool
    private var counts: [Double] = []
    private var means: [Double] = []
    private var squares: [Double] = []

    init(_ call: AggregateCall, sample: Bool, root: Bool) throws {
        try AggregateFunctions.expectArguments(call, 1)
        type = call.type
        self.sample = sample
        self.root = root
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        counts.grow(to: groupCount, with: 0)
        means.grow(to: groupCount, with: 0)
        squares.grow(to: groupCount, with: 0)
        let v = column.doubleValues()
        for i in 0..<groups.count where !column.isNull(i) {
            let g = Int(groups[i])
            counts[g] += 1
            let delta = v[i] - means[g]
            means[g] += delta / counts[g]
            squares[g] += delta * (v[i] - means[g])
        }
    }

    func finish(groupCount: Int) throws -> Column {
        counts.grow(to: groupCount, with: 0)
        squares.grow(to: groupCount, with: 0)
        let out = (0..<groupCount).map { g -> Double in
            let divisor = sample ? counts[g] - 1 : counts[g]
            let variance = divisor > 0 ? max(0, squares[g] / divisor) : .nan
            return root ? variance.squareRoot() : variance
        }
        let nulls = type.isNullable ? NullMask.compact((0..<groupCount).map { counts[$0] == 0 }) : nil
        return NumericKernels.column(double: out, type: type, nulls: nulls)
    }
}
