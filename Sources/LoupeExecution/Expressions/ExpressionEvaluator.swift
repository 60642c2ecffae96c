// Evaluates bound expressions over a batch, a column at a time.

import LoupeCore
import LoupePlanner

/// Computes `BoundExpr`s over batches.
public struct ExpressionEvaluator {
    public let context: EvaluationContext

    public init(context: EvaluationContext) {
        self.context = context
    }

    /// The expression's value for every row of `batch`: a column of `batch.count` rows of type
    /// `expr.type`.
    public func evaluate(_ expr: BoundExpr, on batch: Batch) throws -> Column {
        throw LoupeError(.unsupported, "expression evaluation is not available", at: expr.range)
    }

    /// The positions of the rows of `batch` for which `predicate` is true (NULL counts as false).
    public func selectRows(_ predicate: BoundExpr, on batch: Batch) throws -> [Int] {
        throw LoupeError(.unsupported, "expression evaluation is not available", at: predicate.range)
    }
}
