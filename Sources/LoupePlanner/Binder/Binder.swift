// The binder turns a parsed statement (LoupeSQL's AST) into a `BoundStatement`: every name is
// resolved against the catalog, every expression is typed (implicit conversions become explicit
// casts, constants are folded), and SELECTs become logical plans. Its extensions are split by
// concern: Binder+Select (queries), Binder+From (tables and joins), Aggregation (GROUP BY),
// Binder+Expr and Binder+Functions (expressions), Binder+Insert, Binder+DDL, Binder+VectorIndex
// and Binder+Show (SHOW/DESCRIBE/EXISTS over the system tables).
//
// The system tables the binder reads (provided by the execution layer through `CatalogReader`):
// - `system.databases(name String)`
// - `system.tables(database String, name String, engine String, create_table_query String,
//   total_rows Nullable(UInt64))`
// - `system.columns(database String, table String, name String, type String, position UInt64,
//   default_kind String, default_expression String)`
// - `system.vector_indices(database String, table String, name String, column String,
//   type String, status String)` (read by users' queries, e.g. the walkthrough's status check)

import LoupeCore
import LoupeSQL

/// Resolves and types statements against a catalog.
public struct Binder {
    let catalog: CatalogReader
    let parameters: [Value]
    let namedParameters: [String: Value]
    /// `WITH name AS (SELECT ...)` queries visible to the query being bound (and its subqueries).
    var ctes: [String: Query] = [:]
    /// `WITH expr AS name` constants visible to the query being bound (and its subqueries).
    var constants: [String: Expr] = [:]
    /// `key=value` vector search parameters from the query's SETTINGS, given to distance calls
    /// that name none of their own.
    var searchParameters: [Value] = []

    /// A binder over `catalog`. `parameters` fill positional `?` in order; `namedParameters` fill
    /// `{name:Type}` (converted to the declared type; a `[Float]` is `Value.vector`).
    public init(catalog: CatalogReader, parameters: [Value] = [], namedParameters: [String: Value] = [:]) {
        self.catalog = catalog
        self.parameters = parameters
        self.namedParameters = namedParameters
    }

    /// The statement with every name resolved and every expression typed.
    public func bind(_ statement: Statement) throws -> BoundStatement {
        switch statement {
        case .select(let query):
            let (plan, settings) = try bindTopQuery(query)
            return .query(plan, settings: settings)
        case .explain(let explain):
            return try bindExplain(explain)
        case .insert(let insert):
            return try bindInsert(insert)
        case .createDatabase(let s):
            return .createDatabase(name: s.name.name, ifNotExists: s.ifNotExists)
        case .dropDatabase(let s):
            return .dropDatabase(name: s.name.name, ifExists: s.ifExists)
        case .use(let s):
            guard catalog.databaseNames().contains(s.database.name) else {
                throw LoupeError(.unknownName, "Database '\(s.database.name)' does not exist", at: s.database.range)
            }
            return .useDatabase(s.database.name)
        case .createTable(let s):
            return try bindCreateTable(s)
        case .dropTable(let s):
            let (database, name) = try resolveTableName(s.name, mustExist: !s.ifExists)
            return .dropTable(database: database, name: name, ifExists: s.ifExists)
        case .truncateTable(let s):
            let (database, name) = try resolveTableName(s.name, mustExist: !s.ifExists)
            return .truncateTable(database: database, name: name, ifExists: s.ifExists)
        case .alterTable(let s):
            return try bindAlter(s)
        case .delete(let s):
            let table = try tableDefinition(s.table)
            return .delete(table: table, predicate: try bindPredicate(s.where, over: table, clause: "DELETE"))
        case .createVectorIndex(let s):
            let table = try tableDefinition(s.table)
            return try bindAddVectorIndex(s.index, to: table, ifNotExists: s.ifNotExists)
        case .dropVectorIndex(let s):
            return try bindDropVectorIndex(s.name, on: try tableDefinition(s.table), ifExists: s.ifExists)
        case .showTables(let s):
            return try bindShowTables(s)
        case .showDatabases(let s):
            return try bindShowDatabases(s)
        case .showCreateTable(let s):
            return try bindShowCreateTable(s)
        case .describe(let s):
            return try bindDescribe(s)
        case .exists(let s):
            return bindExistsTable(s)
        case .optimize(let s):
            let table = try tableDefinition(s.table)
            return .command(
                words: ["OPTIMIZE", "TABLE", "\(table.database).\(table.name)"] + (s.final ? ["FINAL"] : []))
        case .system(let s):
            return .command(words: s.words)
        }
    }

    /// Binds `expr` over the columns of `schema` (DEFAULT and CHECK expressions of a table).
    public func bindExpression(_ expr: Expr, over schema: Schema) throws -> BoundExpr {
        var context = ExprContext(scope: Scope(schema: schema), clause: "expression")
        return ConstantFolding.fold(try bindExpr(expr, &context))
    }

