// Queries: a `Query` is one SELECT or a UNION chain of them, plus the output clauses that apply
// to the whole (`INTO OUTFILE`, `FORMAT`, trailing `SETTINGS`). Clauses of a single SELECT are in
// Select.swift; FROM sources and joins in TableSource.swift.

import LoupeCore

/// A complete query: `SELECT ... [UNION ...] [INTO OUTFILE ...] [FORMAT name] [SETTINGS ...]`.
public struct Query: Hashable, Sendable {
    public var body: QueryBody
    public var outfile: OutfileClause?
    /// `FORMAT name`: the output format asked for.
    public var format: Identifier?
    /// `SETTINGS` written after `FORMAT` (a SETTINGS clause before it belongs to the last SELECT).
    public var settings: [Setting]
    @IgnoredInEquality public var range: SourceRange

    public init(
        body: QueryBody, outfile: OutfileClause? = nil, format: Identifier? = nil, settings: [Setting] = [],
        range: SourceRange = SourceRange(at: .start)
    ) {
        self.body = body
        self.outfile = outfile
        self.format = format
        self.settings = settings
        self.range = range
    }
}

/// The body of a query: a SELECT, a parenthesised query, or a UNION of two bodies.
public indirect enum QueryBody: Hashable, Sendable {
    case select(Select)
    /// `(query)` as a UNION operand or a whole query.
    case parenthesized(Query)
    /// `left UNION ALL|DISTINCT right`; chains are left-deep.
    case union(QueryBody, UnionMode, QueryBody)

    /// The source range the body covers.
    public var range: SourceRange {
        switch self {
        case .select(let s): return s.range
        case .parenthesized(let q): return q.range
        case .union(let l, _, let r): return l.range.union(r.range)
        }
    }
}

/// `UNION ALL` keeps duplicates; `UNION DISTINCT` (and bare `UNION`) removes them.
public enum UnionMode: String, Hashable, Sendable {
    case all = "ALL"
    case distinct = "DISTINCT"
}

/// `INTO OUTFILE 'path' [AND STDOUT] [APPEND | TRUNCATE] [COMPRESSION 'type' [LEVEL n]]`.
public struct OutfileClause: Hashable, Sendable {
    /// What to do when the file already exists (without either, that is an error).
    public enum ExistingFile: String, Hashable, Sendable {
        case append = "APPEND"
        case truncate = "TRUNCATE"
    }

    public var path: String
    /// `AND STDOUT`: the rows are also returned (printed) as usual.
    public var andStdout: Bool
    public var existingFile: ExistingFile?
    public var compression: String?
    /// `LEVEL n` after the compression name.
    public var level: Int?
    @IgnoredInEquality public var range: SourceRange

    public init(
        path: String, andStdout: Bool = false, existingFile: ExistingFile? = nil, compression: String? = nil,
        level: Int? = nil, range: SourceRange = SourceRange(at: .start)
    ) {
        self.path = path
        self.andStdout = andStdout
        self.existingFile = existingFile
        self.compression = compression
        self.level = level
        self.range = range
    }
}

/// `name = value` in a SETTINGS list.
public struct Setting: Hashable, Sendable {
    public var name: Identifier
    public var value: Expr
    @IgnoredInEquality public var range: SourceRange

    public init(name: Identifier, value: Expr, range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.value = value
        self.range = range
    }
}
