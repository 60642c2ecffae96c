// Computing ORDER BY key columns over input batches, shared by the sort and top-k operators.

import LoupeCore
import LoupePlanner

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
    static func materialize(_ input: Operator, keys: [SortKey], evaluator: ExpressionEvaluator) throws -> (
        Batch, [Column]
    ) {
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
