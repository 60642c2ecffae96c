// INSERT ... FROM INFILE: opens the file (decompressing gzip or LZ4), reads the header of a
// *WithNames format, then streams the rest through `ParallelParser` and appends each parsed batch
// to a `TableAppender` after filling DEFAULTs and checking the CHECK constraints (re-cut into
// whole segments on the way), committing at the end. Bad rows fail the statement with the file,
// line and column, unless the allowed error count or ratio (`input_format_allow_errors_num` /
// `_ratio`) lets them be skipped with a warning through the diagnostic handler. Any failure rolls
// the append back: nothing is stored.

import Foundation
import LoupeCore
import LoupePlanner
import LoupeStorage

extension Engine {
    /// Rows per parsed batch (the appender gets batches of `Batch.capacity` rows, see BatchAligner).
    static let loadBatchRows = Batch.capacity
    /// Bytes of text per parse chunk.
    static let loadChunkBytes = 8 << 20

    /// Loads the file of `plan` into its table; returns the number of rows stored.
    func load(_ plan: FileLoad) throws -> Int {
        let options = try LoadOptions(plan.settings)
        let format = try InputFormat.resolve(name: plan.format, path: plan.path)
        let compression = try FileCompression(name: plan.compression, path: plan.path)
        let file = try FileByteSource(path: plan.path)
        let reader = TextReader(
            source: try makeByteSource(file, compression: compression), chunkSize: Self.loadChunkBytes)
        let table = plan.table

        var headerLines = 0
        var fields: [Int?] = plan.targetColumns
        if format.hasHeader {
            guard let header = try reader.readLine() else { return 0 }
            headerLines = 1
            if options.useHeader {
                let names =
                    format == .tsvWithNames ? TSVHeader.names(header) : try CSVParser.headerNames(header, options)
                fields = try Self.mapHeader(names, plan: plan, options: options)
            }
        }
        let rowFormat: RowFormat
        var provided = table.columns.indices.map { fields.contains($0) }
        switch format {
        case .tsv, .tsvWithNames:
            rowFormat = TSVParser(
                fieldColumns: fields, emptyAsDefault: options.tsvEmptyAsDefault, nullAsDefault: options.nullAsDefault)
        case .csv, .csvWithNames:
            rowFormat = CSVParser(fieldColumns: fields, options: options)
        case .jsonEachRow:
            provided = table.columns.indices.map { plan.targetColumns.contains($0) }
            rowFormat = JSONEachRowParser(
                columns: Dictionary(plan.targetColumns.map { (table.columns[$0].name, $0) }) { first, _ in first },
                provided: provided, options: options)
        }

        let appender = try liveCatalog.store(database: table.database, name: table.name).beginAppend()
        var consumer = LoadConsumer(
            plan: plan, options: options, evaluator: ExpressionEvaluator(context: makeContext()),
            appender: appender, lines: headerLines, diagnostics: diagnosticHandler)
        let types = table.columns.map(\.type)
        let names = table.columns.map(\.name)
        let workers = options.parallel ? min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) : 1
        let parser = ParallelParser(format: rowFormat, workers: workers, buffers: reader.buffers) {
            ParseJob(
                types: types, names: names, provided: provided, batchRows: Self.loadBatchRows,
                failureLimit: options.allowErrorsRatio > 0 ? nil : options.allowErrorsNum)
        }
        let progress = progressHandler
        do {
            try parser.run(next: { try reader.nextChunk(format: rowFormat) }) { chunk in
                try consumer.consume(chunk)
                progress?(
                    StatementProgress(rows: consumer.rowsRead, bytesRead: reader.fileBytesRead, totalBytes: file.size))
            }
            try consumer.flush()
            let stored = try appender.commit()
            if consumer.skipped > 0 {
                diagnosticHandler?("Skipped \(consumer.skipped) rows with errors while reading \(plan.path)")
            }
            return stored
        } catch {
            appender.rollback()
            throw error
        }
    }

    /// The table column of each header field (nil: skipped), checked against the statement.
    static func mapHeader(_ names: [String], plan: FileLoad, options: LoadOptions) throws -> [Int?] {
        var seen: Set<Int> = []
        return try names.map { name in
            guard let c = plan.table.columnIndex(name), plan.targetColumns.contains(c) else {
                if options.skipUnknownFields { return nil }
                throw LoupeError(
                    .unknownName, "Unknown column '\(name)' in the header of \(plan.path)", file: plan.path, line: 1)
            }
            guard seen.insert(c).inserted else {
                throw LoupeError(
                    .alreadyExists, "Column '\(name)' appears twice in the header of \(plan.path)", file: plan.path,
                    line: 1)
            }
            return c
        }
    }
}

