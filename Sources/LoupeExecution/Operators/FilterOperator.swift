// Keeps the rows of each input batch for which a predicate is true (NULL counts as false): the
// evaluator picks row positions, then every column is gathered once.

import LoupeCore
import LoupePlanner

/// WHERE / HAVING.
final class FilterOperator: Operator {
    private let input: Operator
    private let predicate: BoundExpr
    private let evaluator: ExpressionEvaluator

    var schema: Schema { input.schema }

    init(input: Operator, predicate: BoundExpr, evaluator: ExpressionEvaluator) {
        self.input = input
        self.predicate = predicate
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        while let batch = try input.next() {
            if let kept = try Self.apply(predicate, to: batch, evaluator: evaluator) { return kept }
        }
        return nil
    }

    /// The rows of `batch` that pass `predicate`, or nil when none does.
    static func apply(_ predicate: BoundExpr, to batch: Batch, evaluator: ExpressionEvaluator) throws -> Batch? {
        if let constant = predicate.constantValue {
            return constant.isNull || constant.int64Value == 0 ? nil : batch
        }
        let rows = try evaluator.selectRows(predicate, on: batch)
        if rows.isEmpty { return nil }
        if rows.count == batch.count { return batch }
        return batch.gatheringRows(rows)
    }
}
