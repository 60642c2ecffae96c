// ORDER BY without LIMIT: materialises the input, evaluates the sort keys once, orders row
// positions with a stable comparison (ties keep input order), then emits gathered batches.

import LoupeCore
import LoupePlanner

/// Full sort.
final class SortOperator: Operator {
    private let input: Operator
    private let keys: [SortKey]
    private let evaluator: ExpressionEvaluator
    private var rows: Batch?
    private var order: [Int] = []
    private var position = 0

    var schema: Schema { input.schema }

    init(input: Operator, keys: [SortKey], evaluator: ExpressionEvaluator) {
        self.input = input
        self.keys = keys
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        if rows == nil {
            let (all, keyColumns) = try SortKeyEvaluation.materialize(input, keys: keys, evaluator: evaluator)
            order = SortKeyColumns(keyColumns, keys: keys).sortedPositions(count: all.count)
            rows = all
        }
        guard position < order.count else { return nil }
        let end = min(position + Batch.capacity, order.count)
        defer { position = end }
        return rows!.gatheringRows(Array(order[position..<end]))
    }
}
