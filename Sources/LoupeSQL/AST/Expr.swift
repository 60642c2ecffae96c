// Expressions of the ClickHouse dialect: literals, names, operators, calls (including MyScale's
// parametric `distance('ef_s=128')(col, q)`), CASE, CAST, lambdas, subqueries and parameters.
// An `Expr` is a `Kind` plus the source range it was parsed from; equality ignores ranges.

import LoupeCore

/// An expression node.
public struct Expr: Hashable, Sendable {
    /// What the expression is.
    public indirect enum Kind: Hashable, Sendable {
        /// A constant: number, string, NULL, TRUE/FALSE.
        case literal(Literal)
        /// A possibly qualified name: `col`, `t.col`, `db.t.col`.
        case identifier([Identifier])
        /// `*` (no qualifier) or `t.*` in a select list or `count(*)`.
        case star(qualifier: [Identifier])
        /// `{name:Type}` or a positional `?`.
        case parameter(QueryParameter)
        /// `-x`, `NOT x`.
        case unary(UnaryOperator, Expr)
        /// `a op b`.
        case binary(BinaryOperator, Expr, Expr)
        /// `x [NOT] BETWEEN low AND high`.
        case between(Expr, low: Expr, high: Expr, negated: Bool)
        /// `x [NOT] IN target`.
        case `in`(Expr, InTarget, negated: Bool)
        /// `x IS [NOT] NULL`.
        case isNull(Expr, negated: Bool)
        /// `condition ? then : else`.
        case ternary(Expr, then: Expr, else: Expr)
        /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
        case `case`(operand: Expr?, branches: [CaseBranch], else: Expr?)
        /// `CAST(x AS T)` or `x::T`.
        case cast(Expr, TypeName, syntax: CastSyntax)
        /// A function call, aggregate or table function.
        case function(FunctionCall)
        /// `x -> body` or `(x, y) -> body`.
        case lambda(parameters: [Identifier], body: Expr)
        /// `a[i]`.
        case `subscript`(Expr, index: Expr)
        /// `t.1`: a tuple element by 1-based position.
        case tupleElement(Expr, index: Int)
        /// `[a, b, ...]`.
        case array([Expr])
        /// `(a, b, ...)` with at least two elements, or `()`.
        case tuple([Expr])
        /// `(SELECT ...)` used as a value.
        case subquery(Query)
        /// `EXISTS (SELECT ...)`.
        case exists(Query)
        /// `INTERVAL n unit`.
        case interval(Expr, IntervalUnit)
        /// `expr AS name` inside an expression (ClickHouse allows aliases anywhere).
        case alias(Expr, Identifier)
    }

    public var kind: Kind
    @IgnoredInEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: .start)) {
        self.kind = kind
        self.range = range
    }
}

/// A constant written in SQL. Negative numbers written as `-5` are literals (as in ClickHouse).
public enum Literal: Hashable, Sendable {
    case null
    case bool(Bool)
    /// An integer that fits Int64.
    case int(Int64)
    /// A positive integer above Int64.max.
    case uint(UInt64)
    /// A number with a fraction or exponent, `inf` or `nan`. Equality compares bit patterns (so
    /// `-0.0 != 0.0`), except that all NaNs are equal.
    case float(Double)
    case string(String)

    public static func == (lhs: Literal, rhs: Literal) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b):
            hasher.combine(1)
            hasher.combine(b)
        case .int(let i):
            hasher.combine(2)
            hasher.combine(i)
        case .uint(let u):
            hasher.combine(3)
            hasher.combine(u)
        case .float(let f):
            hasher.combine(4)
            hasher.combine(f.isNaN ? Double.nan.bitPattern : f.bitPattern)
        case .string(let s):
            hasher.combine(5)
            hasher.combine(s)
        }
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case not = "NOT"
}

/// Infix operators. `==` parses as `.equal` and `<>` as `.notEqual`.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or = "OR"
    case and = "AND"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case like = "LIKE"
    case notLike = "NOT LIKE"
    case ilike = "ILIKE"
    case notILike = "NOT ILIKE"
    case concat = "||"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case intDivide = "DIV"
}

/// The right-hand side of `IN`.
public enum InTarget: Hashable, Sendable {
    /// `IN (a, b, c)`: a parenthesised list (also a single element `IN (a)`).
    case list([Expr])
    /// `IN (SELECT ...)`.
    case subquery(Query)
    /// `IN expr` without parentheses: a tuple- or array-valued expression, or a table name.
    case expr(Expr)
}

/// One `WHEN condition THEN result` of a CASE.
public struct CaseBranch: Hashable, Sendable {
    public var condition: Expr
    public var result: Expr
    @IgnoredInEquality public var range: SourceRange

    public init(condition: Expr, result: Expr, range: SourceRange = SourceRange(at: .start)) {
        self.condition = condition
        self.result = result
        self.range = range
    }
}

/// How a cast was written; both mean the same.
public enum CastSyntax: Hashable, Sendable {
    /// `CAST(x AS T)`.
    case function
    /// `x::T`.
    case doubleColon
}

/// A call: `f(args)`, `count(DISTINCT x)`, `count(*)`, or parametric `f(params)(args)`.
public struct FunctionCall: Hashable, Sendable {
    /// The function name as written (function lookup decides case sensitivity).
    public var name: Identifier
    /// The first parenthesised list of a parametric call (`quantile(0.9)(x)`), else nil.
    public var parameters: [Expr]?
    public var arguments: [Expr]
    /// `DISTINCT` before the arguments.
    public var distinct: Bool
    @IgnoredInEquality public var range: SourceRange

    public init(
        name: Identifier, parameters: [Expr]? = nil, arguments: [Expr], distinct: Bool = false,
        range: SourceRange = SourceRange(at: .start)
    ) {
        self.name = name
        self.parameters = parameters
        self.arguments = arguments
        self.distinct = distinct
        self.range = range
    }
}

/// A value supplied when the statement runs.
public enum QueryParameter: Hashable, Sendable {
    /// clickhouse-client's `{name:Type}`.
    case named(Identifier, TypeName)
    /// `?`, numbered from 1 in order of appearance within its statement.
    case positional(Int)
}

/// Units of `INTERVAL n unit`.
public enum IntervalUnit: String, Hashable, Sendable, CaseIterable {
    case second = "SECOND"
    case minute = "MINUTE"
    case hour = "HOUR"
    case day = "DAY"
    case week = "WEEK"
    case month = "MONTH"
    case quarter = "QUARTER"
    case year = "YEAR"
}
