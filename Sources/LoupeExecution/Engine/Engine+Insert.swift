// INSERT: runs the source (VALUES or SELECT) to completion, converts each source column to its
// target column's type, fills the other columns with their DEFAULT expression or the type's
// default, checks every CHECK constraint over the complete rows, and only then appends — so a
// failed INSERT stores nothing.

import LoupeCore
import LoupePlanner

extension Engine {
    /// Inserts the rows of `source`; returns how many.
    func insert(
        into table: TableDefinition, targetColumns: [Int], source: LogicalPlan, defaults: [Int: BoundExpr],
        checks: [BoundCheck]
    ) throws -> Int {
        let context = makeContext()
        let rows = try PhysicalPlanner(catalog: liveCatalog, context: context).makeOperator(source).materialize()
        let evaluator = ExpressionEvaluator(context: context)
        let count = rows.count
        var columns = [Column?](repeating: nil, count: table.columns.count)
        for (k, target) in targetColumns.enumerated() {
            let column = table.columns[target]
            do {
                columns[target] = try Cast.convert(rows.columns[k], to: column.type)
            } catch var error as LoupeError {
                error.message = "Cannot insert into column \(column.name): " + error.message
                throw error
            }
        }
        let noInput = Batch(columns: [], count: count)
        for c in columns.indices where columns[c] == nil {
            let column = table.columns[c]
            if let expression = defaults[c] {
                columns[c] = try Cast.convert(evaluator.evaluate(expression, on: noInput), to: column.type)
            } else {
                columns[c] = Column(type: column.type, repeating: column.type.defaultValue, count: count)
            }
        }
        let batch = Batch(columns: columns.map { $0! }, count: count)
        try ConstraintChecker(table: table, checks: checks, evaluator: evaluator).check(batch, firstRow: 1)
        guard count > 0 else { return 0 }
        try liveCatalog.store(database: table.database, name: table.name).append(batch)
        return count
    }
}
