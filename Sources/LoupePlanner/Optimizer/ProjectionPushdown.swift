// Projection pushdown: every node asks its input only for the columns it uses, so a scan reads
// only the column files a query needs (a 512-float embedding column is not read by a query that
// never mentions it). Nodes drop unused outputs where that cannot change the result (projections,
// scans, joins); column references above are renumbered to the new positions. DISTINCT and
// UNION need every column of their input, and the plan's own output never changes.

import LoupeCore

/// Removes columns nobody reads.
public struct ProjectionPushdown: OptimizerRule {
    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        prune(plan, required: nil).plan
    }

    /// The pruned plan and where each kept output column moved (old index → new index).
    /// `required` nil means every output column is kept in place.
    private func prune(_ plan: LogicalPlan, required: Set<Int>?) -> (plan: LogicalPlan, mapping: [Int: Int]) {
        let all = Set(0..<plan.schema.count)
        let needed = required ?? all
        switch plan {
        case .scan(let table, let columns, let filter, let schema):
            var keep = needed.union(filter?.referencedColumns ?? [])
            if keep.isEmpty, let cheapest = cheapestColumn(table, columns) { keep = [cheapest] }
            let positions = keep.sorted()
            let mapping = Dictionary(uniqueKeysWithValues: positions.enumerated().map { ($1, $0) })
            let newSchema = Schema(positions.map { schema.fields[$0] })
            return (
                .scan(
                    table: table, columns: positions.map { columns[$0] }, filter: filter?.remapped(mapping),
                    schema: newSchema), mapping
            )

        case .values:
            return (plan, identity(all))

        case .filter(let input, let predicate):
            let (child, mapping) = prune(input, required: needed.union(predicate.referencedColumns))
            return (.filter(child, predicate: predicate.remapped(mapping)), mapping)

        case .project(let input, let expressions, let schema):
            let positions = needed.sorted()
            let kept = positions.map { expressions[$0] }
            let (child, childMapping) = prune(input, required: Set(kept.flatMap(\.referencedColumns)))
            let mapping = Dictionary(uniqueKeysWithValues: positions.enumerated().map { ($1, $0) })
            let newSchema = Schema(positions.map { schema.fields[$0] })
            return (.project(child, expressions: kept.map { $0.remapped(childMapping) }, schema: newSchema), mapping)

        case .aggregate(let input, let keys, let aggregates, let schema):
            var used = Set(keys.flatMap(\.referencedColumns))
            for call in aggregates { used.formUnion(call.arguments.flatMap(\.referencedColumns)) }
            let (child, mapping) = prune(input, required: used)
            let newCalls = aggregates.map { call in
                var copy = call
                copy.arguments = call.arguments.map { $0.remapped(mapping) }
                return copy
            }
            return (
                .aggregate(child, keys: keys.map { $0.remapped(mapping) }, aggregates: newCalls, schema: schema),
                identity(all)
            )

        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual, let useNulls, let schema):
            let leftCount = left.schema.count
            let wanted = needed.union(residual?.referencedColumns ?? [])
            let leftNeed = Set(wanted.filter { $0 < leftCount }).union(leftKeys.flatMap(\.referencedColumns))
            let rightNeed = Set(wanted.filter { $0 >= leftCount }.map { $0 - leftCount })
                .union(rightKeys.flatMap(\.referencedColumns))
            let (newLeft, leftMap) = prune(left, required: leftNeed)
            let (newRight, rightMap) = prune(right, required: rightNeed)
            let newLeftCount = newLeft.schema.count
            var mapping = leftMap
            for (old, new) in rightMap { mapping[old + leftCount] = new + newLeftCount }
            var fields = Array(repeating: schema.fields[0], count: newLeftCount + newRight.schema.count)
            for (old, new) in mapping { fields[new] = schema.fields[old] }
            let joined = LogicalPlan.join(
                newLeft, newRight, kind: kind, leftKeys: leftKeys.map { $0.remapped(leftMap) },
                rightKeys: rightKeys.map { $0.remapped(rightMap) }, residual: residual?.remapped(mapping),
                joinUseNulls: useNulls, schema: Schema(fields))
            return (joined, mapping)

        case .sort(let input, let keys):
            let (child, mapping) = prune(input, required: needed.union(keys.flatMap(\.expression.referencedColumns)))
            return (.sort(child, keys: keys.map { remap($0, mapping) }), mapping)

        case .topK(let input, let keys, let limit, let offset):
            let (child, mapping) = prune(input, required: needed.union(keys.flatMap(\.expression.referencedColumns)))
            return (.topK(child, keys: keys.map { remap($0, mapping) }, limit: limit, offset: offset), mapping)

        case .limit(let input, let limit, let offset):
            let (child, mapping) = prune(input, required: needed)
            return (.limit(child, limit: limit, offset: offset), mapping)

        case .distinct(let input):
            return (.distinct(prune(input, required: nil).plan), identity(all))

        case .union(let inputs, let isAll, let schema):
            return (.union(inputs.map { prune($0, required: nil).plan }, all: isAll, schema: schema), identity(all))
        }
    }

    private func identity(_ columns: Set<Int>) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0, $0) })
    }

    private func remap(_ key: SortKey, _ mapping: [Int: Int]) -> SortKey {
        SortKey(expression: key.expression.remapped(mapping), descending: key.descending, nullsFirst: key.nullsFirst)
    }

    /// A scan that must produce rows but no particular column reads its narrowest fixed-width one.
    private func cheapestColumn(_ table: TableDefinition, _ columns: [Int]) -> Int? {
        func cost(_ position: Int) -> Int {
            let type = table.columns[columns[position]].type.nonNullable
            if type.isString { return 100 }
            if type.elementType != nil { return 1000 }
            return type.integerBits ?? 64
        }
        return columns.indices.min { cost($0) < cost($1) }
    }
}
