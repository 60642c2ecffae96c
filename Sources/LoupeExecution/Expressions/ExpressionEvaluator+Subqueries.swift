// `x IN (list)`, `x IN (SELECT ...)` and scalar subqueries. Constant lists and subquery results
// become an `InSet` (a hash set in the probed column's domain); subquery results are cached in
// the context so each uncorrelated subquery runs once per statement.

import LoupeCore
import LoupePlanner

extension ExpressionEvaluator {
    /// `x [NOT] IN (v1, v2, ...)`.
    func inList(_ value: BoundExpr, _ list: [BoundExpr], negated: Bool, type: DataType, on batch: Batch) throws
        -> Operand
    {
        let x = try operand(value, on: batch)
        if list.allSatisfy({ $0.constantValue != nil }) {
            let set = InSet(probeType: x.type, values: list.compactMap(\.constantValue))
            return probe(x, set, negated: negated, type: type, count: batch.count)
        }
        // General lists: OR of equalities, evaluated row by row on the slow path.
        let items = try list.map { try operand($0, on: batch) }
        let n = batch.count
        var out = [Int64](repeating: 0, count: n)
        for i in 0..<n {
            let v = x.value(at: i)
            if v.isNull { continue }
            let hit = items.contains { ValueOrder.equal($0.value(at: i), v) }
            out[i] = hit != negated ? 1 : 0
        }
        return .column(Column(type: type, data: .int64(out), nulls: type.isNullable ? x.nulls(count: n) : nil))
    }

    /// `x [NOT] IN (SELECT ...)`: the subquery's first column as a set.
    func inSubquery(_ value: BoundExpr, _ plan: LogicalPlan, negated: Bool, type: DataType, on batch: Batch) throws
        -> Operand
    {
        let x = try operand(value, on: batch)
        let set: InSet
        if let cached = context.subquerySets[plan], cached.probeType == x.type {
            set = cached
        } else {
            var values: [Value] = []
            for b in try context.subqueryRows(plan) where !b.columns.isEmpty {
                values.append(contentsOf: b.columns[0].values)
            }
            set = InSet(probeType: x.type, values: values)
            context.subquerySets[plan] = set
        }
        return probe(x, set, negated: negated, type: type, count: batch.count)
    }

    /// `(SELECT ...)` as one value: NULL (or the type default) when it returns no row.
    func scalarSubquery(_ plan: LogicalPlan, type: DataType) throws -> Operand {
        let batches = try context.subqueryRows(plan).filter { $0.count > 0 }
        let rows = batches.reduce(0) { $0 + $1.count }
        if rows > 1 { throw LoupeError(.runtime, "scalar subquery returned more than one row") }
        guard let first = batches.first, !first.columns.isEmpty else {
            return .constant(type.isNullable ? .null : type.defaultValue, type)
        }
        let column = first.columns[0]
        if column.type == type { return .constant(column.value(at: 0), type) }
        return .constant(try Cast.convert(column, to: type).value(at: 0), type)
    }

    /// Membership of every row of `x` in `set`; NULL rows give NULL.
    private func probe(_ x: Operand, _ set: InSet, negated: Bool, type: DataType, count: Int) -> Operand {
        let hit: Int64 = negated ? 0 : 1
        let miss: Int64 = negated ? 1 : 0
        switch x {
        case .constant(let v, _):
            if v.isNull { return .constant(type.isNullable ? .null : .int(0), type) }
            let one = Column(type: x.type.nonNullable, values: [ValueCoercion.fit(v, to: x.type.nonNullable)])
            return .constant(.int(set.contains(one, 0) ? hit : miss), type)
        case .column(let c):
            var out = [Int64](repeating: miss, count: count)
            set.mark(c, into: &out, hit: hit)
            return .column(Column(type: type, data: .int64(out), nulls: type.isNullable ? c.nulls : nil))
        }
    }
}
