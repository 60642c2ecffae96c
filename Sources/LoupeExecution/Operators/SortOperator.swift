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

/// Evaluating sort keys over input batches.
enum SortKeyEvaluation {
    /// The key columns of `keys` over `batch`.
    static func keyColumns(_ keys: [SortKey], of batch: Batch, evaluator: ExpressionEvaluator) throws -> [Column] {
        try keys.map { key in
            if case .column(let i) = key.expression.kind { return batch.columns[i] }
            return try evaluator.evaluate(key.expression, on: batch)
        }
    }

    /// Every input row, and the key columns over them.
    static func materialize(_ input: Operator, keys: [SortKey], evaluator: ExpressionEvaluator) throws -> (Batch, [Column]) {
        var batches: [Batch] = []
        var keyParts: [[Column]] = []
        while let batch = try input.next() {
            batches.append(batch)
            keyParts.append(try keyColumns(keys, of: batch, evaluator: evaluator))
        }
        let schema = input.schema
        let columns = schema.fields.indices.map { c in
            Column.concatenating(batches.map { $0.columns[c] }, type: schema.fields[c].type)
        }
        let keyColumns = keys.indices.map { k in
            Column.concatenating(keyParts.map { $0[k] }, type: keys[k].expression.type)
        }
        return (Batch(columns: columns, count: batches.reduce(0) { $0 + $1.count }), keyColumns)
    }
}
