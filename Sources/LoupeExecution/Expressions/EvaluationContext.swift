// What expression evaluation needs besides the input batch: statement-wide constants (the
// statement's start time, so `now()` is the same in every row), settings, bound parameter values,
// and a way to run the uncorrelated subqueries an expression contains.

import LoupeCore
import LoupePlanner

/// Runs an uncorrelated subquery to completion (provided by the executor).
public protocol SubqueryRunner: AnyObject {
    /// Every row the plan produces.
    func run(_ plan: LogicalPlan) throws -> [Batch]
}

/// Statement-wide state shared by every expression evaluated for one statement.
public final class EvaluationContext: @unchecked Sendable {
    /// Seconds since the epoch when the statement started (`now()`, `today()`).
    public let statementTime: Int64
    public let settings: QuerySettings
    public let subqueries: SubqueryRunner?
    /// Results of subqueries already run, so each runs once per statement.
    public var subqueryCache: [LogicalPlan: [Batch]] = [:]
    /// Values of the statement's bound parameters (`BoundExpr.Kind.parameter(i)` is `parameters[i]`).
    public var parameters: [Value]
    /// Per-statement values derived from subquery results (hash sets for IN), keyed by plan.
    var subquerySets: [LogicalPlan: InSet] = [:]
    /// State of `rand()`: one generator per statement, seeded from the clock.
    var random: RandomState

    public init(
        statementTime: Int64, settings: QuerySettings = [:], subqueries: SubqueryRunner? = nil,
        parameters: [Value] = []
    ) {
        self.statementTime = statementTime
        self.settings = settings
        self.subqueries = subqueries
        self.parameters = parameters
        self.random = RandomState(
            seed: UInt64(bitPattern: statementTime) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64.random(in: 0...UInt64.max))
    }

    /// The rows of an uncorrelated subquery, run at most once per statement.
    func subqueryRows(_ plan: LogicalPlan) throws -> [Batch] {
        if let cached = subqueryCache[plan] { return cached }
        guard let runner = subqueries else {
            throw LoupeError(.unsupported, "subqueries cannot run in this context")
        }
        let batches = try runner.run(plan)
        subqueryCache[plan] = batches
        return batches
    }
}

/// A xorshift64* generator: fast, per statement, good enough for `rand()`.
struct RandomState {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
