// ORDER BY ... LIMIT n [OFFSET m]: keeps only the best `offset + limit` rows seen so far. Once
// that many are held (sorted), an incoming row must sort strictly before the current last one to
// enter, so on large inputs almost every row is rejected by one comparison. Candidates are
// buffered and the buffer re-sorted and cut back when it doubles. Ties keep input order, so the
// result equals a stable sort followed by LIMIT.

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
        let keyTypes = keys.map(\.expression.type)
        // Data columns followed by key columns, the best rows first once `sorted` is true.
        var kept = Batch(columns: schema.types.map { Column.empty($0) } + keyTypes.map { Column.empty($0) }, count: 0)
        var sorted = true
        guard k > 0 else { return Batch(columns: Array(kept.columns.prefix(width)), count: 0) }
        let compactAt = max(k.saturatingMultiply(2), k.saturatingAdd(Batch.capacity))

        func compact() {
            let keyColumns = SortKeyColumns(Array(kept.columns[width...]), keys: keys)
            let order = keyColumns.sortedPositions(count: kept.count)
            kept = kept.gatheringRows(Array(order.prefix(k)))
            sorted = true
        }

        while let batch = try input.next() {
            let batchKeys = try SortKeyEvaluation.keyColumns(keys, of: batch, evaluator: evaluator)
            var candidates = Array(0..<batch.count)
            if sorted && kept.count == k {
                let incoming = SortKeyColumns(batchKeys, keys: keys)
                let current = SortKeyColumns(Array(kept.columns[width...]), keys: keys)
                candidates = candidates.filter { incoming.compare($0, current, k - 1) < 0 }
                if candidates.isEmpty { continue }
            }
            let picked = Batch(columns: batch.columns + batchKeys, count: batch.count).gatheringRows(candidates)
            for c in kept.columns.indices {
                kept.columns[c].appendRows(of: picked.columns[c].relabelled(as: kept.columns[c].type))
            }
            kept.count += picked.count
            sorted = false
            if kept.count >= compactAt { compact() }
        }
        if !sorted || kept.count > k { compact() }
        return Batch(columns: Array(kept.columns.prefix(width)), count: kept.count)
    }
}
