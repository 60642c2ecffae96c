// GROUP BY and global aggregation. Each input batch's key columns are mapped to dense group ids
// by a `KeyIndex` (specialised for one integer/float or String key, generic otherwise); the ids go
// to every aggregate state in one `update` call per batch. The first row of each new group is
// gathered into the output key columns, so no per-row `Value` is ever built. A global aggregation
// (no keys) has exactly one group and yields one row even on empty input.

import LoupeCore
import LoupePlanner

/// Hash aggregation.
final class HashAggregateOperator: Operator {
    let schema: Schema
    private let input: Operator
    private let keys: [BoundExpr]
    private let aggregates: [AggregateCall]
    private let evaluator: ExpressionEvaluator
    private let makeState: (AggregateCall) throws -> AggregateState
    private var output: ValuesOperator?

    /// `makeState` creates the accumulators of each call (the aggregate function library by
    /// default).
    init(
        input: Operator, keys: [BoundExpr], aggregates: [AggregateCall], schema: Schema, evaluator: ExpressionEvaluator,
        makeState: @escaping (AggregateCall) throws -> AggregateState = AggregateFunctions.makeState(for:)
    ) {
        self.input = input
        self.keys = keys
        self.aggregates = aggregates
        self.schema = schema
        self.evaluator = evaluator
        self.makeState = makeState
    }

    func next() throws -> Batch? {
        if output == nil { output = ValuesOperator(batch: try aggregateAll(), schema: schema) }
        return try output!.next()
    }

    /// Consumes the input and returns every group's row.
    private func aggregateAll() throws -> Batch {
        let states = try aggregates.map(makeState)
        let keyTypes = schema.fields.prefix(keys.count).map(\.type)
        let index = KeyIndex(types: keyTypes, nullMode: .group)
        // The first row of each new group, a piece per batch (concatenated once at the end).
        var keyPieces: [[Column]] = []
        var groupCount = keys.isEmpty ? 1 : 0

        while let batch = try input.next() {
            var cache: [BoundExpr: Column] = [:]
            func value(_ expr: BoundExpr) throws -> Column {
                if case .column(let i) = expr.kind { return batch.columns[i] }
                if let hit = cache[expr] { return hit }
                let column = try evaluator.evaluate(expr, on: batch)
                cache[expr] = column
                return column
            }
            let groups: [Int32]
            if keys.isEmpty {
                groups = [Int32](repeating: 0, count: batch.count)
            } else {
                let keyValues = try keys.enumerated().map { k, e in try value(e).relabelled(as: keyTypes[k]) }
                var newRows: [Int] = []
                groups = index.insert(keyValues, count: batch.count, newRows: &newRows)
                if !newRows.isEmpty { keyPieces.append(keyValues.map { $0.gatheringRows(newRows) }) }
                groupCount = index.count
            }
            for (state, call) in zip(states, aggregates) {
                let arguments = try call.arguments.map(value)
                try groups.withUnsafeBufferPointer {
                    try state.update(groups: $0, arguments: arguments, groupCount: groupCount)
                }
            }
        }
        var columns = keyTypes.indices.map { k in Column.concatenating(keyPieces.map { $0[k] }, type: keyTypes[k]) }
        for (k, state) in states.enumerated() {
            let field = schema.fields[keys.count + k]
            columns.append(try state.finish(groupCount: groupCount).relabelled(as: field.type))
        }
        return Batch(columns: columns, count: groupCount)
    }
}
