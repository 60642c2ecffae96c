// Names in the AST: a single identifier (bare or quoted, spelling kept, case-sensitive) and
// `[db.]name` table names. Quoting is not stored: `"x"`, `` `x` `` and `x` are the same name.

import LoupeCore

/// A name as written, without quotes. Identifiers are case-sensitive.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    @IgnoredInEquality public var range: SourceRange

    public init(_ name: String, range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.range = range
    }

    public var description: String { name }
}

/// A table (or database-qualified table) name: `t` or `db.t`.
public struct TableName: Hashable, Sendable, CustomStringConvertible {
    /// The database, when the name is qualified.
    public var database: Identifier?
    public var name: Identifier
    @IgnoredInEquality public var range: SourceRange

    public init(database: Identifier? = nil, name: Identifier, range: SourceRange = SourceRange(at: .start)) {
        self.database = database
        self.name = name
        self.range = range
    }

    public var description: String {
        database.map { "\($0.name).\(name.name)" } ?? name.name
    }
}
