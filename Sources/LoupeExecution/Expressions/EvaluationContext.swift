// What expression evaluation needs besides the input batch: statement-wide constants (the
// statement's start time, so `now()` is the same in every row), settings, and a way to run the
// uncorrelated subqueries an expression contains.

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

    public init(statementTime: Int64, settings: QuerySettings = [:], subqueries: SubqueryRunner? = nil) {
        self.statementTime = statementTime
        self.settings = settings
        self.subqueries = subqueries
    }
}
