// CREATE, DROP and TRUNCATE: databases, tables (columns, CHECK constraints, vector indexes,
// ENGINE/ORDER BY/PRIMARY KEY/SETTINGS clauses, AS SELECT) and standalone vector indexes.

import LoupeCore

extension Parser {
    /// `CREATE DATABASE | TABLE | VECTOR INDEX ...`.
    mutating func parseCreate() throws(LoupeError) -> Statement {
        let start = current.range.start
        advance()
        if accept(.database) {
            let ifNotExists = try acceptIfNotExists()
            let name = try parseIdentifier("a database name")
            let engine = accept(.engine) ? try parseEngine() : nil
            return .createDatabase(
                CreateDatabase(ifNotExists: ifNotExists, name: name, engine: engine, range: range(from: start)))
        }
        if accept(.table) { return .createTable(try parseCreateTable(start: start)) }
        if accept(.vector) {
            try expect(.index, "after CREATE VECTOR")
            let ifNotExists = try acceptIfNotExists()
            let indexStart = current.range.start
            let name = try parseIdentifier("an index name")
            try expect(.on, "after index name")
            let table = try parseTableName()
            let parenthesized = accept(.leftParen)
            let column = try parseIdentifier("a column name")
            if parenthesized { try expect(.rightParen, "after indexed column") }
            let type = try parseVectorIndexType()
            let index = VectorIndexDefinition(name: name, column: column, type: type, range: range(from: indexStart))
            return .createVectorIndex(
                CreateVectorIndex(ifNotExists: ifNotExists, table: table, index: index, range: range(from: start)))
        }
        throw error("expected DATABASE, TABLE or VECTOR INDEX after CREATE")
    }

    private mutating func parseCreateTable(start: SourceLocation) throws(LoupeError) -> CreateTable {
        var table = CreateTable(ifNotExists: try acceptIfNotExists(), name: try parseTableName())
        if accept(.leftParen) {
            repeat { try parseTableElement(into: &table) } while accept(.comma)
            try expect(.rightParen, "after column list")
        }
        while true {
            if accept(.engine) {
                if table.engine != nil { throw error("expected one ENGINE clause") }
                table.engine = try parseEngine()
            } else if accept(.order) {
                try expect(.by, "after ORDER")
                if table.orderBy != nil { throw error("expected one ORDER BY clause") }
                table.orderBy = try parseExpression()
            } else if accept(.partition) {
                try expect(.by, "after PARTITION")
                if table.partitionBy != nil { throw error("expected one PARTITION BY clause") }
                table.partitionBy = try parseExpression()
            } else if accept(.primary) {
                try expect(.key, "after PRIMARY")
                if table.primaryKey != nil { throw error("expected one PRIMARY KEY clause") }
                table.primaryKey = try parseExpression()
            } else if accept(.settings) {
                if !table.settings.isEmpty { throw error("expected one SETTINGS clause") }
                table.settings = try parseSettingList()
            } else {
                break
            }
        }
        if accept(.as) {
            guard startsQuery(current) || at(.leftParen) else { throw error("expected SELECT after AS") }
            table.asSelect = try parseQuery()
        }
        if table.columns.isEmpty && table.asSelect == nil {
            throw error("expected a column list or AS SELECT in CREATE TABLE")
        }
        table.range = range(from: start)
        return table
    }

    /// A column, `CONSTRAINT name CHECK expr`, or `VECTOR INDEX name column TYPE ...`.
    private mutating func parseTableElement(into table: inout CreateTable) throws(LoupeError) {
        let start = current.range.start
        if at(.constraint) && peek(2).keyword == .check {
            advance()
            let name = try parseIdentifier("a constraint name")
            advance()
            let check = try parseExpression()
            table.constraints.append(CheckConstraint(name: name, check: check, range: range(from: start)))
        } else if at(.vector) && peek().keyword == .index {
            advance()
            advance()
            table.vectorIndexes.append(try parseVectorIndexDefinition(start: start))
        } else {
            table.columns.append(try parseColumnDefinition())
        }
    }

