// ORDER BY + LIMIT → top-k: a LIMIT directly over a sort becomes one `topK` node that keeps the
// first `offset + limit` rows in a bounded heap instead of sorting everything. The execution
// layer turns a top-k whose key is a distance to a constant vector over an indexed column into a
// vector-index search.

import LoupeCore

/// Fuses `limit(sort(x))` into `topK(x)`.
public struct TopKRule: OptimizerRule {
    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformUp { node in
            guard case .limit(let input, let limit?, let offset) = node, case .sort(let inner, let keys) = input else {
                return node
            }
            return .topK(inner, keys: keys, limit: limit, offset: offset)
        }
    }
}
