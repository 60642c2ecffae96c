// Recognises the plan shape a vector index can answer: a top-k ordered by the distance between
// a table's vector column and a constant vector, over a projection of one (optionally filtered)
// scan. After the optimizer this is what `SELECT ..., distance(col, [...]) AS d FROM t WHERE ...
// ORDER BY d LIMIT k` becomes, alone or as a subquery (the walkthrough's JOIN):
//
//     TopK (limit k, keys: d ASC)
//       Project (..., cosineDistance(col, [..512 floats]) AS d)
//         Scan db.t (..., col) filter: ...
//
// The physical planner asks `VectorSearchPattern.match` and, when the table has an index of the
// same metric on the column, replaces the subtree by an index search that yields the projection's
// rows; otherwise it runs the plan as it is (an exact top-k).

import LoupeCore

/// A top-k by distance to a constant vector over one table.
public struct VectorSearchPattern: Hashable, Sendable {
    /// The scan under the projection.
    public var table: TableDefinition
    /// The table columns the scan reads (positions in `table.columns`), in scan output order.
    public var scanColumns: [Int]
    /// The pushed-down filter, over the scan's output columns.
    public var filter: BoundExpr?
    /// The vector column's position in `table.columns`.
    public var vectorColumn: Int
    /// The constant query vector.
    public var query: [Float]
    /// The metric of the distance function (`cosineDistance` → Cosine, `L2SquaredDistance` → L2,
    /// `dotProduct` → IP).
    public var metric: Metric
    /// The projection's expressions (over the scan's output) and output schema.
    public var projections: [BoundExpr]
    public var schema: Schema
    /// The position of the distance among the projection's outputs.
    public var distanceOutput: Int
    public var limit: Int
    public var offset: Int
    /// The index on the vector column when its metric is the distance's; nil means exact search.
    public var index: VectorIndexDefinition?

    /// The pattern, when `plan` (the top-k node itself) has this shape and orders from the
    /// closest vector (ascending for Cosine and L2, descending for IP). With `subqueryVector`, a
    /// scalar subquery also counts as the constant vector (its value, known only when the query
    /// runs, is left out of `query`).
    public static func match(_ plan: LogicalPlan, subqueryVector: Bool = false) -> VectorSearchPattern? {
        guard case .topK(let input, let keys, let limit, let offset) = plan, keys.count == 1,
            case .project(let scan, let projections, let schema) = input,
            case .scan(let table, let scanColumns, let filter, _) = scan,
            case .column(let output) = keys[0].expression.kind, output < projections.count,
            case .call(let function, let args, _) = projections[output].kind, args.count == 2,
            let metric = metric(of: function)
        else { return nil }
        guard keys[0].descending == metric.largerIsCloser else { return nil }
        let sides = [(args[0], args[1]), (args[1], args[0])]
        for (columnArg, queryArg) in sides {
            guard case .column(let scanned) = columnArg.kind, scanned < scanColumns.count else { continue }
            let query: [Float]
            if case .vector(let constant)? = queryArg.constantValue {
                query = constant
            } else if subqueryVector, case .scalarSubquery = queryArg.kind {
                query = []
            } else {
                continue
            }
            let column = scanColumns[scanned]
            let index = table.vectorIndex(on: table.columns[column].name).flatMap { $0.metric == metric ? $0 : nil }
            return VectorSearchPattern(
                table: table, scanColumns: scanColumns, filter: filter, vectorColumn: column, query: query,
                metric: metric, projections: projections, schema: schema, distanceOutput: output, limit: limit,
                offset: offset, index: index)
        }
        return nil
    }

    /// The metric whose exact distance `function` computes, for the functions an index answers.
    public static func metric(of function: String) -> Metric? {
        switch function {
        case FunctionNames.cosineDistance: return .cosine
        case FunctionNames.l2SquaredDistance: return .l2
        case FunctionNames.dotProduct: return .innerProduct
        default: return nil
        }
    }
}
