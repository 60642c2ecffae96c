// The exact top-k by distance to a constant vector — `SELECT ..., cosineDistance(v, [...]) AS d
// FROM t [WHERE ...] ORDER BY d LIMIT k` — without materialising a distance column or sorting:
// each scanned batch (one table segment) is filtered to a row bitmap, its vector rows, contiguous
// when every row has the query's length, go through `Distance.topK` in place, and a global
// `TopK` keyed by scan position keeps the winners (ties in scan order, NaN after numbers, as the
// generic top-k's stable sort does). Only the winning rows are gathered and projected. When a
// selected vector has another length than the query (the generic plan's dimension-mismatch
// error) or the column holds NULLs, the operator runs the generic Scan → Project → TopK chain
// over the same snapshot instead, so answers and errors are the generic plan's.

import LoupeCore
import LoupeStorage
import LoupePlanner
import LoupeVector

/// Exact vector top-k over one table scan.
final class ExactVectorTopKOperator: Operator {
    /// The parts of a matching plan.
    struct Shape {
        var scanColumns: [Int]
        var scanSchema: Schema
        var filter: BoundExpr?
        var projections: [BoundExpr]
        var schema: Schema
        var keys: [SortKey]
        var limit: Int
        var offset: Int
        /// The vector column's position in the scan output.
        var vectorColumn: Int
        var query: [Float]
        var function: DistanceFunction

        /// The shape of `plan` when it is a top-k by a Float32 distance to a constant vector over
        /// a projection of one scan, whose other outputs are columns or the distance itself.
        init?(_ plan: LogicalPlan) {
            guard case .topK(let input, let keys, let limit, let offset) = plan, keys.count == 1,
                case .project(let scan, let projections, let schema) = input,
                case .scan(_, let scanColumns, let filter, let scanSchema) = scan,
                case .column(let output) = keys[0].expression.kind, output < projections.count,
                case .call(let name, let args, _) = projections[output].kind, args.count == 2,
                let function = Self.function(named: name), keys[0].descending == function.largerIsBetter
            else { return nil }
            let distance = projections[output]
            guard projections.allSatisfy({ $0 == distance || Self.isColumn($0) }) else { return nil }
            for (columnArg, queryArg) in [(args[0], args[1]), (args[1], args[0])] {
                guard case .column(let scanned) = columnArg.kind, scanned < scanColumns.count,
                    columnArg.type.elementType == .float32, queryArg.type.elementType == .float32,
                    case .vector(let query)? = queryArg.constantValue
                else { continue }
                self.scanColumns = scanColumns
                self.scanSchema = scanSchema
                self.filter = filter
                self.projections = projections
                self.schema = schema
                self.keys = keys
                self.limit = max(0, limit)
                self.offset = max(0, offset)
                self.vectorColumn = scanned
                self.query = query
                self.function = function
                return
            }
            return nil
        }

        private static func isColumn(_ expr: BoundExpr) -> Bool {
            if case .column = expr.kind { return true }
            return false
        }

        /// The kernel computing the distance function `name` as DistanceFunctions does.
        private static func function(named name: String) -> DistanceFunction? {
            switch name {
            case "distance", "cosineDistance": return .cosine
            case "L2Distance": return .l2
            case "L2SquaredDistance": return .l2Squared
            case "dotProduct": return .dot
            default: return nil
            }
        }
    }

    let schema: Schema
    private let shape: Shape
    private let snapshot: TableSnapshot
    private let evaluator: ExpressionEvaluator
    private var result: Operator?

    init(shape: Shape, snapshot: TableSnapshot, evaluator: ExpressionEvaluator) {
        self.shape = shape
        self.schema = shape.schema
        self.snapshot = snapshot
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        if result == nil {
            if let best = try selectBest() {
                result = ValuesOperator(batch: best, schema: schema)
            } else {
                result = genericPlan()
            }
        }
        return try result!.next()
    }

    /// The same query as Scan → Project → TopK over the same snapshot.
    private func genericPlan() -> Operator {
        let scan = ScanOperator(
            cursor: snapshot.scan(columns: shape.scanColumns), schema: shape.scanSchema, filter: shape.filter,
            evaluator: evaluator)
        let project = ProjectOperator(
            input: scan, expressions: shape.projections, schema: shape.schema, evaluator: evaluator)
        return TopKOperator(
            input: project, keys: shape.keys, limit: shape.limit, offset: shape.offset, evaluator: evaluator)
    }

