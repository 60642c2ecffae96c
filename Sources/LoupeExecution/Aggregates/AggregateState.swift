// The interface between the hash-aggregate operator and aggregate functions: the operator maps
// each input row to a group number; a state keeps one accumulator per group.

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
    /// A fresh state for `call`.
    public static func makeState(for call: AggregateCall) throws -> AggregateState {
        throw LoupeError(.unsupported, "aggregate function '\(call.function)' is not available")
    }
}
