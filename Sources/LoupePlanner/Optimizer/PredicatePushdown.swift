// Predicate pushdown: WHERE conjuncts move as close to the scans as they can, so fewer rows flow
// through the plan and a scan can skip rows early. A conjunct moves through a projection (its
// column references replaced by the projected expressions), a sort or DISTINCT, an aggregation
// (when it reads group keys only), a UNION (into every branch) and a join (to the side it reads;
// never into the side a LEFT/RIGHT/FULL join pads with defaults). An equality between the two
// sides of a CROSS or INNER join becomes a join key. Non-deterministic conjuncts (`rand() < x`)
// stay where they were written, and nothing moves below a LIMIT or top-k.

import LoupeCore

/// Moves filters toward the leaves.
public struct PredicatePushdown: OptimizerRule {
    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            return push(predicate.conjuncts, into: apply(input))
        default:
            return plan.withChildren(plan.children.map(apply))
        }
    }

    /// `input` filtered by `conjuncts`, with each conjunct placed as deep as it can go.
    private func push(_ conjuncts: [BoundExpr], into input: LogicalPlan) -> LogicalPlan {
        if conjuncts.isEmpty { return input }
        let movable = conjuncts.filter(\.isDeterministic)
        let fixed = conjuncts.filter { !$0.isDeterministic }
        if movable.isEmpty { return wrap(input, fixed) }
        switch input {
        case .filter(let inner, let predicate):
            return wrap(push(predicate.conjuncts + movable, into: inner), fixed)

        case .scan(let table, let columns, let filter, let schema):
            let all = (filter?.conjuncts ?? []) + movable
            return wrap(
                .scan(table: table, columns: columns, filter: BoundExpr.conjunction(all), schema: schema), fixed)

        case .project(let inner, let expressions, let schema):
            let (down, stay) = split(movable) { c in
                c.referencedColumns.allSatisfy { expressions[$0].isDeterministic }
            }
            let pushed = push(down.map { $0.substituted(expressions) }, into: inner)
            return wrap(.project(pushed, expressions: expressions, schema: schema), stay + fixed)

        case .sort(let inner, let keys):
            return wrap(.sort(push(movable, into: inner), keys: keys), fixed)

        case .distinct(let inner):
            return wrap(.distinct(push(movable, into: inner)), fixed)

        case .aggregate(let inner, let keys, let aggregates, let schema) where !keys.isEmpty:
            let (down, stay) = split(movable) { c in
                c.referencedColumns.allSatisfy { $0 < keys.count && keys[$0].isDeterministic }
            }
            let pushed = push(down.map { $0.substituted(keys) }, into: inner)
            return wrap(.aggregate(pushed, keys: keys, aggregates: aggregates, schema: schema), stay + fixed)

        case .union(let inputs, let all, let schema):
            let branches = inputs.map { branch in
                push(movable.map { $0.retypingColumns(to: branch.schema) }, into: branch)
            }
            return wrap(.union(branches, all: all, schema: schema), fixed)

        case .join(let left, let right, let kind, var leftKeys, var rightKeys, let residual, let useNulls, let schema):
            let leftCount = left.schema.count
            var toLeft: [BoundExpr] = []
            var toRight: [BoundExpr] = []
            var stay: [BoundExpr] = []
            var newKind = kind
            for c in movable {
                let refs = c.referencedColumns
                let leftOnly = refs.allSatisfy { $0 < leftCount }
                let rightOnly = !refs.isEmpty && refs.allSatisfy { $0 >= leftCount }
                if leftOnly && [.inner, .cross, .left].contains(kind) {
                    toLeft.append(c)
                } else if rightOnly && [.inner, .cross, .right].contains(kind) {
                    toRight.append(c.shifted(by: -leftCount))
                } else if [.inner, .cross].contains(kind), let (l, r) = c.equiJoinKeys(leftCount: leftCount) {
                    leftKeys.append(l)
                    rightKeys.append(r)
                    newKind = .inner
                } else {
                    stay.append(c)
                }
            }
            let joined = LogicalPlan.join(
                push(toLeft, into: left), push(toRight, into: right), kind: newKind, leftKeys: leftKeys,
                rightKeys: rightKeys, residual: residual, joinUseNulls: useNulls, schema: schema)
            return wrap(joined, stay + fixed)

        default:
            return wrap(input, conjuncts)
        }
    }

    private func wrap(_ plan: LogicalPlan, _ conjuncts: [BoundExpr]) -> LogicalPlan {
        guard let predicate = BoundExpr.conjunction(conjuncts) else { return plan }
        return .filter(plan, predicate: predicate)
    }

    private func split(_ items: [BoundExpr], _ test: (BoundExpr) -> Bool) -> ([BoundExpr], [BoundExpr]) {
        (items.filter(test), items.filter { !test($0) })
    }
}

extension BoundExpr {
    /// Column references with their types taken from `schema` (a UNION branch whose column types
    /// differ from the union's output gets the predicate over its own columns, cast to the
    /// union's type).
    fileprivate func retypingColumns(to schema: Schema) -> BoundExpr {
        transformUp { e in
            guard case .column(let i) = e.kind, schema.fields[i].type != e.type else { return e }
            return BoundExpr(.cast(.column(i, schema.fields[i].type)), type: e.type, range: e.range)
        }
    }
}
