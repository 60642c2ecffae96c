// The AST→SQL printer. Output parses back to an equal AST (ranges aside): names are quoted when
// they would not read back as the same identifier, and expressions get the parentheses their
// precedence needs (SQLPrinter+Expr.swift). Statements print on one line, except CREATE TABLE,
// which prints in ClickHouse's multi-line SHOW CREATE TABLE layout.

import LoupeCore

/// Prints AST nodes as SQL text.
public enum SQLPrinter {
    /// The SQL text of a statement (without a trailing `;`).
    public static func sql(_ statement: Statement) -> String {
        var printer = Printer()
        printer.statement(statement)
        return printer.out
    }

    /// The SQL text of a query.
    public static func sql(_ query: Query) -> String {
        var printer = Printer()
        printer.query(query)
        return printer.out
    }

    /// The SQL text of an expression.
    public static func sql(_ expr: Expr) -> String {
        var printer = Printer()
        printer.expr(expr)
        return printer.out
    }

    /// An identifier as SQL: bare when it reads back as itself, else in backquotes.
    public static func quoteIdentifier(_ name: String) -> String {
        isBareIdentifier(name) ? name : backquote(name)
    }

    /// `name` in backquotes, with `` ` `` and `\` escaped.
    static func backquote(_ name: String) -> String {
        var out = "`"
        for ch in name.unicodeScalars {
            switch ch {
            case "`": out += "\\`"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "`"
    }

    /// True when `name` lexes as a single word.
    static func isWord(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        let isStart = { (b: UInt8) in b == UInt8(ascii: "_") || b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        guard isStart(first) else { return false }
        return name.utf8.allSatisfy { isStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "$") }
    }

    /// True when `name` lexes as one word that the parser reads as a plain identifier.
    static func isBareIdentifier(_ name: String) -> Bool {
        guard isWord(name) else { return false }
        if let keyword = Keyword(word: name), keyword.isReserved || keyword == .interval { return false }
        switch name.lowercased() {
        case "inf", "nan": return false
        default: return true
        }
    }
}

extension Statement: CustomStringConvertible {
    /// The statement as SQL.
    public var description: String { SQLPrinter.sql(self) }
}

extension Expr: CustomStringConvertible {
    /// The expression as SQL.
    public var description: String { SQLPrinter.sql(self) }
}

/// The printer's state: the text written so far.
struct Printer {
    var out = ""

    mutating func write(_ s: String) {
        out += s
    }

    mutating func name(_ identifier: Identifier) {
        write(SQLPrinter.quoteIdentifier(identifier.name))
    }

    mutating func tableName(_ table: TableName) {
        if let database = table.database {
            name(database)
            write(".")
        }
        name(table.name)
    }

    mutating func string(_ s: String) {
        write(ValueFormatter.quote(s))
    }

    /// Items separated by ", ".
    mutating func list<T>(_ items: [T], _ each: (inout Printer, T) -> Void) {
        for (i, item) in items.enumerated() {
            if i > 0 { write(", ") }
            each(&self, item)
        }
    }

    mutating func exprList(_ items: [Expr]) {
        list(items) { $0.expr($1) }
    }

    mutating func settings(_ settings: [Setting]) {
        list(settings) { p, s in
            p.name(s.name)
            p.write(" = ")
            p.expr(s.value)
        }
    }

    // MARK: - Statements

    mutating func statement(_ statement: Statement) {
        switch statement {
        case .select(let q): query(q)
        case .insert(let s): insert(s)
        case .createDatabase(let s):
            write("CREATE DATABASE ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            name(s.name)
            if let engine = s.engine { self.engine(engine, separator: " ") }
        case .dropDatabase(let s):
            write("DROP DATABASE ")
            if s.ifExists { write("IF EXISTS ") }
            name(s.name)
        case .createTable(let s): createTable(s)
        case .dropTable(let s):
            write("DROP TABLE ")
            if s.ifExists { write("IF EXISTS ") }
            tableName(s.name)
        case .truncateTable(let s):
            write("TRUNCATE TABLE ")
            if s.ifExists { write("IF EXISTS ") }
            tableName(s.name)
        case .alterTable(let s): alterTable(s)
        case .delete(let s):
            write("DELETE FROM ")
            tableName(s.table)
            write(" WHERE ")
            expr(s.where)
        case .createVectorIndex(let s):
            write("CREATE VECTOR INDEX ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            name(s.index.name)
            write(" ON ")
            tableName(s.table)
            write(" ")
            name(s.index.column)
            vectorIndexType(s.index.type)
        case .dropVectorIndex(let s):
            write("DROP VECTOR INDEX ")
            if s.ifExists { write("IF EXISTS ") }
            name(s.name)
            write(" ON ")
            tableName(s.table)
        case .showTables(let s):
            write("SHOW TABLES")
            if let database = s.database {
                write(" FROM ")
                name(database)
            }
            likePattern(s.pattern)
        case .showDatabases(let s):
            write("SHOW DATABASES")
            likePattern(s.pattern)
        case .showCreateTable(let s):
            write("SHOW CREATE TABLE ")
            tableName(s.table)
        case .describe(let s):
            write("DESCRIBE TABLE ")
            tableName(s.table)
        case .use(let s):
            write("USE ")
            name(s.database)
        case .exists(let s):
            write("EXISTS TABLE ")
            tableName(s.table)
        case .explain(let s):
            write("EXPLAIN ")
            if let kind = s.kind { write(kind.rawValue + " ") }
            if !s.settings.isEmpty {
                settings(s.settings)
                write(" ")
            }
            self.statement(s.statement)
        case .optimize(let s):
            write("OPTIMIZE TABLE ")
            tableName(s.table)
            if s.final { write(" FINAL") }
        case .system(let s):
            write("SYSTEM " + s.words.joined(separator: " "))
        }
    }

    private mutating func likePattern(_ pattern: LikePattern?) {
        guard let pattern else { return }
        write(pattern.negated ? " NOT" : "")
        write(pattern.caseInsensitive ? " ILIKE " : " LIKE ")
        string(pattern.pattern)
    }

    private mutating func engine(_ engine: Engine, separator: String) {
        write(separator + "ENGINE = ")
        name(engine.name)
        if let arguments = engine.arguments {
            write("(")
            exprList(arguments)
            write(")")
        }
    }

    private mutating func createTable(_ s: CreateTable) {
        write("CREATE TABLE ")
        if s.ifNotExists { write("IF NOT EXISTS ") }
        tableName(s.name)
        var elements: [(inout Printer) -> Void] = []
        for column in s.columns { elements.append { $0.columnDefinition(column) } }
        for constraint in s.constraints {
            elements.append { p in
                p.write("CONSTRAINT ")
                p.name(constraint.name)
                p.write(" CHECK ")
                p.expr(constraint.check)
            }
        }
        for index in s.vectorIndexes {
            elements.append { p in
                p.write("VECTOR INDEX ")
                p.vectorIndexDefinition(index)
            }
        }
        if !elements.isEmpty {
            write("\n(\n")
            for (i, element) in elements.enumerated() {
                write("    ")
                element(&self)
                write(i + 1 < elements.count ? ",\n" : "\n")
            }
            write(")")
        }
        if let engine = s.engine { self.engine(engine, separator: "\n") }
        if let orderBy = s.orderBy {
            write("\nORDER BY ")
            expr(orderBy)
        }
        if let partitionBy = s.partitionBy {
            write("\nPARTITION BY ")
            expr(partitionBy)
        }
        if let primaryKey = s.primaryKey {
            write("\nPRIMARY KEY ")
            expr(primaryKey)
        }
        if !s.settings.isEmpty {
            write("\nSETTINGS ")
            settings(s.settings)
        }
        if let asSelect = s.asSelect {
            write("\nAS ")
            query(asSelect)
        }
    }

    mutating func columnDefinition(_ column: ColumnDefinition) {
        name(column.name)
        write(" ")
        typeName(column.type)
        if let nullable = column.nullable { write(nullable ? " NULL" : " NOT NULL") }
        if let d = column.defaultValue {
            write(" \(d.kind.rawValue) ")
            expr(d.expr)
        }
        if let comment = column.comment {
            write(" COMMENT ")
            string(comment)
        }
        if let codec = column.codec {
            write(" CODEC(")
            exprList(codec)
            write(")")
        }
    }

    mutating func vectorIndexDefinition(_ index: VectorIndexDefinition) {
        name(index.name)
        write(" ")
        name(index.column)
        vectorIndexType(index.type)
    }

    private mutating func vectorIndexType(_ type: VectorIndexType) {
        write(" TYPE ")
        name(type.name)
        if let arguments = type.arguments {
            write("(")
            exprList(arguments)
            write(")")
        }
    }

    mutating func typeName(_ type: TypeName) {
        write(type.description)
    }

    private mutating func insert(_ s: Insert) {
        write("INSERT INTO ")
        tableName(s.table)
        if let columns = s.columns {
            write(" (")
            list(columns) { $0.name($1) }
            write(")")
        }
        if case .infile(let path, let compression, _) = s.source {
            write(" FROM INFILE ")
            string(path)
            if let compression {
                write(" COMPRESSION ")
                string(compression)
            }
        }
        if !s.settings.isEmpty {
            write(" SETTINGS ")
            settings(s.settings)
        }
        switch s.source {
        case .values(let rows):
            write(" VALUES ")
            list(rows) { p, row in
                p.write("(")
                p.exprList(row)
                p.write(")")
            }
        case .select(let q):
            write(" ")
            query(q)
        case .infile(_, _, let format):
            if let format {
                write(" FORMAT ")
                name(format)
            }
        case .format(let format, let data):
            write(" FORMAT ")
            name(format)
            if let data { write("\n" + data) }
        }
    }

    private mutating func alterTable(_ s: AlterTable) {
        write("ALTER TABLE ")
        tableName(s.table)
        write(" ")
        list(s.commands) { p, command in
            switch command.kind {
            case .addVectorIndex(let index, let ifNotExists):
                p.write("ADD VECTOR INDEX " + (ifNotExists ? "IF NOT EXISTS " : ""))
                p.vectorIndexDefinition(index)
            case .dropVectorIndex(let name, let ifExists):
                p.write("DROP VECTOR INDEX " + (ifExists ? "IF EXISTS " : ""))
                p.name(name)
            case .addColumn(let column, let ifNotExists, let position):
                p.write("ADD COLUMN " + (ifNotExists ? "IF NOT EXISTS " : ""))
                p.columnDefinition(column)
                switch position {
                case .first: p.write(" FIRST")
                case .after(let name):
                    p.write(" AFTER ")
                    p.name(name)
                case nil: break
                }
            case .dropColumn(let name, let ifExists):
                p.write("DROP COLUMN " + (ifExists ? "IF EXISTS " : ""))
                p.name(name)
            case .delete(let condition):
                p.write("DELETE WHERE ")
                p.expr(condition)
            case .update(let assignments, let condition):
                p.write("UPDATE ")
                p.list(assignments) { p, a in
                    p.name(a.column)
                    p.write(" = ")
                    p.expr(a.value)
                }
                p.write(" WHERE ")
                p.expr(condition)
            }
        }
    }
}
