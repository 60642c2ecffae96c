// Batch-level counterparts of the column range operations in Column+Rows.swift.


extension Batch {
    /// Rows `range` of every column.
    package func rows(in range: Range<Int>) -> Batch {
        Batch(columns: columns.map { $0.rows(in: range) }, count: range.count)
    }

    /// Every column relabelled to the type `schema` gives it (nullability only).
    package func relabelled(as schema: Schema) -> Batch {
        var copy = self
        for c in copy.columns.indices where copy.columns[c].type != schema.fields[c].type {
            copy.columns[c] = copy.columns[c].relabelled(as: schema.fields[c].type)
        }
        return copy
    }
}
