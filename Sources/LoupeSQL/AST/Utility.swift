// Statements that inspect or manage rather than define or change data: SHOW, DESCRIBE, USE,
// EXISTS, EXPLAIN, OPTIMIZE and SYSTEM.

import LoupeCore

/// `SHOW TABLES [FROM db] [[NOT] LIKE|ILIKE 'pattern']`.
public struct ShowTables: Hashable, Sendable {
    public var database: Identifier?
    public var pattern: LikePattern?
    @IgnoredInEquality public var range: SourceRange

    public init(database: Identifier? = nil, pattern: LikePattern? = nil, range: SourceRange = SourceRange(at: .start))
    {
        self.database = database
        self.pattern = pattern
        self.range = range
    }
}

/// `SHOW DATABASES [[NOT] LIKE|ILIKE 'pattern']`.
public struct ShowDatabases: Hashable, Sendable {
    public var pattern: LikePattern?
    @IgnoredInEquality public var range: SourceRange

    public init(pattern: LikePattern? = nil, range: SourceRange = SourceRange(at: .start)) {
        self.pattern = pattern
        self.range = range
    }
}

/// The `LIKE 'pattern'` filter of a SHOW statement.
public struct LikePattern: Hashable, Sendable {
    public var pattern: String
    public var caseInsensitive: Bool
    public var negated: Bool

    public init(pattern: String, caseInsensitive: Bool = false, negated: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        self.negated = negated
    }
}

/// `SHOW CREATE [TABLE] [db.]t`.
public struct ShowCreateTable: Hashable, Sendable {
    public var table: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.range = range
    }
}

/// `DESCRIBE|DESC [TABLE] [db.]t`.
public struct Describe: Hashable, Sendable {
    public var table: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.range = range
    }
}

/// `USE db`.
public struct Use: Hashable, Sendable {
    public var database: Identifier
    @IgnoredInEquality public var range: SourceRange

    public init(database: Identifier, range: SourceRange = SourceRange(at: .start)) {
        self.database = database
        self.range = range
    }
}

/// `EXISTS [TABLE] [db.]t`: one row, 1 if the table exists.
public struct ExistsTable: Hashable, Sendable {
    public var table: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.range = range
    }
}

/// `EXPLAIN [PLAN|AST|SYNTAX|PIPELINE] [setting = value, ...] statement`.
public struct Explain: Hashable, Sendable {
    /// The word after EXPLAIN, nil when omitted (ClickHouse's default is PLAN).
    public var kind: ExplainKind?
    public var settings: [Setting]
    public var statement: Statement
    @IgnoredInEquality public var range: SourceRange

    public init(
        kind: ExplainKind? = nil, settings: [Setting] = [], statement: Statement,
        range: SourceRange = SourceRange(at: .start)
    ) {
        self.kind = kind
        self.settings = settings
        self.statement = statement
        self.range = range
    }
}

public enum ExplainKind: String, Hashable, Sendable, CaseIterable {
    case plan = "PLAN"
    case ast = "AST"
    case syntax = "SYNTAX"
    case pipeline = "PIPELINE"
}

/// `OPTIMIZE TABLE [db.]t [FINAL]`.
public struct Optimize: Hashable, Sendable {
    public var table: TableName
    public var final: Bool
    @IgnoredInEquality public var range: SourceRange

    public init(table: TableName, final: Bool = false, range: SourceRange = SourceRange(at: .start)) {
        self.table = table
        self.final = final
        self.range = range
    }
}

/// `SYSTEM word word ...`, e.g. `SYSTEM WAIT BUILDING VECTOR INDICES`: the words as written
/// (dotted names kept as one word), for the executor to interpret.
public struct SystemCommand: Hashable, Sendable {
    public var words: [String]
    @IgnoredInEquality public var range: SourceRange

    public init(words: [String], range: SourceRange = SourceRange(at: .start)) {
        self.words = words
        self.range = range
    }

    /// The words upper-cased and joined by spaces, e.g. `WAIT BUILDING VECTOR INDICES`.
    public var command: String { words.map { $0.uppercased() }.joined(separator: " ") }
}
