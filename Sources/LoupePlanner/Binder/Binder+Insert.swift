// Binding INSERT: the column list maps source columns to table columns; VALUES rows become a
// `values` plan with every value already converted to its column's type (a value that does not
// convert is an error naming the row, column and value; NULL into a non-Nullable column gives the
// type's default, as ClickHouse's `input_format_null_as_default`); INSERT ... SELECT casts the
// query's columns to the column types. Columns not listed get their DEFAULT (bound here) or the
// type's default, and the table's CHECK constraints are bound for the executor to enforce.

import LoupeCore
import LoupeSQL

extension Binder {
    func bindInsert(_ insert: Insert) throws -> BoundStatement {
        let table = try tableDefinition(insert.table)
        if table.database == "system" {
            throw LoupeError(.unsupported, "Table system.\(table.name) is read-only", at: insert.table.range)
        }
        var targets: [Int] = []
        if let names = insert.columns {
            for name in names {
                guard let i = table.columnIndex(name.name) else {
                    throw LoupeError(
                        .unknownName, "There is no column '\(name.name)' in table \(table.database).\(table.name)",
                        at: name.range)
                }
                if targets.contains(i) {
                    throw LoupeError(.alreadyExists, "Column '\(name.name)' is listed twice", at: name.range)
                }
                targets.append(i)
            }
        } else {
            targets = Array(table.columns.indices)
        }
        if case .infile = insert.source { return try bindFileLoad(insert, into: table, targets: targets) }
        let targetFields = targets.map { Field(name: table.columns[$0].name, type: table.columns[$0].type) }

        var source: LogicalPlan
        switch insert.source {
        case .values(let rows):
            source = try bindValues(rows, into: table, targets: targets, schema: Schema(targetFields))
        case .select(let query):
            let plan = try bindSubquery(query)
            guard plan.schema.count == targets.count else {
                throw LoupeError(
                    .type,
                    "Number of columns doesn't match: the query returns \(plan.schema.count), the insert expects \(targets.count)",
                    at: query.range)
            }
            let exprs = try plan.schema.fields.enumerated().map { i, f in
                try castForStorage(.column(i, f.type), to: targetFields[i].type, column: targetFields[i].name)
            }
            source = .project(plan, expressions: exprs, schema: Schema(targetFields))
        case .infile, .format:
            throw LoupeError(.unsupported, "INSERT ... FORMAT with inline data is not supported", at: insert.range)
        }

        // DEFAULTs of omitted columns: constant ones go to `defaults`; one that reads other columns
        // (`b DEFAULT a * 2`) is computed from the inserted row and becomes an extra target.
        var defaults: [Int: BoundExpr] = [:]
        var computed: [(column: Int, expr: BoundExpr)] = []
        for i in table.columns.indices where !targets.contains(i) {
            guard let bound = try boundDefault(of: i, in: table) else { continue }
            let replacements = try table.columns.indices.map { j -> BoundExpr in
                if let k = targets.firstIndex(of: j) { return .column(k, table.columns[j].type) }
                if let d = try boundDefault(of: j, in: table), d.referencedColumns.isEmpty { return d }
                return .literal(table.columns[j].type.defaultValue, table.columns[j].type)
            }
            let expr = ConstantFolding.fold(bound.substituted(replacements))
            if expr.referencedColumns.isEmpty {
                defaults[i] = expr
            } else {
                computed.append((i, expr))
            }
        }
        if !computed.isEmpty {
            let passThrough = targetFields.enumerated().map { BoundExpr.column($0.offset, $0.element.type) }
            let fields = targetFields + computed.map { Field(name: table.columns[$0.column].name, type: $0.expr.type) }
            source = .project(source, expressions: passThrough + computed.map(\.expr), schema: Schema(fields))
            targets += computed.map(\.column)
        }
        return .insert(
            table: table, targetColumns: targets, source: source, defaults: defaults, checks: try boundChecks(of: table)
        )
    }

