// Binding CREATE TABLE: column types are resolved, DEFAULT and CHECK expressions are bound over
// the table's columns (a CHECK must be boolean-like, a DEFAULT must convert to its column's type),
// ORDER BY / PRIMARY KEY must be expressions over the columns, and vector indexes declared inside
// the table are validated like `ALTER TABLE ADD VECTOR INDEX`. Expressions are stored as SQL text.

import LoupeCore
import LoupeSQL

extension Binder {
    func bindCreateTable(_ create: CreateTable) throws -> BoundStatement {
        let (database, name) = try resolveTableName(create.name, mustExist: false)
        if database == "system" {
            throw LoupeError(.unsupported, "Cannot create tables in database 'system'", at: create.name.range)
        }
        if catalog.table(database: database, name: name) != nil && !create.ifNotExists {
            throw LoupeError(.alreadyExists, "Table \(database).\(name) already exists", at: create.name.range)
        }
        if let asSelect = create.asSelect {
            throw LoupeError(.unsupported, "CREATE TABLE ... AS SELECT is not supported", at: asSelect.range)
        }
        guard !create.columns.isEmpty else {
            throw LoupeError(.syntax, "Table \(database).\(name) must have at least one column", at: create.range)
        }

        var columns: [ColumnDefinition] = []
        for c in create.columns {
            if columns.contains(where: { $0.name == c.name.name }) {
                throw LoupeError(.alreadyExists, "Column '\(c.name.name)' is defined twice", at: c.name.range)
            }
            _ = try resolveType(c.type)
            columns.append(ColumnDefinition(name: c.name.name, type: try c.resolvedType()))
        }
        var table = TableDefinition(database: database, name: name, columns: columns)
        let schema = table.schema

        for (i, c) in create.columns.enumerated() {
            guard let d = c.defaultValue else { continue }
            guard d.kind == .default else {
                throw LoupeError(
                    .unsupported, "\(d.kind.rawValue) columns are not supported; use DEFAULT", at: d.expr.range)
            }
            let bound = try bindExpression(d.expr, over: schema)
            _ = try castForStorage(bound, to: columns[i].type, column: columns[i].name)
            table.columns[i].defaultExpression = SQLPrinter.sql(d.expr)
        }
        for constraint in create.constraints {
            if table.constraints.contains(where: { $0.name == constraint.name.name }) {
                throw LoupeError(
                    .alreadyExists, "Constraint '\(constraint.name.name)' is defined twice", at: constraint.name.range)
            }
            let bound = try bindExpression(constraint.check, over: schema)
            try requireBoolean(bound, clause: "CHECK constraint '\(constraint.name.name)'")
            table.constraints.append(
                CheckConstraint(name: constraint.name.name, expression: SQLPrinter.sql(constraint.check)))
        }
        table.orderBy = try keyTexts(create.orderBy, over: schema)
        table.primaryKey = try create.primaryKey.map { try keyTexts($0, over: schema) } ?? table.orderBy
        if let engine = create.engine {
            let args = engine.arguments.map { "(" + $0.map(SQLPrinter.sql).joined(separator: ", ") + ")" } ?? "()"
            guard engine.name.name.hasSuffix("MergeTree") || ["Memory", "Log", "TinyLog"].contains(engine.name.name)
            else {
                throw LoupeError(
                    .unsupported, "Engine \(engine.name.name) is not supported; use MergeTree", at: engine.range)
            }
            table.engine = engine.name.name + args
        }
        for s in create.settings {
            var context = ExprContext(scope: .empty, clause: "SETTINGS")
            table.settings[s.name.name] = ValueFormatter.text(
                try constantValue(of: s.value, &context), quoteStrings: false)
        }
        for index in create.vectorIndexes {
            let definition = try vectorIndexDefinition(index, on: table)
            if table.vectorIndexes.contains(where: { $0.name == definition.name }) {
                throw LoupeError(
                    .alreadyExists, "Vector index '\(definition.name)' is defined twice", at: index.name.range)
            }
            table.vectorIndexes.append(definition)
        }
        return .createTable(table, ifNotExists: create.ifNotExists)
    }

    /// ORDER BY / PRIMARY KEY: `tuple()` (none), `(a, b)`, `tuple(a, b)` or one expression; each
    /// part is bound over the columns to check it, and kept as SQL text.
    private func keyTexts(_ key: Expr?, over schema: Schema) throws -> [String] {
        guard let key else { return [] }
        let parts: [Expr]
        switch key.kind {
        case .tuple(let items): parts = items
        case .function(let call) where call.name.name.lowercased() == "tuple": parts = call.arguments
        default: parts = [key]
        }
        for p in parts {
            let bound = try bindExpression(p, over: schema)
            if bound.type.elementType != nil {
                throw LoupeError(
                    .type, "Sorting key cannot contain array \(SQLPrinter.sql(p)) of type \(bound.type)", at: p.range)
            }
        }
        return parts.map(SQLPrinter.sql)
    }
}
