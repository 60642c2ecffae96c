// The seam between the executor and the rows of a table. `MemoryTableStore` implements it in
// memory; the on-disk store (immutable parts, a manifest, delete masks) will implement the same
// protocol. Readers work on a `TableSnapshot`, so a query sees the table as it was when the query
// was planned, whatever later statements do. Every mutation is all-or-nothing.

import LoupeCore

/// The rows of one table.
public protocol TableStore: AnyObject, Sendable {
    /// Number of live rows.
    var rowCount: Int { get }

    /// An immutable view of the current rows.
    func snapshot() -> TableSnapshot

    /// Appends rows. `batch` holds one column per table column, in table order, each already of
    /// the column's type (any number of rows). Either every row is stored or none is.
    func append(_ batch: Batch) throws

    /// Removes every row.
    func truncate() throws

    /// Removes the rows `selectRows` picks. The callback sees the table in batches of every
    /// column (at most `Batch.capacity` rows) and returns the positions to delete within each
    /// batch. Returns the number of rows deleted; if the callback throws, nothing changes.
    @discardableResult
    func delete(where selectRows: (Batch) throws -> [Int]) throws -> Int

    /// Rewrites rows in place. `rewrite` sees the table in batches of every column (at most
    /// `Batch.capacity` rows) and returns a replacement batch with the same rows and types, or
    /// nil to keep the batch. If the callback throws, nothing changes.
    func replaceRows(_ rewrite: (Batch) throws -> Batch?) throws
}

/// A consistent, immutable view of a table's rows.
public protocol TableSnapshot: Sendable {
    /// Number of rows in the view.
    var rowCount: Int { get }

    /// A cursor over the columns at `columns` (table positions, in the order given), yielding
    /// batches of at most `Batch.capacity` rows.
    func scan(columns: [Int]) -> TableCursor
}

/// Yields the batches of a scan.
public protocol TableCursor: AnyObject {
    /// The next batch, or nil when the scan is done.
    func next() throws -> Batch?
}