    private func bindExplain(_ explain: Explain) throws -> BoundStatement {
        if let kind = explain.kind, kind != .plan {
            throw LoupeError(
                .unsupported, "EXPLAIN \(kind.rawValue) is not supported; use EXPLAIN or EXPLAIN PLAN",
                at: explain.range)
        }
        guard case .select(let query) = explain.statement else {
            throw LoupeError(.unsupported, "EXPLAIN supports SELECT queries only", at: explain.statement.range)
        }
        let (plan, _) = try bindTopQuery(query)
        return .explain(Optimizer().optimize(plan))
    }

    private func bindAlter(_ alter: AlterTable) throws -> BoundStatement {
        guard alter.commands.count == 1, let command = alter.commands.first else {
            throw LoupeError(
                .unsupported, "ALTER TABLE with several commands is not supported; write one ALTER per command",
                at: alter.range)
        }
        let table = try tableDefinition(alter.table)
        switch command.kind {
        case .addVectorIndex(let index, let ifNotExists):
            return try bindAddVectorIndex(index, to: table, ifNotExists: ifNotExists)
        case .dropVectorIndex(let name, let ifExists):
            return try bindDropVectorIndex(name, on: table, ifExists: ifExists)
        case .delete(let predicate):
            return .delete(table: table, predicate: try bindPredicate(predicate, over: table, clause: "DELETE"))
        case .update(let assignments, let predicate):
            return try bindUpdate(table, assignments, predicate)
        case .addColumn, .dropColumn:
            throw LoupeError(.unsupported, "ALTER TABLE ADD/DROP COLUMN is not supported", at: command.range)
        }
    }

    // MARK: Tables.

    /// The database a table name refers to (`db.t` or the current database).
    func databaseName(of name: TableName) -> String {
        name.database?.name ?? catalog.currentDatabase
    }

    /// Resolves `[db.]name`, checking that the database (and, if asked, the table) exists.
    func resolveTableName(_ name: TableName, mustExist: Bool) throws -> (String, String) {
        let database = databaseName(of: name)
        guard catalog.databaseNames().contains(database) else {
            throw LoupeError(
                .unknownName, "Database '\(database)' does not exist", at: name.database?.range ?? name.range)
        }
        if mustExist && catalog.table(database: database, name: name.name.name) == nil {
            throw unknownTable(name.name.name, database: database, at: name.range)
        }
        return (database, name.name.name)
    }

    /// The catalog definition of an existing table.
    func tableDefinition(_ name: TableName) throws -> TableDefinition {
        let (database, table) = try resolveTableName(name, mustExist: true)
        return catalog.table(database: database, name: table)!
    }

    func unknownTable(_ name: String, database: String, at range: SourceRange?) -> LoupeError {
        LoupeError(.unknownName, "Unknown table '\(name)' in database '\(database)'", at: range)
    }

    /// A WHERE-like predicate over a table's row (DELETE, UPDATE).
    func bindPredicate(_ expr: Expr, over table: TableDefinition, clause: String) throws -> BoundExpr {
        var context = ExprContext(scope: Scope(schema: table.schema), clause: clause)
        let bound = ConstantFolding.fold(try bindExpr(expr, &context))
        try requireBoolean(bound, clause: clause)
        return bound
    }

    /// Throws unless `expr` can be a filter condition.
    func requireBoolean(_ expr: BoundExpr, clause: String) throws {
        guard TypeRules.isBooleanLike(expr.type) else {
            throw LoupeError(
                .type, "Illegal type \(expr.type) of column for filter in \(clause); expected UInt8 or Bool",
                at: expr.range)
        }
    }

    private func bindUpdate(_ table: TableDefinition, _ assignments: [Assignment], _ predicate: Expr) throws
        -> BoundStatement
    {
        var bound: [Int: BoundExpr] = [:]
        for a in assignments {
            guard let index = table.columnIndex(a.column.name) else {
                throw LoupeError(
                    .unknownName, "There is no column '\(a.column.name)' in table \(table.database).\(table.name)",
                    at: a.column.range)
            }
            var context = ExprContext(scope: Scope(schema: table.schema), clause: "UPDATE")
            let value = try bindExpr(a.value, &context)
            bound[index] = ConstantFolding.fold(
                try castForStorage(value, to: table.columns[index].type, column: a.column.name))
        }
        let condition = try bindPredicate(predicate, over: table, clause: "UPDATE")
        return .update(table: table, assignments: bound, predicate: condition, checks: try boundChecks(of: table))
    }
}

extension Binder {
    /// ClickHouse's own type families, whose names are case-sensitive (`UInt64`, not `uint64`);
    /// only the SQL-standard aliases (INT, VARCHAR, ...) and Date/DateTime/Bool ignore case.
    private static let caseSensitiveTypes = [
        "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "String",
        "Array", "Nullable", "FixedString", "LowCardinality",
    ]

    /// The type a type name denotes, spelled as ClickHouse requires.
    func resolveType(_ name: TypeName) throws -> DataType {
        if let proper = Self.caseSensitiveTypes.first(where: { $0.lowercased() == name.name.lowercased() }),
            proper != name.name
        {
            throw LoupeError(
                .unknownName, "Unknown data type family: \(name.name). Maybe you meant: \(proper)", at: name.range)
        }
        for case .type(let inner) in name.arguments { _ = try resolveType(inner) }
        return try name.resolve()
    }
}
