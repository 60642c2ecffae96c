// UNION ALL: the batches of each input in turn, relabelled to the union's schema. UNION DISTINCT
// is planned as a `DistinctOperator` over this.

import LoupeCore

/// Concatenation of inputs with the same columns.
final class UnionOperator: Operator {
    let schema: Schema
    private let inputs: [Operator]
    private var current = 0

    init(inputs: [Operator], schema: Schema) {
        self.inputs = inputs
        self.schema = schema
    }

    func next() throws -> Batch? {
        while current < inputs.count {
            if let batch = try inputs[current].next() { return batch.relabelled(as: schema) }
            current += 1
        }
        return nil
    }
}
