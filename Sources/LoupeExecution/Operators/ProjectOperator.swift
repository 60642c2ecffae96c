// Computes a list of expressions over each input batch; the output has one column per
// expression. Plain column references pass the input column through without copying.

import LoupeCore
import LoupePlanner

/// SELECT list evaluation.
final class ProjectOperator: Operator {
    let schema: Schema
    private let input: Operator
    private let expressions: [BoundExpr]
    private let evaluator: ExpressionEvaluator

    init(input: Operator, expressions: [BoundExpr], schema: Schema, evaluator: ExpressionEvaluator) {
        self.input = input
        self.expressions = expressions
        self.schema = schema
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        guard let batch = try input.next() else { return nil }
        let columns = try expressions.enumerated().map { k, expr -> Column in
            let column: Column
            if case .column(let i) = expr.kind {
                column = batch.columns[i]
            } else {
                column = try evaluator.evaluate(expr, on: batch)
            }
            return column.relabelled(as: schema.fields[k].type)
        }
        return Batch(columns: columns, count: batch.count)
    }
}
