// Runs the uncorrelated subqueries found inside expressions (IN (SELECT ...), scalar
// subqueries, EXISTS) for the expression evaluator: plans them against the same catalog and
// statement context as the outer query, and collects their rows.

import LoupeCore
import LoupePlanner

/// The executor's `SubqueryRunner`.
final class SubqueryExecutor: SubqueryRunner {
    private let catalog: Catalog
    /// The context this runner belongs to (it owns the runner, so the reference is weak).
    weak var context: EvaluationContext?

    init(catalog: Catalog) {
        self.catalog = catalog
    }

    func run(_ plan: LogicalPlan) throws -> [Batch] {
        guard let context else { preconditionFailure("subquery run after its statement ended") }
        try Self.prefetchSubqueries(of: plan, into: context)
        return try PhysicalPlanner(catalog: catalog, context: context).makeOperator(plan).drain()
    }

    /// Runs now every subquery inside `plan`'s expressions (and theirs, recursively), caching the
    /// rows in `context`, so a streamed query reads them from the same moment as its tables.
    static func prefetchSubqueries(of plan: LogicalPlan, into context: EvaluationContext) throws {
        var plans: [LogicalPlan] = []
        _ = plan.mapSubqueryPlans { nested in
            plans.append(nested)
            return nested
        }
        for nested in plans where context.subqueryCache[nested] == nil {
            guard let runner = context.subqueries else { return }
            context.subqueryCache[nested] = try runner.run(nested)
        }
    }

    /// A statement context whose subqueries run against `catalog`.
    static func makeContext(catalog: Catalog, settings: QuerySettings = [:], time: Int64) -> EvaluationContext {
        let runner = SubqueryExecutor(catalog: catalog)
        let context = EvaluationContext(statementTime: time, settings: settings, subqueries: runner)
        runner.context = context
        return context
    }
}
