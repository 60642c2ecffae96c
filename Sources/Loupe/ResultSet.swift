// The rows a statement returns, read through a throwing cursor: rows are produced batch by batch
// as they are read, so a large result never has to be held in memory at once.

import LoupeCore
import LoupeExecution

/// The result of one statement. Read it with `next()`, `rows()` or `formatted(as:)`.
public final class ResultSet {
    /// Column names and types (empty for statements that return no rows).
    public let columns: ResultColumns
    /// Rows inserted, deleted or updated by a DML statement; 0 otherwise.
    public let rowsAffected: Int
    private let execution: ExecutionResult
    private var current: Batch?
    private var position = 0
    /// Sees every batch as it is read, then nil at the end (INTO OUTFILE ... AND STDOUT).
    private var tee: ((Batch?) throws -> Void)?

    init(execution: ExecutionResult, tee: ((Batch?) throws -> Void)? = nil) {
        self.execution = execution
        self.tee = tee
        self.columns = ResultColumns(names: execution.schema.names, types: execution.schema.types)
        if case .command(let rowsAffected) = execution.kind {
            self.rowsAffected = rowsAffected
            self.hasRows = false
        } else {
            self.rowsAffected = 0
            self.hasRows = true
        }
    }

    /// Whether the statement produces rows (a query) rather than a command outcome.
    public let hasRows: Bool

    /// The next batch of rows, as columns (fast path for bulk readers).
    public func nextBatch() throws -> Batch? {
        if let batch = current, position < batch.count {
            let rest = batch.gather(Array(position..<batch.count))
            current = nil
            return rest
        }
        current = nil
        return try pull()
    }

    /// The next batch from the statement, shown to `tee`.
    private func pull() throws -> Batch? {
        let batch = try execution.next()
        if let tee {
            if batch == nil { self.tee = nil }
            try tee(batch)
        }
        return batch
    }

    /// The next row, or nil at the end.
    public func next() throws -> Row? {
        while true {
            if let batch = current, position < batch.count {
                defer { position += 1 }
                return Row(values: batch.row(position), columns: columns)
            }
            guard let batch = try pull() else { return nil }
            current = batch
            position = 0
        }
    }

    /// Reads the result to its end (a query's errors surface while reading).
    /// - Returns: `rowsAffected`.
    @discardableResult
    public func drain() throws -> Int {
        while try pull() != nil {}
        current = nil
        return rowsAffected
    }

    /// Every remaining row.
    public func rows() throws -> [Row] {
        var out: [Row] = []
        while let row = try next() { out.append(row) }
        return out
    }

    /// Every remaining row as plain values.
    public func values() throws -> [[Value]] { try rows().map(\.values) }

    /// The first column of the first row: the answer of `SELECT count(*) ...`.
    public func scalar() throws -> Value? { try next()?[0] }

    /// Every remaining row as text in `format`.
    public func formatted(as format: OutputFormat) throws -> String {
        ResultFormatter(format: format).format(names: columns.names, types: columns.types, rows: try values())
    }
}