    /// `name Type [NULL|NOT NULL] [DEFAULT|MATERIALIZED|ALIAS expr] [COMMENT 'text'] [CODEC(...)]`.
    mutating func parseColumnDefinition() throws(LoupeError) -> ColumnDefinition {
        let start = current.range.start
        let name = try parseIdentifier("a column name")
        var column = ColumnDefinition(name: name, type: try parseTypeName())
        if accept(.null) {
            column.nullable = true
        } else if at(.not) && peek().keyword == .null {
            advance()
            advance()
            column.nullable = false
        }
        while true {
            let defaultKind: ColumnDefault.Kind?
            switch current.keyword {
            case .default: defaultKind = .default
            case .materialized: defaultKind = .materialized
            case .alias: defaultKind = .alias
            default: defaultKind = nil
            }
            if let defaultKind {
                if column.defaultValue != nil { throw error("expected one default expression for '\(name.name)'") }
                advance()
                column.defaultValue = ColumnDefault(kind: defaultKind, expr: try parseExpression())
            } else if accept(.comment) {
                if column.comment != nil { throw error("expected one COMMENT for '\(name.name)'") }
                column.comment = try parseString("a comment string after COMMENT")
            } else if accept(.codec) {
                if column.codec != nil { throw error("expected one CODEC for '\(name.name)'") }
                try expect(.leftParen, "after CODEC")
                column.codec = try parseExpressionList(until: .rightParen, "CODEC arguments")
            } else {
                break
            }
        }
        column.range = range(from: start)
        return column
    }

    /// `name column TYPE kind[(args)]` (after `VECTOR INDEX`).
    mutating func parseVectorIndexDefinition(start: SourceLocation) throws(LoupeError) -> VectorIndexDefinition {
        let name = try parseIdentifier("an index name")
        let column = try parseIdentifier("an indexed column name")
        let type = try parseVectorIndexType()
        return VectorIndexDefinition(name: name, column: column, type: type, range: range(from: start))
    }

    /// `TYPE MSTG[('k=v', ...)]`.
    private mutating func parseVectorIndexType() throws(LoupeError) -> VectorIndexType {
        try expect(.type, "before vector index type")
        let start = current.range.start
        let name = try parseAlias()
        var arguments: [Expr]?
        if accept(.leftParen) {
            try enter()
            defer { leave() }
            arguments = try parseExpressionList(until: .rightParen, "index type arguments")
        }
        return VectorIndexType(name: name, arguments: arguments, range: range(from: start))
    }

    /// `[=] Name[(args)]` after ENGINE.
    private mutating func parseEngine() throws(LoupeError) -> Engine {
        _ = accept(.equal)
        let start = current.range.start
        let name = try parseAlias()
        var arguments: [Expr]?
        if accept(.leftParen) {
            try enter()
            defer { leave() }
            arguments = try parseExpressionList(until: .rightParen, "engine arguments")
        }
        return Engine(name: name, arguments: arguments, range: range(from: start))
    }

    /// `DROP DATABASE | TABLE | VECTOR INDEX ...`.
    mutating func parseDrop() throws(LoupeError) -> Statement {
        let start = current.range.start
        advance()
        if accept(.database) {
            let ifExists = try acceptIfExists()
            let name = try parseIdentifier("a database name")
            return .dropDatabase(DropDatabase(ifExists: ifExists, name: name, range: range(from: start)))
        }
        if accept(.table) {
            let ifExists = try acceptIfExists()
            let name = try parseTableName()
            return .dropTable(DropTable(ifExists: ifExists, name: name, range: range(from: start)))
        }
        if accept(.vector) {
            try expect(.index, "after DROP VECTOR")
            let ifExists = try acceptIfExists()
            let name = try parseIdentifier("an index name")
            try expect(.on, "after index name")
            let table = try parseTableName()
            return .dropVectorIndex(
                DropVectorIndex(ifExists: ifExists, name: name, table: table, range: range(from: start)))
        }
        throw error("expected DATABASE, TABLE or VECTOR INDEX after DROP")
    }

    /// `TRUNCATE [TABLE] [IF EXISTS] [db.]t`.
    mutating func parseTruncate() throws(LoupeError) -> TruncateTable {
        let start = current.range.start
        advance()
        _ = accept(.table)
        let ifExists = try acceptIfExists()
        let name = try parseTableName()
        return TruncateTable(ifExists: ifExists, name: name, range: range(from: start))
    }
}