/// Turns parsed chunks, in file order, into stored batches: file positions for errors, the
/// allowed-errors budget, DEFAULTs, CHECK constraints.
private struct LoadConsumer {
    let plan: FileLoad
    let options: LoadOptions
    let evaluator: ExpressionEvaluator
    let appender: TableAppender
    /// Lines of the file before the next chunk.
    var lines: Int
    let diagnostics: (@Sendable (String) -> Void)?
    /// Rows read before the next chunk (stored or skipped).
    private(set) var rowsRead = 0
    private(set) var skipped = 0
    private var aligner = BatchAligner()

    init(
        plan: FileLoad, options: LoadOptions, evaluator: ExpressionEvaluator, appender: TableAppender, lines: Int,
        diagnostics: (@Sendable (String) -> Void)?
    ) {
        self.plan = plan
        self.options = options
        self.evaluator = evaluator
        self.appender = appender
        self.lines = lines
        self.diagnostics = diagnostics
    }

    mutating func consume(_ chunk: ParsedChunk) throws {
        var failures = chunk.failures[...]
        for batch in chunk.batches {
            // Bad rows among or before the batch's rows count first.
            while let failure = failures.first, failure.row < (batch.rowNumbers.last ?? Int.max) {
                try skip(failure)
                failures = failures.dropFirst()
            }
            try store(batch)
        }
        for failure in failures { try skip(failure) }
        rowsRead += chunk.rows
        lines += chunk.lines
    }

    /// Counts a bad row against the allowed errors: skipped with a warning, or the statement's error.
    private mutating func skip(_ failure: RowFailure) throws {
        let row = rowsRead + failure.row + 1
        let line = lines + failure.line + 1
        var message = "\(failure.message) at \(plan.path):\(line):\(failure.column)"
        if let name = failure.columnName { message += " (column \(name))" }
        let error = LoupeError(
            .type, message, row: row, file: plan.path, line: line, column: failure.column)
        skipped += 1
        // ClickHouse's rule: fail once both the count and the ratio of bad rows are exceeded.
        if skipped > options.allowErrorsNum && Double(skipped) / Double(row) > options.allowErrorsRatio {
            throw error
        }
        diagnostics?("Skipped row \(row): \(message)")
    }

    /// Appends the rows still held for alignment.
    mutating func flush() throws {
        if let rest = aligner.finish() { try appender.append(rest) }
    }

    /// Completes, checks and appends one batch (in whole segments once enough rows arrived).
    private mutating func store(_ parsed: ParsedBatch) throws {
        let table = plan.table
        let count = parsed.count
        var columns = parsed.columns
        var pending: [Int] = []
        for c in table.columns.indices {
            let type = table.columns[c].type
            if columns[c] == nil {
                columns[c] = Column(type: type, repeating: type.defaultValue, count: count)
                if plan.defaults[c] != nil { pending.append(c) }
            } else if parsed.missing[c] != nil, plan.defaults[c] != nil, options.defaultsForOmittedFields {
                pending.append(c)
            }
        }
        // DEFAULTs may read other columns: compute those whose inputs are settled first.
        while !pending.isEmpty {
            let ready =
                pending.firstIndex { c in
                    plan.defaults[c]!.referencedColumns.allSatisfy { $0 == c || !pending.contains($0) }
                } ?? 0
            let c = pending.remove(at: ready)
            let type = table.columns[c].type
            let batch = Batch(columns: columns.map { $0! }, count: count)
            let value = try Cast.convert(evaluator.evaluate(plan.defaults[c]!, on: batch), to: type)
            if let rows = parsed.missing[c], parsed.columns[c] != nil {
                var picks = Array(0..<count)
                for r in rows { picks[r] = count + r }
                columns[c] = Column.concatenate([columns[c]!, value], type: type).gather(picks)
            } else {
                columns[c] = value
            }
        }
        let batch = Batch(columns: columns.map { $0! }, count: count)
        let rowNumbers = parsed.rowNumbers.map { rowsRead + $0 + 1 }
        do {
            try ConstraintChecker(table: table, checks: plan.checks, evaluator: evaluator)
                .check(batch, rowNumbers: rowNumbers)
        } catch var error as LoupeError {
            if let row = error.row, let i = rowNumbers.firstIndex(of: row) {
                let line = lines + parsed.lines[i] + 1
                error.message += " at \(plan.path):\(line)"
                error.file = plan.path
                error.line = line
            }
            throw error
        }
        for aligned in aligner.add(batch) { try appender.append(aligned) }
    }
}
