// SHOW TABLES, SHOW DATABASES, DESCRIBE and SHOW CREATE TABLE become queries over the system
// tables (so they print like any result and obey the same formats); EXISTS is answered from the
// catalog directly as a one-row result.

import LoupeCore
import LoupeSQL

extension Binder {
    func bindShowTables(_ show: ShowTables) throws -> BoundStatement {
        let database = show.database?.name ?? catalog.currentDatabase
        guard catalog.databaseNames().contains(database) else {
            throw LoupeError(
                .unknownName, "Database '\(database)' does not exist", at: show.database?.range ?? show.range)
        }
        var condition = Self.equals("database", database)
        if let pattern = show.pattern { condition = Self.and(condition, Self.like("name", pattern)) }
        return try systemQuery(["name"], from: "tables", where: condition, orderBy: "name")
    }

    func bindShowDatabases(_ show: ShowDatabases) throws -> BoundStatement {
        try systemQuery(["name"], from: "databases", where: show.pattern.map { Self.like("name", $0) }, orderBy: "name")
    }

    func bindDescribe(_ describe: Describe) throws -> BoundStatement {
        let table = try tableDefinition(describe.table)
        let condition = Self.and(Self.equals("database", table.database), Self.equals("table", table.name))
        return try systemQuery(
            ["name", "type", "default_kind AS default_type", "default_expression"], from: "columns", where: condition,
            orderBy: "position")
    }

    func bindExistsTable(_ exists: ExistsTable) -> BoundStatement {
        let database = databaseName(of: exists.table)
        let found = catalog.table(database: database, name: exists.table.name.name) != nil
        return .query(
            .values(rows: [[.int(found ? 1 : 0)]], schema: Schema([Field(name: "result", type: .uint8)])), settings: [:]
        )
    }

    func bindShowCreateTable(_ show: ShowCreateTable) throws -> BoundStatement {
        let table = try tableDefinition(show.table)
        let condition = Self.and(Self.equals("database", table.database), Self.equals("name", table.name))
        return try systemQuery(["create_table_query AS statement"], from: "tables", where: condition, orderBy: nil)
    }

    // MARK: Building queries over system tables.

    /// `SELECT columns FROM system.table [WHERE condition] [ORDER BY orderBy]`, bound.
    private func systemQuery(_ columns: [String], from table: String, where condition: Expr?, orderBy: String?) throws
        -> BoundStatement
    {
        guard catalog.table(database: "system", name: table) != nil else {
            throw LoupeError(.unknownName, "Unknown table '\(table)' in database 'system'")
        }
        let items = columns.map { c -> SelectItem in
            let parts = c.components(separatedBy: " AS ")
            return SelectItem(expr: Self.column(parts[0]), alias: parts.count > 1 ? Identifier(parts[1]) : nil)
        }
        let source = TableSource(
            .table(TableName(database: Identifier("system"), name: Identifier(table)), alias: nil, final: false))
        let select = Select(
            items: items, from: source, where: condition,
            orderBy: orderBy.map { [OrderingTerm(expr: Self.column($0))] } ?? [])
        return try bind(.select(Query(body: .select(select))))
    }

    private static func column(_ name: String) -> Expr {
        Expr(.identifier([Identifier(name)]))
    }

    private static func equals(_ column: String, _ value: String) -> Expr {
        Expr(.binary(.equal, Self.column(column), Expr(.literal(.string(value)))))
    }

    private static func and(_ a: Expr, _ b: Expr) -> Expr {
        Expr(.binary(.and, a, b))
    }

    private static func like(_ column: String, _ pattern: LikePattern) -> Expr {
        let op: BinaryOperator =
            switch (pattern.caseInsensitive, pattern.negated) {
            case (false, false): .like
            case (false, true): .notLike
            case (true, false): .ilike
            case (true, true): .notILike
            }
        return Expr(.binary(op, Self.column(column), Expr(.literal(.string(pattern.pattern)))))
    }
}
