// Data changing statements: INSERT (VALUES, SELECT, FROM INFILE, FORMAT with inline data),
// ALTER TABLE (vector indexes, columns, mutations) and lightweight DELETE.

import LoupeCore

/// `INSERT INTO [TABLE] [db.]t [(columns)] source`.
public struct Insert: Hashable, Sendable {
    public var table: TableName
    /// The column list, nil when omitted (all columns in table order).
    public var columns: [Identifier]?
    public var source: InsertSource
    /// `SETTINGS k = v, ...` written before the data (after `FROM INFILE ... [COMPRESSION ...]`).
    public var settings: [Setting]
    @IgnoredInEquality public var range: SourceRange

    public init(
        table: TableName, columns: [Identifier]? = nil, source: InsertSource, settings: [Setting] = [],
        range: SourceRange = SourceRange(at: .start)
    ) {
        self.table = table
        self.columns = columns
        self.source = source
        self.settings = settings
        self.range = range
    }
}

/// Where inserted rows come from.
public enum InsertSource: Hashable, Sendable {
    /// `VALUES (...), (...)`: one expression list per row.
    case values([[Expr]])
    /// `SELECT ...`.
    case select(Query)
    /// `FROM INFILE 'path' [COMPRESSION 'type'] [SETTINGS ...] [FORMAT name]` (the settings are
    /// `Insert.settings`). Without COMPRESSION the file name's extension tells; without FORMAT too.
    case infile(path: String, compression: String?, format: Identifier?)
    /// `FORMAT name` followed by inline data: the rest of the statement's text after the format
    /// name and one line break or space, nil when nothing follows (the data comes separately).
    case format(Identifier, data: String?)
}

/// `ALTER TABLE [db.]t command, command, ...`.
public struct AlterTable: Hashable, Sendable {
    public var table: TableName
    public var commands: [AlterCommand]
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, commands: [AlterCommand], range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.commands = commands
        self.range = range
    }
}

/// One ALTER TABLE command.
public struct AlterCommand: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `ADD VECTOR INDEX [IF NOT EXISTS] name column TYPE kind(...)`.
        case addVectorIndex(VectorIndexDefinition, ifNotExists: Bool)
        /// `DROP VECTOR INDEX [IF EXISTS] name`.
        case dropVectorIndex(Identifier, ifExists: Bool)
        /// `ADD COLUMN [IF NOT EXISTS] definition [AFTER column | FIRST]`.
        case addColumn(ColumnDefinition, ifNotExists: Bool, position: ColumnPosition?)
        /// `DROP COLUMN [IF EXISTS] name`.
        case dropColumn(Identifier, ifExists: Bool)
        /// `DELETE WHERE expr`.
        case delete(where: Expr)
        /// `UPDATE col = expr, ... WHERE expr`.
        case update([Assignment], where: Expr)
    }

    public var kind: Kind
    @IgnoredInEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: .start)) {
        self.kind = kind
        self.range = range
    }
}

/// Where `ADD COLUMN` puts the new column.
public enum ColumnPosition: Hashable, Sendable {
    case first
    case after(Identifier)
}

/// `column = expr` in ALTER TABLE UPDATE.
public struct Assignment: Hashable, Sendable {
    public var column: Identifier
    public var value: Expr
    @IgnoredInEquality public var range: SourceRange

    public init(column: Identifier, value: Expr, range: SourceRange = SourceRange(at: .start)) {
        self.column = column
        self.value = value
        self.range = range
    }
}

/// `DELETE FROM [db.]t WHERE expr`.
public struct Delete: Hashable, Sendable {
    public var table: TableName
    public var `where`: Expr
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, where: Expr, range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.where = `where`
        self.range = range
    }
}
