// Row mutations on existing tables: DELETE / ALTER TABLE ... DELETE and ALTER TABLE ... UPDATE.
// Both go through the store's all-or-nothing rewrite, so an error (a failed CHECK, a failed
// conversion) leaves the table unchanged.

import LoupeCore
import LoupePlanner

extension Engine {
    /// Deletes the rows matching `predicate`; returns how many.
    func delete(from table: TableDefinition, where predicate: BoundExpr) throws -> Int {
        let evaluator = ExpressionEvaluator(context: makeContext())
        let store = try liveCatalog.store(database: table.database, name: table.name)
        return try store.delete { batch in try evaluator.selectRows(predicate, on: batch) }
    }

    /// Applies `assignments` (column position → new value over the old row) to the rows matching
    /// `predicate`, checking constraints on the changed rows; returns how many rows changed.
    func update(
        _ table: TableDefinition, assignments: [Int: BoundExpr], where predicate: BoundExpr, checks: [BoundCheck]
    ) throws -> Int {
        let evaluator = ExpressionEvaluator(context: makeContext())
        let checker = ConstraintChecker(table: table, checks: checks, evaluator: evaluator)
        let store = try liveCatalog.store(database: table.database, name: table.name)
        var changed = 0
        var seen = 0
        try store.replaceRows { batch in
            defer { seen += batch.count }
            let rows = try evaluator.selectRows(predicate, on: batch)
            if rows.isEmpty { return nil }
            let old = batch.gatheringRows(rows)
            var columns = batch.columns
            var newRows = old.columns
            for (c, expression) in assignments {
                let value = try Cast.convert(evaluator.evaluate(expression, on: old), to: table.columns[c].type)
                newRows[c] = value
                columns[c] = batch.columns[c].replacingRows(rows, with: value)
            }
            try checker.check(Batch(columns: newRows, count: rows.count), rowNumbers: rows.map { seen + $0 + 1 })
            changed += rows.count
            return Batch(columns: columns, count: batch.count)
        }
        return changed
    }
}

extension Column {
    /// This column with row `rows[j]` replaced by row `j` of `values` (same layout).
    func replacingRows(_ rows: [Int], with values: Column) -> Column {
        var indices = Array(0..<count)
        for (j, r) in rows.enumerated() { indices[r] = count + j }
        var combined = self
        combined.appendRows(of: values.relabelled(as: type))
        return combined.gatheringRows(indices)
    }
}
