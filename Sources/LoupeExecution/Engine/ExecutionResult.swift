// What a statement returns: the rows of a query as a streaming cursor over its operator tree,
// or, for a command, how many rows it changed.

import LoupeCore

/// The outcome of one statement.
public struct ExecutionResult {
    /// Whether the statement produced rows or was a command.
    public enum Kind: Hashable, Sendable {
        /// A query: read its rows with `next()`.
        case rows
        /// A command (DDL, INSERT, DELETE, ...): no rows; `rowsAffected` rows were written or
        /// removed (0 for DDL).
        case command(rowsAffected: Int)
    }

    /// The result columns (empty for commands).
    public var schema: Schema
    public var kind: Kind
    private let source: Operator?

    init(schema: Schema, source: Operator) {
        self.schema = schema
        self.kind = .rows
        self.source = source
    }

    /// A command's outcome that changed no rows.
    public static var empty: ExecutionResult { ExecutionResult(rowsAffected: 0) }

    init(rowsAffected: Int) {
        self.schema = Schema([])
        self.kind = .command(rowsAffected: rowsAffected)
        self.source = nil
    }

    /// The next batch of result rows (at most `Batch.capacity`, never empty), or nil at the end.
    /// Rows are produced as they are pulled; errors (a failed cast, a division by zero) surface
    /// here. A query sees the tables as they were when `Engine.execute` returned.
    public func next() throws -> Batch? {
        try source?.next()
    }

    /// Every remaining batch.
    public func allBatches() throws -> [Batch] {
        try source?.drain() ?? []
    }

    /// Every remaining row as values (slow path: tests, small results).
    public func allRows() throws -> [[Value]] {
        try allBatches().flatMap { batch in (0..<batch.count).map { batch.row($0) } }
    }
}