    /// Column `i`'s DEFAULT bound over the table row and converted to the column type, if it has one.
    func boundDefault(of i: Int, in table: TableDefinition) throws -> BoundExpr? {
        let column = table.columns[i]
        guard let text = column.defaultExpression else { return nil }
        let bound = try bindExpression(try Parser.parseExpression(text), over: table.schema)
        return ConstantFolding.fold(try castForStorage(bound, to: column.type, column: column.name))
    }

    /// The table's CHECK constraints bound over its row.
    func boundChecks(of table: TableDefinition) throws -> [BoundCheck] {
        try table.constraints.map { c in
            let predicate = try bindExpression(try Parser.parseExpression(c.expression), over: table.schema)
            return BoundCheck(name: c.name, text: c.expression, predicate: predicate)
        }
    }

    /// `expr` converted to a column's type for storing (CAST semantics; the type must be one the
    /// value can convert to at all).
    func castForStorage(_ expr: BoundExpr, to type: DataType, column: String) throws -> BoundExpr {
        if expr.type == type { return expr }
        guard Self.canStore(expr.type, in: type) else {
            throw LoupeError(.type, "Cannot convert \(expr.type) to \(type) for column '\(column)'", at: expr.range)
        }
        return BoundExpr(.cast(expr), type: type, range: expr.range)
    }

    /// True when values of `source` can be converted to `target` by a CAST.
    static func canStore(_ source: DataType, in target: DataType) -> Bool {
        let s = source.nonNullable
        let t = target.nonNullable
        if s == .nothing || s == t { return true }
        if let se = s.elementType, let te = t.elementType { return canStore(se, in: te) }
        if s.elementType != nil || t.elementType != nil { return false }
        return true
    }

    private func bindValues(_ rows: [[Expr]], into table: TableDefinition, targets: [Int], schema: Schema) throws
        -> LogicalPlan
    {
        var constantRows: [[Value]] = []
        constantRows.reserveCapacity(rows.count)
        var computedRows: [[BoundExpr]] = []
        for (r, row) in rows.enumerated() {
            guard row.count == targets.count else {
                throw LoupeError(
                    .type, "Row \(r + 1) has \(row.count) values, expected \(targets.count)",
                    at: row.first?.range, row: r + 1)
            }
            var values: [Value] = []
            var exprs: [BoundExpr] = []
            for (k, expr) in row.enumerated() {
                let column = table.columns[targets[k]]
                let bound: BoundExpr
                if case .array(let elements) = expr.kind, let (v, t) = try constantArray(elements) {
                    bound = BoundExpr(.literal(v), type: t, range: expr.range)
                } else {
                    var context = ExprContext(scope: .empty, clause: "VALUES")
                    bound = ConstantFolding.fold(try bindExpr(expr, &context))
                }
                exprs.append(bound)
                guard let v = bound.constantValue else { continue }
                if v.isNull && !column.type.isNullable {
                    values.append(column.type.defaultValue)
                    continue
                }
                do {
                    values.append(try LiteralConversion.convert(v, to: column.type))
                } catch {
                    throw LoupeError(
                        .type,
                        "Cannot insert \(ExprPrinter.literal(v)) into column '\(column.name)' of type \(column.type)",
                        at: expr.range, row: r + 1)
                }
            }
            if values.count == row.count {
                constantRows.append(values)
            } else {
                computedRows.append(
                    try zip(exprs, targets).map { e, i in
                        try castForStorage(e, to: table.columns[i].type, column: table.columns[i].name)
                    })
            }
        }
        let constants = LogicalPlan.values(rows: constantRows, schema: schema)
        if computedRows.isEmpty { return constants }
        // Rows with non-constant values (now(), rand()) are computed over a one-row input.
        let computed = computedRows.map { exprs in
            LogicalPlan.project(.values(rows: [[]], schema: Schema([])), expressions: exprs, schema: schema)
        }
        return .union((constantRows.isEmpty ? [] : [constants]) + computed, all: true, schema: schema)
    }
}
