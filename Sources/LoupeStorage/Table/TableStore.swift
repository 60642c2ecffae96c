// The seam between the executor and the rows of a table. `MemoryTableStore` keeps them in memory;
// `DiskTableStore` keeps them in immutable parts on disk behind a manifest. Readers work on a
// `TableSnapshot`, so a query sees the table as it was when the query was planned, whatever later
// statements do. Every mutation is all-or-nothing: a statement that fails, or a process that dies
// in the middle of one, leaves the table as it was.

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

    /// Starts a streaming append: batches handed to the appender become visible together when it
    /// commits, and not at all if it is rolled back, released uncommitted, or the process dies.
    func beginAppend() throws -> TableAppender

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

    /// Merges the table's parts now (`OPTIMIZE TABLE`); with `final`, into as few as possible.
    func optimize(final: Bool) throws

    /// Blocks until background work on the table (merges, index builds) is done.
    func waitForBackgroundWork()

    /// Sets the vector indexes the store keeps on its rows; building them happens in the
    /// background.
    func setVectorIndexes(_ specs: [VectorIndexSpec])

    /// The state of vector index `name`, or nil when the store keeps no such index.
    func vectorIndexStatus(_ name: String) -> VectorIndexStatus?
}

extension TableStore {
    public func optimize(final: Bool) throws {}

    public func waitForBackgroundWork() {}
}

/// An append in progress (see `TableStore.beginAppend`). Not thread-safe: one writer uses it.
public protocol TableAppender: AnyObject {
    /// Adds rows (same contract as `TableStore.append`). They stay invisible until `commit`.
    func append(_ batch: Batch) throws

    /// Makes every appended row visible at once, durably for a store on disk.
    /// - Returns: the number of rows committed.
    @discardableResult
    func commit() throws -> Int

    /// Discards every appended row. Calling it after `commit` does nothing.
    func rollback()
}

/// A consistent, immutable view of a table's rows.
public protocol TableSnapshot: Sendable {
    /// Number of rows in the view.
    var rowCount: Int { get }

    /// A cursor over the columns at `columns` (table positions, in the order given), yielding
    /// batches of at most `Batch.capacity` rows.
    func scan(columns: [Int]) -> TableCursor

    /// Like `scan(columns:)`, but the store may skip rows whose key column value lies outside
    /// `keyRange` (whole pages whose min/max show it). Rows outside the range can still be
    /// returned: the caller filters them as before.
    func scan(columns: [Int], keyRange: KeyRange) -> TableCursor
}

extension TableSnapshot {
    public func scan(columns: [Int], keyRange: KeyRange) -> TableCursor {
        scan(columns: columns)
    }
}

/// Yields the batches of a scan.
public protocol TableCursor: AnyObject {
    /// The next batch, or nil when the scan is done.
    func next() throws -> Batch?
}

/// The values a scan needs from one column (by table position): rows whose value lies outside
/// `lower...upper` can be skipped. Bounds are inclusive; nil is unbounded. Values are of the
/// column's type: `.int`/`.uint`/`.float` for numbers, `.string`, `.date`, `.dateTime`, `.bool`.
public struct KeyRange: Sendable, Equatable {
    public var column: Int
    public var lower: Value?
    public var upper: Value?

    public init(column: Int, lower: Value?, upper: Value?) {
        self.column = column
        self.lower = lower
        self.upper = upper
    }
}
