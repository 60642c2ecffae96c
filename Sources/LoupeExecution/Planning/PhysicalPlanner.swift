// Maps a logical plan onto a tree of operators over the catalog. Table scans take their snapshot
// here, so a query sees each table as it was when the statement was planned. The planner also
// picks the build side of each hash join from rough row-count estimates.

import LoupeCore
import LoupePlanner

/// Logical plan → operator tree.
struct PhysicalPlanner {
    let catalog: Catalog
    let evaluator: ExpressionEvaluator

    init(catalog: Catalog, context: EvaluationContext) {
        self.catalog = catalog
        self.evaluator = ExpressionEvaluator(context: context)
    }

    /// The operator tree that produces `plan`'s rows.
    func makeOperator(_ plan: LogicalPlan) throws -> Operator {
        switch plan {
        case .scan(let table, let columns, let filter, let schema):
            let snapshot = try catalog.snapshot(database: table.database, name: table.name)
            let cursor =
                KeyRangeExtraction.keyRange(of: filter, keyColumn: table.sortKeyColumn, columns: columns)
                .map { snapshot.scan(columns: columns, keyRange: $0) } ?? snapshot.scan(columns: columns)
            return ScanOperator(cursor: cursor, schema: schema, filter: filter, evaluator: evaluator)
        case .values(let rows, let schema):
            return ValuesOperator(rows: rows, schema: schema)
        case .filter(let input, let predicate):
            return FilterOperator(input: try makeOperator(input), predicate: predicate, evaluator: evaluator)
        case .project(let input, let expressions, let schema):
            return ProjectOperator(
                input: try makeOperator(input), expressions: expressions, schema: schema, evaluator: evaluator)
        case .aggregate(let input, let keys, let aggregates, let schema):
            return HashAggregateOperator(
                input: try makeOperator(input), keys: keys, aggregates: aggregates, schema: schema, evaluator: evaluator
            )
        case .join(let left, let right, let kind, let leftKeys, let rightKeys, let residual, _, let schema):
            let buildLeft = kind != .cross && estimatedRows(left).saturatingMultiply(2) < estimatedRows(right)
            return HashJoinOperator(
                left: try makeOperator(left), right: try makeOperator(right), kind: kind, leftKeys: leftKeys,
                rightKeys: rightKeys, residual: residual, schema: schema, buildLeft: buildLeft, evaluator: evaluator)
        case .sort(let input, let keys):
            return SortOperator(input: try makeOperator(input), keys: keys, evaluator: evaluator)
        case .limit(let input, let limit, let offset):
            return LimitOperator(input: try makeOperator(input), limit: limit, offset: offset)
        case .topK(let input, let keys, let limit, let offset):
            let resolved = try resolvingQueryVectors(plan)
            if let indexed = try vectorSearch(resolved) { return indexed }
            if let exact = try exactVectorTopK(resolved) { return exact }
            return TopKOperator(
                input: try makeOperator(input), keys: keys, limit: limit, offset: offset, evaluator: evaluator)
        case .distinct(let input):
            return DistinctOperator(input: try makeOperator(input))
        case .union(let inputs, let all, let schema):
            let union = UnionOperator(inputs: try inputs.map(makeOperator), schema: schema)
            return all ? union : DistinctOperator(input: union)
        }
    }

