// The optimizer: a fixed sequence of rewrite rules, each in its own file, applied to the plan and
// to every subquery plan inside its expressions. Every rule keeps the plan's output (columns,
// types, rows) the same; rules only change how the rows are computed.

import LoupeCore

/// One plan rewrite that preserves the plan's result.
public protocol OptimizerRule: Sendable {
    /// The rewritten plan.
    func apply(_ plan: LogicalPlan) -> LogicalPlan
}

/// Runs the rules in order: fold constants, push filters down, fuse ORDER BY + LIMIT into top-k,
/// then prune the columns scans read.
public struct Optimizer: Sendable {
    public let rules: [any OptimizerRule]

    public init() {
        self.rules = [ConstantFolding(), PredicatePushdown(), TopKRule(), ProjectionPushdown()]
    }

    /// An optimizer running `rules` (tests run one rule at a time).
    public init(rules: [any OptimizerRule]) {
        self.rules = rules
    }

    /// The optimized plan, subqueries included.
    public func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        var result = plan
        for rule in rules { result = rule.apply(result) }
        return result.mapSubqueryPlans(optimize)
    }
}
