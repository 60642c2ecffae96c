// quantile(level)(x), median(x), quantileExact(level)(x) and medianExact(x): every non-NULL value
// of a group is kept and sorted at the end. `quantile` interpolates linearly at position
// level·(n − 1) and returns Float64 (ClickHouse's answer while its sample holds every value);
// `quantileExact` returns the value at position ⌊level·n⌋ in the argument's type.

import LoupeCore
import LoupePlanner

/// Accumulates quantiles.
final class QuantileState: AggregateState {
    private let type: DataType
    private let level: Double
    private let interpolate: Bool
    private var values: [[Double]] = []

    init(_ call: AggregateCall, exact: Bool) throws {
        try AggregateFunctions.expectArguments(call, 1)
        guard call.arguments[0].type.nonNullable.physicalKind != .string,
            call.arguments[0].type.nonNullable.physicalKind != .array
        else {
            throw LoupeError(.type, "\(call.function) of \(call.arguments[0].type) is not supported")
        }
        type = call.type
        level = call.parameters.first?.doubleValue ?? 0.5
        guard (0...1).contains(level) else {
            throw LoupeError(.type, "the level of \(call.function) must be between 0 and 1, got \(level)")
        }
        interpolate = !exact
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        values.grow(to: groupCount, with: [])
        let v = column.doubleValues()
        for i in 0..<groups.count where !column.isNull(i) { values[Int(groups[i])].append(v[i]) }
    }

    func finish(groupCount: Int) throws -> Column {
        values.grow(to: groupCount, with: [])
        var out = [Double](repeating: 0, count: groupCount)
        var empty = [Bool](repeating: false, count: groupCount)
        for g in 0..<groupCount {
            let sorted = values[g].sorted()
            let n = sorted.count
            if n == 0 {
                empty[g] = true
                out[g] = interpolate ? .nan : 0
            } else if interpolate {
                let position = level * Double(n - 1)
                let lower = Int(position.rounded(.down))
                let upper = min(lower + 1, n - 1)
                let fraction = position - Double(lower)
                out[g] = sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
            } else {
                out[g] = sorted[min(Int(level * Double(n)), n - 1)]
            }
        }
        let nulls = type.isNullable ? NullMask.compact(empty) : nil
        return NumericKernels.column(double: out, type: type, nulls: nulls)
    }
}
