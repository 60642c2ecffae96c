// Constant rows (VALUES lists, SELECT without FROM), converted to columns once and emitted in
// batches of at most `Batch.capacity` rows.

import LoupeCore

/// A constant relation.
final class ValuesOperator: Operator {
    let schema: Schema
    private let all: Batch
    private var position = 0

    init(rows: [[Value]], schema: Schema) {
        self.schema = schema
        let columns = schema.fields.enumerated().map { c, field in
            Column(type: field.type, values: rows.map { $0[c] })
        }
        self.all = Batch(columns: columns, count: rows.count)
    }

    /// Emits ready-made columns.
    init(batch: Batch, schema: Schema) {
        self.schema = schema
        self.all = batch
    }

    func next() throws -> Batch? {
        guard position < all.count else { return nil }
        let end = min(position + Batch.capacity, all.count)
        defer { position = end }
        if position == 0 && end == all.count { return all }
        return all.rows(in: position..<end)
    }
}
