// ORDER BY ... LIMIT n [OFFSET m]: keeps only the best `offset + limit` rows seen so far. Once
// that many are held (sorted), an incoming row must sort strictly before the current last one to
// enter, so on large inputs almost every row is rejected by one comparison. Candidates are
// buffered and merged in (sort, cut back to the limit) once the buffer is as large as the limit.
// Ties keep input order, so the result equals a stable sort followed by LIMIT.

import LoupeCore
import LoupePlanner

/// Bounded sort.
final class TopKOperator: Operator {
    private let input: Operator
    private let keys: [SortKey]
    private let limit: Int
    private let offset: Int
    private let evaluator: ExpressionEvaluator
    private var result: ValuesOperator?

    var schema: Schema { input.schema }

    init(input: Operator, keys: [SortKey], limit: Int, offset: Int, evaluator: ExpressionEvaluator) {
        self.input = input
        self.keys = keys
        self.limit = max(0, limit)
        self.offset = max(0, offset)
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        if result == nil {
            let best = try selectBest()
            let start = min(offset, best.count)
            result = ValuesOperator(batch: best.rows(in: start..<best.count), schema: schema)
        }
        return try result!.next()
    }

    /// The first `offset + limit` rows in sort order.
    private func selectBest() throws -> Batch {
        let k = offset.saturatingAdd(limit)
        let width = schema.count
        let types = schema.types + keys.map(\.expression.type)
        // The best rows so far (data columns, then key columns), sorted and at most `k` of them,
        // plus candidates not yet merged in.
        var kept = Batch(columns: types.map { Column.empty($0) }, count: 0)
        var pending: [Batch] = []
        var pendingRows = 0
        guard k > 0 else { return Batch(columns: Array(kept.columns.prefix(width)), count: 0) }
        let compactAt = max(k, Batch.capacity)

        func compact() {
            let pieces = [kept] + pending
            let all = Batch(
                columns: types.indices.map { c in Column.concatenating(pieces.map { $0.columns[c] }, type: types[c]) },
                count: kept.count + pendingRows)
            let order = SortKeyColumns(Array(all.columns[width...]), keys: keys).sortedPositions(count: all.count)
            kept = all.gatheringRows(Array(order.prefix(k)))
            pending = []
            pendingRows = 0
        }

        while let batch = try input.next() {
            let batchKeys = try SortKeyEvaluation.keyColumns(keys, of: batch, evaluator: evaluator)
            var candidates = Array(0..<batch.count)
            if kept.count == k {
                // Only rows that sort strictly before the current k-th row can still make it.
                let incoming = SortKeyColumns(batchKeys, keys: keys)
                let current = SortKeyColumns(Array(kept.columns[width...]), keys: keys)
                candidates = candidates.filter { incoming.compare($0, current, k - 1) < 0 }
                if candidates.isEmpty { continue }
            }
            let combined = Batch(columns: batch.columns + batchKeys, count: batch.count).relabelled(
                as: Schema(types.map { Field(name: "", type: $0) }))
            pending.append(candidates.count == batch.count ? combined : combined.gatheringRows(candidates))
            pendingRows += candidates.count
            if pendingRows >= compactAt { compact() }
        }
        if pendingRows > 0 { compact() }
        return Batch(columns: Array(kept.columns.prefix(width)), count: kept.count)
    }
}
