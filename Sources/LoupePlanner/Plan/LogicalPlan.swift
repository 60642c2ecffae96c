// The logical query plan: a tree of relational operators, each knowing its output schema. The
// binder produces it from a SELECT, optimizer rules rewrite it, and the physical planner turns it
// into operators. Expressions inside a node refer to columns of that node's input (for a join: the
// left input's columns followed by the right's).

import LoupeCore

/// How a join matches rows.
public enum JoinKind: String, Hashable, Sendable {
    case inner = "INNER"
    case left = "LEFT"
    case right = "RIGHT"
    case full = "FULL"
    case cross = "CROSS"
}

/// A relational operator tree.
public indirect enum LogicalPlan: Hashable, Sendable {
    /// Reads `columns` (positions in the table definition) of a table, optionally with a filter
    /// pushed down (over the scanned columns, in `columns` order). Output: the scanned columns.
    case scan(table: TableDefinition, columns: [Int], filter: BoundExpr?, schema: Schema)
    /// Constant rows (SELECT without FROM yields one row with no columns).
    case values(rows: [[Value]], schema: Schema)
    /// Keeps rows where `predicate` is true (NULL counts as false).
    case filter(LogicalPlan, predicate: BoundExpr)
    /// Computes `expressions` over the input; the output has one field per expression.
    case project(LogicalPlan, expressions: [BoundExpr], schema: Schema)
    /// Groups by `keys` and computes `aggregates`. Output: keys then aggregates. With no keys, a
    /// global aggregation that yields exactly one row even on empty input.
    case aggregate(LogicalPlan, keys: [BoundExpr], aggregates: [AggregateCall], schema: Schema)
    /// Joins on equalities `leftKeys[i] = rightKeys[i]` (over each side's own columns) plus an
    /// optional `residual` over the combined row. `joinUseNulls` selects ClickHouse's
    /// `join_use_nulls` behaviour for unmatched rows (else they get type defaults).
    case join(
        LogicalPlan, LogicalPlan, kind: JoinKind, leftKeys: [BoundExpr], rightKeys: [BoundExpr],
        residual: BoundExpr?, joinUseNulls: Bool, schema: Schema)
    /// Orders rows.
    case sort(LogicalPlan, keys: [SortKey])
    /// Skips `offset` rows then passes at most `limit` rows (nil: no limit).
    case limit(LogicalPlan, limit: Int?, offset: Int)
    /// ORDER BY + LIMIT fused: the first `offset + limit` rows by `keys`, kept in a heap.
    case topK(LogicalPlan, keys: [SortKey], limit: Int, offset: Int)
    /// Removes duplicate rows.
    case distinct(LogicalPlan)
    /// Concatenates inputs with the same column count; `all == false` also removes duplicates.
    case union([LogicalPlan], all: Bool, schema: Schema)

    /// The fields this node produces.
    public var schema: Schema {
        switch self {
        case .scan(_, _, _, let schema), .values(_, let schema), .project(_, _, let schema),
            .aggregate(_, _, _, let schema), .join(_, _, _, _, _, _, _, let schema), .union(_, _, let schema):
            return schema
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .topK(let input, _, _, _),
            .distinct(let input):
            return input.schema
        }
    }

    /// The direct inputs of this node.
    public var children: [LogicalPlan] {
        switch self {
        case .scan, .values: return []
        case .filter(let i, _), .project(let i, _, _), .aggregate(let i, _, _, _), .sort(let i, _),
            .limit(let i, _, _), .topK(let i, _, _, _), .distinct(let i):
            return [i]
        case .join(let l, let r, _, _, _, _, _, _): return [l, r]
        case .union(let inputs, _, _): return inputs
        }
    }
}
