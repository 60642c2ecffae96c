// Tree utilities on logical plans for the optimizer rules: replacing a node's inputs, bottom-up
// rewriting, and rewriting every expression a plan holds (including subquery plans inside them).

import LoupeCore

extension LogicalPlan {
    /// This node with its inputs replaced by `inputs` (same count and order as `children`).
    public func withChildren(_ inputs: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(_, let p): return .filter(inputs[0], predicate: p)
        case .project(_, let e, let s): return .project(inputs[0], expressions: e, schema: s)
        case .aggregate(_, let k, let a, let s): return .aggregate(inputs[0], keys: k, aggregates: a, schema: s)
        case .join(_, _, let kind, let lk, let rk, let res, let nulls, let s):
            return .join(
                inputs[0], inputs[1], kind: kind, leftKeys: lk, rightKeys: rk, residual: res, joinUseNulls: nulls,
                schema: s)
        case .sort(_, let keys): return .sort(inputs[0], keys: keys)
        case .limit(_, let l, let o): return .limit(inputs[0], limit: l, offset: o)
        case .topK(_, let keys, let l, let o): return .topK(inputs[0], keys: keys, limit: l, offset: o)
        case .distinct: return .distinct(inputs[0])
        case .union(_, let all, let s): return .union(inputs, all: all, schema: s)
        }
    }

    /// Rewrites bottom-up: inputs first, then `transform` on the rebuilt node.
    public func transformUp(_ transform: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        let kids = children.map { $0.transformUp(transform) }
        return transform(kids.isEmpty ? self : withChildren(kids))
    }

    /// Applies `rewrite` to every expression held by this node (not its inputs).
    public func mapExpressions(_ rewrite: (BoundExpr) -> BoundExpr) -> LogicalPlan {
        func key(_ k: SortKey) -> SortKey {
            SortKey(expression: rewrite(k.expression), descending: k.descending, nullsFirst: k.nullsFirst)
        }
        switch self {
        case .scan(let t, let c, let f, let s): return .scan(table: t, columns: c, filter: f.map(rewrite), schema: s)
        case .values: return self
        case .filter(let i, let p): return .filter(i, predicate: rewrite(p))
        case .project(let i, let e, let s): return .project(i, expressions: e.map(rewrite), schema: s)
        case .aggregate(let i, let k, let a, let s):
            let calls = a.map { call in
                var copy = call
                copy.arguments = call.arguments.map(rewrite)
                return copy
            }
            return .aggregate(i, keys: k.map(rewrite), aggregates: calls, schema: s)
        case .join(let l, let r, let kind, let lk, let rk, let res, let nulls, let s):
            return .join(
                l, r, kind: kind, leftKeys: lk.map(rewrite), rightKeys: rk.map(rewrite), residual: res.map(rewrite),
                joinUseNulls: nulls, schema: s)
        case .sort(let i, let keys): return .sort(i, keys: keys.map(key))
        case .topK(let i, let keys, let l, let o): return .topK(i, keys: keys.map(key), limit: l, offset: o)
        case .limit, .distinct, .union: return self
        }
    }

    /// Applies `rule` to every plan nested inside expressions (IN, EXISTS and scalar subqueries).
    public func mapSubqueryPlans(_ rule: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        transformUp { node in
            node.mapExpressions { expr in
                expr.transformUp { e in
                    var copy = e
                    switch e.kind {
                    case .inSubquery(let v, let p, let negated): copy.kind = .inSubquery(v, rule(p), negated: negated)
                    case .scalarSubquery(let p): copy.kind = .scalarSubquery(rule(p))
                    case .exists(let p): copy.kind = .exists(rule(p))
                    default: return e
                    }
                    return copy
                }
            }
        }
    }
}
