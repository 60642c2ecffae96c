// The state of one parse of one chunk of rows: a `ColumnLoader` per table column, the rows of
// the current batch, and the rows skipped for errors. Format parsers drive it row by row
// (`endRow` or `failRow`); every `batchRows` rows it seals a `ParsedBatch`. The result,
// `ParsedChunk`, knows positions only within its chunk (lines from 0, rows from 0): the loader
// that consumes chunks in file order turns them into file lines and row numbers.

import LoupeCore

/// Rows parsed from one chunk, in batches, with the rows that failed.
struct ParsedChunk: Sendable {
    var batches: [ParsedBatch] = []
    var failures: [RowFailure] = []
    /// Rows read, parsed or failed.
    var rows = 0
    /// Line feeds in the chunk (the lines it covers).
    var lines = 0
    /// Bytes of (decompressed) text in the chunk.
    var bytes = 0
}

/// Up to `batchRows` parsed rows.
struct ParsedBatch: Sendable {
    /// One column per table column, of the column's type; nil for a column the file does not
    /// have at all (the loader fills its DEFAULT).
    var columns: [Column?]
    /// For each table column, the rows (within this batch) that had no value in the input.
    var missing: [Int: [Int]]
    /// For each row, its 0-based line and its 0-based row number within the chunk.
    var lines: [Int]
    var rowNumbers: [Int]
    var count: Int
}

/// A row that did not parse.
struct RowFailure: Sendable {
    /// Row number (0-based, counting every row read) and line (0-based) within the chunk.
    var row: Int
    var line: Int
    /// 1-based byte column within the line.
    var column: Int
    /// What went wrong, without the location.
    var message: String
    /// The table column being read, if any.
    var columnName: String?
}

/// One parse in progress: loaders, the current batch, and the chunk's failures.
final class ParseJob {
    let loaders: [ColumnLoader]
    /// Whether each table column is filled by the format (false: the whole column is missing).
    let provided: [Bool]
    let names: [String]
    let batchRows: Int
    private(set) var chunk = ParsedChunk()
    private var rowsInBatch = 0
    private var lines: [Int] = []
    private var rowNumbers: [Int] = []
    /// Line feeds inside the current row that did not end it (escaped or quoted ones).
    var innerLineFeeds = 0
    /// Bytes of a value decoded before it is parsed (a CSV field with doubled quotes, a JSON
    /// string holding a number or a date).
    var scratch = GrowableBuffer<UInt8>()

    /// Failures after which the rest of the chunk need not be parsed: the load fails anyway
    /// (nil when a ratio of errors is allowed, which depends on rows in other chunks).
    let failureLimit: Int?

    init(types: [DataType], names: [String], provided: [Bool], batchRows: Int, failureLimit: Int? = nil) {
        loaders = types.map { ColumnLoader(type: $0) }
        self.provided = provided
        self.names = names
        self.batchRows = batchRows
        self.failureLimit = failureLimit
    }

    /// True once the chunk has more failures than any load could allow.
    var hopeless: Bool {
        guard let failureLimit else { return false }
        return chunk.failures.count > failureLimit
    }

    deinit {
        scratch.free()
    }

    /// Ends a complete row that started on chunk line `line`.
    @inline(__always)
    func endRow(line: Int) {
        lines.append(line)
        rowNumbers.append(chunk.rows)
        chunk.rows += 1
        rowsInBatch += 1
        if rowsInBatch == batchRows { sealBatch() }
    }

    /// Drops the current row's values and records why it failed.
    func failRow(line: Int, column: Int, message: String, columnName: String?) {
        for (c, loader) in loaders.enumerated() where provided[c] { loader.truncate(rows: rowsInBatch) }
        chunk.failures.append(
            RowFailure(row: chunk.rows, line: line, column: column, message: message, columnName: columnName))
        chunk.rows += 1
    }

    private func sealBatch() {
        guard rowsInBatch > 0 else { return }
        var missing: [Int: [Int]] = [:]
        var columns: [Column?] = []
        columns.reserveCapacity(loaders.count)
        for (c, loader) in loaders.enumerated() {
            guard provided[c] else {
                columns.append(nil)
                continue
            }
            let rows = loader.takeMissingRows()
            if !rows.isEmpty { missing[c] = rows }
            columns.append(loader.finish())
        }
        chunk.batches.append(
            ParsedBatch(columns: columns, missing: missing, lines: lines, rowNumbers: rowNumbers, count: rowsInBatch))
        rowsInBatch = 0
        lines = []
        rowNumbers = []
    }

    /// The chunk's result (sealing the last batch); the job is ready for another chunk.
    func finish(lines: Int, bytes: Int) -> ParsedChunk {
        sealBatch()
        var result = chunk
        result.lines = lines
        result.bytes = bytes
        chunk = ParsedChunk()
        return result
    }
}
