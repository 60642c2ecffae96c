// Typed expressions after binding: names are resolved to input column positions, functions to
// canonical names with a known result type, and implicit conversions are explicit casts. The
// execution layer evaluates a `BoundExpr` over a `Batch` of its input's columns.

import LoupeCore

/// A resolved, typed expression.
public struct BoundExpr: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// Column `index` of the input batch.
        case column(Int)
        /// A constant.
        case literal(Value)
        /// A bound parameter (`?` or `{name:Type}`), filled in at execution.
        case parameter(Int)
        /// A scalar function by canonical name (see `FunctionNames`), with its parametric
        /// arguments (`distance('ef_s=128')(a, b)` has parameters `['ef_s=128']`).
        case call(String, arguments: [BoundExpr], parameters: [Value])
        /// A conversion to `type` (CAST, `::`, or an implicit supertype conversion).
        case cast(BoundExpr)
        /// `CASE WHEN c1 THEN r1 ... ELSE e END` (a `CASE x WHEN v` form is bound to equalities).
        case caseWhen(branches: [CaseBranch], otherwise: BoundExpr?)
        /// `x [NOT] IN (v1, v2, ...)` with constant or general values.
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        /// `x [NOT] IN (subquery)`; the subquery is uncorrelated and runs once.
        case inSubquery(BoundExpr, LogicalPlan, negated: Bool)
        /// `(SELECT ...)` yielding one value (NULL or the type default when empty, as ClickHouse).
        case scalarSubquery(LogicalPlan)
        /// `EXISTS (SELECT ...)`.
        case exists(LogicalPlan)
    }

    public var kind: Kind
    /// The result type.
    public var type: DataType
    /// Where the expression was written, for runtime errors.
    public var range: SourceRange?

    public init(_ kind: Kind, type: DataType, range: SourceRange? = nil) {
        self.kind = kind
        self.type = type
        self.range = range
    }

    public static func column(_ index: Int, _ type: DataType) -> BoundExpr {
        BoundExpr(.column(index), type: type)
    }

    public static func literal(_ value: Value, _ type: DataType) -> BoundExpr {
        BoundExpr(.literal(value), type: type)
    }

    /// The constant value, when this is a literal.
    public var constantValue: Value? {
        if case .literal(let v) = kind { return v }
        return nil
    }
}

/// One `WHEN condition THEN result` of a CASE.
public struct CaseBranch: Hashable, Sendable {
    public var condition: BoundExpr
    public var result: BoundExpr

    public init(condition: BoundExpr, result: BoundExpr) {
        self.condition = condition
        self.result = result
    }
}

/// An aggregate function call in a GROUP BY (or global aggregation).
public struct AggregateCall: Hashable, Sendable {
    /// Canonical name: count, sum, avg, min, max, any, anyLast, uniq, uniqExact, groupArray, ...
    public var function: String
    /// Arguments over the aggregate's input; empty for `count(*)`.
    public var arguments: [BoundExpr]
    /// Parametric arguments, e.g. `quantile(0.9)(x)`.
    public var parameters: [Value]
    /// `count(DISTINCT x)`.
    public var distinct: Bool
    /// The result type.
    public var type: DataType

    public init(
        function: String, arguments: [BoundExpr], parameters: [Value] = [], distinct: Bool = false, type: DataType
    ) {
        self.function = function
        self.arguments = arguments
        self.parameters = parameters
        self.distinct = distinct
        self.type = type
    }
}

/// One ORDER BY key.
public struct SortKey: Hashable, Sendable {
    public var expression: BoundExpr
    public var descending: Bool
    /// ClickHouse sorts NULLs (and NaNs) last by default, in both directions.
    public var nullsFirst: Bool

    public init(expression: BoundExpr, descending: Bool = false, nullsFirst: Bool = false) {
        self.expression = expression
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