    /// The projected result rows, or nil when only the generic plan gives the right answer.
    private func selectBest() throws -> Batch? {
        let k = min(shape.offset.saturatingAdd(shape.limit), snapshot.rowCount)
        var top = TopK(k: k, largerIsBetter: shape.function.largerIsBetter)
        let dim = shape.query.count
        var batches: [Batch] = []
        var firstRows: [Int] = []
        var scanned = 0
        let cursor = snapshot.scan(columns: shape.scanColumns)
        while k > 0, let batch = try cursor.next() {
            batches.append(batch)
            firstRows.append(scanned)
            let base = scanned
            scanned += batch.count
            var selected: [Bool]?
            if let filter = shape.filter {
                let rows = try evaluator.selectRows(filter, on: batch.relabelled(as: shape.scanSchema))
                if rows.isEmpty { continue }
                if rows.count < batch.count {
                    var bitmap = [Bool](repeating: false, count: batch.count)
                    for r in rows { bitmap[r] = true }
                    selected = bitmap
                }
            }
            let vectors = batch.columns[shape.vectorColumn]
            guard case .array(let offsets, let elements) = vectors.data, case .float32(let flat) = elements.data,
                vectors.nulls == nil, elements.nulls == nil, dim > 0
            else { return nil }
            var regular = true
            for r in 0..<batch.count where offsets[r + 1] - offsets[r] != dim {
                // A selected row of another length is the generic plan's dimension-mismatch error.
                if selected?[r] ?? true { return nil }
                regular = false
            }
            let part: TopK = flat.withUnsafeBufferPointer { rows in
                shape.query.withUnsafeBufferPointer { q in
                    let keep = selected.map { bitmap in { (r: Int) in bitmap[r] } }
                    guard let rowBase = rows.baseAddress, let queryBase = q.baseAddress else {
                        return TopK(k: k, largerIsBetter: shape.function.largerIsBetter)
                    }
                    if regular {
                        // Every row has `dim` floats, so rows 0..<count lie back to back from row 0's offset.
                        return Distance.topK(
                            shape.function, query: queryBase, rows: rowBase + offsets[0], rowCount: batch.count,
                            dim: dim, k: k, filter: keep)
                    }
                    var part = TopK(k: k, largerIsBetter: shape.function.largerIsBetter)
                    for r in 0..<batch.count where keep?(r) ?? true {
                        // Row r is a selected row of `dim` floats (checked above) inside `flat`.
                        part.push(Distance.evaluate(shape.function, queryBase, rowBase + offsets[r], count: dim), r)
                    }
                    return part
                }
            }
            for pair in part.sorted() { top.push(pair.score, base + pair.id) }
        }
        let winners = top.sorted().dropFirst(shape.offset).map(\.id)
        return try project(winners, batches: batches, firstRows: firstRows)
    }

    /// The projection of the scanned rows at scan positions `winners`, in that order.
    private func project(_ winners: [Int], batches: [Batch], firstRows: [Int]) throws -> Batch {
        // Gather per batch in scan order, then put the rows in winner order.
        let ascending = winners.sorted()
        var pieces: [Batch] = []
        var i = 0
        while i < ascending.count {
            let b = firstRows.lastIndex { $0 <= ascending[i] }!
            var rows: [Int] = []
            while i < ascending.count && ascending[i] < firstRows[b] + batches[b].count {
                rows.append(ascending[i] - firstRows[b])
                i += 1
            }
            pieces.append(batches[b].gatheringRows(rows))
        }
        let types = shape.scanSchema.types
        let gathered = Batch(
            columns: types.indices.map { c in Column.concatenating(pieces.map { $0.columns[c] }, type: types[c]) },
            count: winners.count
        ).relabelled(as: shape.scanSchema)
        let position = Dictionary(uniqueKeysWithValues: ascending.enumerated().map { ($1, $0) })
        let ordered = gathered.gatheringRows(winners.map { position[$0]! })
        let columns = try shape.projections.map { try evaluator.evaluate($0, on: ordered) }
        return Batch(columns: columns, count: ordered.count).relabelled(as: schema)
    }
}
