// FROM-clause sources: tables (`db.t`, `system.tables`), subqueries, table functions
// (`numbers(10)`), and joins of them. A join is a left-deep tree of sources.

import LoupeCore

/// Something rows come from.
public struct TableSource: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// `[db.]name [FINAL] [[AS] alias]`.
        case table(TableName, alias: Identifier?, final: Bool)
        /// `(query) [[AS] alias]`.
        case subquery(Query, alias: Identifier?)
        /// `f(args) [[AS] alias]`, e.g. `numbers(10)`.
        case function(FunctionCall, alias: Identifier?)
        /// `left [kind] JOIN right [ON|USING]`.
        case join(Join)
    }

    public var kind: Kind
    @IgnoredInEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: .start)) {
        self.kind = kind
        self.range = range
    }

    /// The alias given to a table, subquery or table function (nil for joins).
    public var alias: Identifier? {
        switch kind {
        case .table(_, let alias, _), .subquery(_, let alias), .function(_, let alias): return alias
        case .join: return nil
        }
    }
}

/// A join of two sources.
public struct Join: Hashable, Sendable {
    public var left: TableSource
    public var right: TableSource
    public var kind: JoinKind
    /// ClickHouse's `ANY`/`ALL`/`ASOF`/`SEMI`/`ANTI` word, when written.
    public var strictness: JoinStrictness?
    /// `ON expr` or `USING (cols)`; nil for CROSS and comma joins.
    public var constraint: JoinConstraint?
    @IgnoredInEquality public var range: SourceRange

    public init(
        left: TableSource, right: TableSource, kind: JoinKind, strictness: JoinStrictness? = nil,
        constraint: JoinConstraint? = nil, range: SourceRange = SourceRange(at: .start)
    ) {
        self.left = left
        self.right = right
        self.kind = kind
        self.strictness = strictness
        self.constraint = constraint
        self.range = range
    }
}

public enum JoinKind: String, Hashable, Sendable {
    /// `JOIN` or `INNER JOIN`.
    case inner = "INNER"
    /// `LEFT [OUTER] JOIN`.
    case left = "LEFT"
    /// `RIGHT [OUTER] JOIN`.
    case right = "RIGHT"
    /// `FULL [OUTER] JOIN`.
    case full = "FULL"
    /// `CROSS JOIN`.
    case cross = "CROSS"
    /// `a, b` in a FROM list.
    case comma = ","
}

public enum JoinStrictness: String, Hashable, Sendable {
    case any = "ANY"
    case all = "ALL"
    case asof = "ASOF"
    case semi = "SEMI"
    case anti = "ANTI"
}

public enum JoinConstraint: Hashable, Sendable {
    case on(Expr)
    /// `USING (a, b)` or `USING a`.
    case using([Identifier])
}
