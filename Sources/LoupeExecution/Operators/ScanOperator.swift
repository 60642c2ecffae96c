// Reads a table snapshot batch by batch, applying a pushed-down filter as it goes so rejected
// rows never leave the scan.

import LoupeCore
import LoupeStorage
import LoupePlanner

/// A table scan with an optional filter over the scanned columns.
final class ScanOperator: Operator {
    let schema: Schema
    private let cursor: TableCursor
    private let filter: BoundExpr?
    private let evaluator: ExpressionEvaluator

    init(cursor: TableCursor, schema: Schema, filter: BoundExpr?, evaluator: ExpressionEvaluator) {
        self.cursor = cursor
        self.schema = schema
        self.filter = filter
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        while let batch = try cursor.next() {
            guard let filter else { return batch.relabelled(as: schema) }
            if let kept = try FilterOperator.apply(filter, to: batch, evaluator: evaluator) {
                return kept.relabelled(as: schema)
            }
        }
        return nil
    }
}
