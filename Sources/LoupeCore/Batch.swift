// A horizontal slice of a relation: up to `Batch.capacity` rows held as one `Column` per output
// field. Operators pull batches from their inputs and push batches to their parents.

/// Rows flowing between operators, column by column.
public struct Batch: Sendable {
    /// The preferred number of rows per batch.
    public static let capacity = 2048

    public var columns: [Column]
    /// Row count (kept separately so a batch with no columns, e.g. `SELECT count()`, has rows).
    public var count: Int

    public init(columns: [Column], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// A batch whose row count is that of its first column.
    public init(columns: [Column]) {
        precondition(!columns.isEmpty, "use init(columns:count:) for a batch without columns")
        self.init(columns: columns, count: columns[0].count)
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Batch {
        Batch(columns: columns.map { $0.gather(indices) }, count: indices.count)
    }

    /// Row `i` as values.
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }
}
