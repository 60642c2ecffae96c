// One SELECT with its clauses, in ClickHouse order: WITH, SELECT [DISTINCT] list, FROM, PREWHERE,
// WHERE, GROUP BY [WITH TOTALS], HAVING, ORDER BY, LIMIT n BY, LIMIT | OFFSET, SETTINGS.

import LoupeCore

/// A single SELECT (one operand of a UNION).
public struct Select: Hashable, Sendable {
    public var with: [WithItem]
    public var distinct: Bool
    public var items: [SelectItem]
    /// The FROM clause: a table, subquery, table function, or a join tree of them.
    public var from: TableSource?
    public var prewhere: Expr?
    public var `where`: Expr?
    public var groupBy: [Expr]
    /// `GROUP BY ... WITH TOTALS`.
    public var withTotals: Bool
    public var having: Expr?
    public var orderBy: [OrderingTerm]
    /// `LIMIT n [OFFSET m] BY exprs`.
    public var limitBy: LimitBy?
    public var limit: Limit?
    /// `OFFSET n [ROWS]` written without LIMIT (with LIMIT the offset is `limit.offset`).
    public var offset: Expr?
    public var settings: [Setting]
    @IgnoredInEquality public var range: SourceRange

    public init(
        with: [WithItem] = [], distinct: Bool = false, items: [SelectItem], from: TableSource? = nil,
        prewhere: Expr? = nil, where: Expr? = nil, groupBy: [Expr] = [], withTotals: Bool = false,
        having: Expr? = nil, orderBy: [OrderingTerm] = [], limitBy: LimitBy? = nil, limit: Limit? = nil,
        offset: Expr? = nil, settings: [Setting] = [], range: SourceRange = SourceRange(at: .start)
    ) {
        self.with = with
        self.distinct = distinct
        self.items = items
        self.from = from
        self.prewhere = prewhere
        self.where = `where`
        self.groupBy = groupBy
        self.withTotals = withTotals
        self.having = having
        self.orderBy = orderBy
        self.limitBy = limitBy
        self.limit = limit
        self.offset = offset
        self.settings = settings
        self.range = range
    }
}

/// One `WITH` entry.
public struct WithItem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `WITH expr AS name`: a named constant expression.
        case expression(Expr, name: Identifier)
        /// `WITH name AS (SELECT ...)`: a common table expression.
        case subquery(name: Identifier, Query)
    }

    public var kind: Kind
    @IgnoredInEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: .start)) {
        self.kind = kind
        self.range = range
    }
}

/// One entry of the select list: `expr [[AS] alias]` (`*` and `t.*` are `Expr.Kind.star`).
public struct SelectItem: Hashable, Sendable {
    public var expr: Expr
    public var alias: Identifier?
    @IgnoredInEquality public var range: SourceRange

    public init(expr: Expr, alias: Identifier? = nil, range: SourceRange = SourceRange(at: .start)) {
        self.expr = expr
        self.alias = alias
        self.range = range
    }
}

/// One `ORDER BY` term.
public struct OrderingTerm: Hashable, Sendable {
    public var expr: Expr
    /// The direction as written; nil means ascending.
    public var direction: SortDirection?
    /// `NULLS FIRST|LAST` as written.
    public var nulls: NullsOrder?
    @IgnoredInEquality public var range: SourceRange

    public init(
        expr: Expr, direction: SortDirection? = nil, nulls: NullsOrder? = nil,
        range: SourceRange = SourceRange(at: .start)
    ) {
        self.expr = expr
        self.direction = direction
        self.nulls = nulls
        self.range = range
    }

    /// True for `DESC`.
    public var isDescending: Bool { direction == .descending }
}

public enum SortDirection: String, Hashable, Sendable {
    case ascending = "ASC"
    case descending = "DESC"
}

public enum NullsOrder: String, Hashable, Sendable {
    case first = "FIRST"
    case last = "LAST"
}

/// `LIMIT count [OFFSET offset]`, also written `LIMIT offset, count`.
public struct Limit: Hashable, Sendable {
    public var count: Expr
    public var offset: Expr?
    @IgnoredInEquality public var range: SourceRange

    public init(count: Expr, offset: Expr? = nil, range: SourceRange = SourceRange(at: .start)) {
        self.count = count
        self.offset = offset
        self.range = range
    }
}

/// `LIMIT count [OFFSET offset] BY exprs`: at most `count` rows per distinct `exprs`.
public struct LimitBy: Hashable, Sendable {
    public var count: Expr
    public var offset: Expr?
    public var by: [Expr]
    @IgnoredInEquality public var range: SourceRange

    public init(count: Expr, offset: Expr? = nil, by: [Expr], range: SourceRange = SourceRange(at: .start)) {
        self.count = count
        self.offset = offset
        self.by = by
        self.range = range
    }
}
