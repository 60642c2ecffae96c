// The interface between the hash-aggregate operator and aggregate functions: the operator maps
// each input row to a group number; a state keeps one accumulator per group, in dense arrays
// indexed by group number. `makeState` resolves a call's canonical name (and the DISTINCT and
// `-If` forms) to a state.

import LoupeCore
import LoupePlanner

/// Accumulators of one aggregate call, one per group.
public protocol AggregateState: AnyObject {
    /// Adds input rows: row `i` of `arguments` (each `groups.count` rows) belongs to group
    /// `groups[i]`. Groups are numbered densely from 0; `groupCount` is the number of groups so far
    /// (at least `groups.max() + 1`).
    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws

    /// The results for groups `0..<groupCount`, of the call's result type.
    func finish(groupCount: Int) throws -> Column
}

/// Creates aggregate states.
public enum AggregateFunctions {
    /// The plain aggregate functions, by canonical name.
    static let names: Set<String> = [
        "count", "sum", "avg", "min", "max", "any", "anyLast", "uniq", "uniqExact", "groupArray", "argMin", "argMax",
        "quantile", "median", "quantileExact", "medianExact", "varPop", "varSamp", "stddevPop", "stddevSamp",
    ]

    /// A fresh state for `call`.
    public static func makeState(for call: AggregateCall) throws -> AggregateState {
        let name = call.function
        if call.distinct && name != "uniq" && name != "uniqExact" {
            if name == "count" {
                return UniqState(call, countsAll: call.arguments.isEmpty)
            }
            var plain = call
            plain.distinct = false
            return DistinctState(inner: try makeState(for: plain))
        }
        if name.hasSuffix("If"), name.count > 2, names.contains(String(name.dropLast(2))) {
            guard !call.arguments.isEmpty else {
                throw LoupeError(.type, "aggregate function \(name) expects a condition as its last argument")
            }
            var plain = call
            plain.function = String(name.dropLast(2))
            plain.arguments.removeLast()
            return IfState(inner: try makeState(for: plain))
        }
        switch name {
        case "count": return CountState(call)
        case "sum": return try SumState(call)
        case "avg": return try AvgState(call)
        case "min", "max": return try ExtremeState(call, max: name == "max")
        case "any", "anyLast": return try AnyState(call, last: name == "anyLast")
        case "uniq", "uniqExact": return UniqState(call, countsAll: false)
        case "groupArray": return try GroupArrayState(call)
        case "argMin", "argMax": return try ArgExtremeState(call, max: name == "argMax")
        case "quantile", "median": return try QuantileState(call, exact: false)
        case "quantileExact", "medianExact": return try QuantileState(call, exact: true)
        case "varPop", "varSamp", "stddevPop", "stddevSamp":
            return try VarianceState(call, sample: name.hasSuffix("Samp"), root: name.hasPrefix("stddev"))
        default:
            throw LoupeError(.unsupported, "aggregate function '\(name)' is not available")
        }
    }

    /// Fails unless `call` has exactly `count` arguments.
    static func expectArguments(_ call: AggregateCall, _ count: Int) throws {
        guard call.arguments.count == count else {
            throw LoupeError(
                .type, "aggregate function \(call.function) expects \(count) argument(s), got \(call.arguments.count)")
        }
    }
}

extension Array {
    /// Grows the array to `count` elements with `filler`.
    mutating func grow(to count: Int, with filler: Element) {
        if self.count < count { append(contentsOf: repeatElement(filler, count: count - self.count)) }
    }
}