    /// `plan` with each distance argument that is a scalar subquery (`distance(v, (SELECT …))`)
    /// replaced by the vector it returns, so an index or the fused scan can answer the top-k.
    private func resolvingQueryVectors(_ plan: LogicalPlan) throws -> LogicalPlan {
        guard case .topK(.project(let scan, let projections, let schema), let keys, let limit, let offset) = plan,
            case .scan = scan
        else { return plan }
        var changed = false
        let resolved = try projections.map { expr -> BoundExpr in
            guard case .call(let name, let args, let parameters) = expr.kind,
                VectorSearchPattern.metric(of: name) != nil || name == FunctionNames.l2Distance,
                args.contains(where: { if case .scalarSubquery = $0.kind { true } else { false } })
            else { return expr }
            let newArgs = try args.map { arg -> BoundExpr in
                guard case .scalarSubquery(let subquery) = arg.kind,
                    case .constant(let value, _) = try evaluator.scalarSubquery(subquery, type: arg.type),
                    case .vector(let floats)? = try? LiteralConversion.convert(value, to: .array(.float32), mode: .cast)
                else { return arg }
                changed = true
                return BoundExpr(.literal(.vector(floats)), type: arg.type, range: arg.range)
            }
            return BoundExpr(.call(name, arguments: newArgs, parameters: parameters), type: expr.type, range: expr.range)
        }
        guard changed else { return plan }
        return .topK(.project(scan, expressions: resolved, schema: schema), keys: keys, limit: limit, offset: offset)
    }

    /// Scan → Project → TopK with the scan replaced by an index search, when the table has a
    /// vector index of the distance's metric on the column.
    private func vectorSearch(_ plan: LogicalPlan) throws -> Operator? {
        guard let pattern = VectorSearchPattern.match(plan), let index = pattern.index,
            let spec = pattern.table.vectorIndexSpecs.first(where: { $0.name == index.name }),
            case .topK(.project(.scan(_, _, _, let scanSchema), _, _), let keys, let limit, let offset) = plan
        else { return nil }
        let snapshot = try catalog.snapshot(database: pattern.table.database, name: pattern.table.name)
        let k = max(0, limit).saturatingAdd(max(0, offset))
        let search = VectorSearchOperator(
            snapshot: snapshot, spec: spec, query: pattern.query, k: k, options: pattern.searchOptions,
            scanColumns: pattern.scanColumns, filter: pattern.filter, schema: scanSchema, evaluator: evaluator)
        let project = ProjectOperator(
            input: search, expressions: pattern.projections, schema: pattern.schema, evaluator: evaluator)
        return TopKOperator(input: project, keys: keys, limit: limit, offset: offset, evaluator: evaluator)
    }

    /// The fused exact scan for a top-k by distance to a constant vector, when no index answers it.
    private func exactVectorTopK(_ plan: LogicalPlan) throws -> Operator? {
        guard VectorSearchPattern.match(plan)?.index == nil, let shape = ExactVectorTopKOperator.Shape(plan),
            case .topK(.project(.scan(let table, _, _, _), _, _), _, _, _) = plan
        else { return nil }
        let snapshot = try catalog.snapshot(database: table.database, name: table.name)
        return ExactVectorTopKOperator(shape: shape, snapshot: snapshot, evaluator: evaluator)
    }

    /// A rough upper bound of the rows `plan` produces, for choosing a join's build side.
    func estimatedRows(_ plan: LogicalPlan) -> Int {
        switch plan {
        case .scan(let table, _, let filter, _):
            let rows = (try? catalog.store(database: table.database, name: table.name).rowCount) ?? 100
            return filter == nil ? rows : rows / 2
        case .values(let rows, _): return rows.count
        case .filter(let input, _): return estimatedRows(input) / 2
        case .project(let input, _, _), .sort(let input, _), .distinct(let input): return estimatedRows(input)
        case .aggregate(let input, let keys, _, _): return keys.isEmpty ? 1 : estimatedRows(input)
        case .join(let left, let right, let kind, _, _, _, _, _):
            let l = estimatedRows(left)
            let r = estimatedRows(right)
            return kind == .cross ? l.saturatingMultiply(r) : max(l, r)
        case .limit(let input, let limit, _): return min(limit ?? Int.max, estimatedRows(input))
        case .topK(let input, _, let limit, let offset): return min(limit.saturatingAdd(offset), estimatedRows(input))
        case .union(let inputs, _, _): return inputs.reduce(0) { $0.saturatingAdd(estimatedRows($1)) }
        }
    }
}
