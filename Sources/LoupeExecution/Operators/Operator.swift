// The physical operator protocol. Operators form a tree and are pulled from the root: each
// `next()` returns the following batch of at most `Batch.capacity` rows (typed contiguous
// columns), or nil when the operator is exhausted. An operator is used by one thread at a time.

import LoupeCore

/// A pull-based physical operator.
public protocol Operator: AnyObject {
    /// The fields of every batch this operator yields.
    var schema: Schema { get }

    /// The next batch (never empty), or nil at the end.
    func next() throws -> Batch?
}

extension Operator {
    /// Pulls every remaining batch.
    func drain() throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

    /// Pulls every remaining row into one column per field.
    func materialize() throws -> Batch {
        let batches = try drain()
        let columns = schema.fields.indices.map { c in
            Column.concatenating(batches.map { $0.columns[c] }, type: schema.fields[c].type)
        }
        return Batch(columns: columns, count: batches.reduce(0) { $0 + $1.count })
    }
}
