// SELECT ... INTO OUTFILE: the query runs as usual and its rows are written to the file with the
// same `ResultFormatter` the shell prints with (FORMAT, else the format the extension implies,
// else TabSeparated), gzip-
// or LZ4-compressed when asked or implied by the extension. Like clickhouse-client, an existing
// file is an error unless APPEND or TRUNCATE is given, and APPEND cannot be compressed. Without
// AND STDOUT the statement returns no rows; with it, the rows are returned (printed) as well,
// and the file is complete once they have all been read.

import Dispatch
import Foundation
import LoupeCore
import LoupeExecution
import LoupeSQL

extension Database {
    /// Runs a parsed statement and wraps its result; a query with INTO OUTFILE writes its file.
    func resultSet(
        _ statement: Statement, _ parameters: [any ValueConvertible], _ named: [String: any ValueConvertible]
    )
        throws -> ResultSet
    {
        guard case .select(var query) = statement, let clause = query.outfile else {
            return ResultSet(execution: try run(statement, parameters, named))
        }
        let format =
            try query.format.map { name in
                guard let format = OutputFormat(name: name.name) else {
                    throw LoupeError(
                        .unsupported,
                        "Unknown output format '\(name.name)'; expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))",
                        at: name.range)
                }
                return format
            } ?? Self.impliedFormat(of: clause.path)
        query.outfile = nil
        let execution = try run(.select(query), parameters, named)
        let writer: OutfileWriter
        do {
            let file = try OutputFile(
                path: clause.path,
                existing: clause.existingFile.map { $0 == .append ? .append : .truncate } ?? .fail,
                compression: try FileCompression(name: clause.compression, path: clause.path), level: clause.level)
            writer = OutfileWriter(
                file: file, format: format, names: execution.schema.names, types: execution.schema.types)
        } catch let error as LoupeError {
            throw error.located(at: clause.range)
        }
        let result = ResultSet(execution: execution, tee: writer.write)
        if clause.andStdout { return result }
        try result.drain()
        return ResultSet(execution: ExecutionResult.empty)
    }
}

extension Database {
    /// The output format a file name implies, as clickhouse-client infers it (`.csv`, `.tsv`,
    /// `.jsonl`/`.ndjson`, also under a `.gz` or `.lz4` extension); TSV otherwise.
    static func impliedFormat(of path: String) -> OutputFormat {
        var name = path.lowercased()
        for suffix in [".gz", ".gzip", ".lz4"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonEachRow }
        return .tsv
    }
}

/// Writes result batches to an INTO OUTFILE file as they are read; a nil batch ends the file.
/// Batches are formatted a few at a time on every core, and written in order.
final class OutfileWriter {
    private let file: OutputFile
    private let format: OutputFormat
    private let names: [String]
    private let types: [DataType]
    private var started = false
    private var pending: [Batch] = []
    /// Batches formatted together (a few per core).
    private let group = max(1, ProcessInfo.processInfo.activeProcessorCount) * 2

    init(file: OutputFile, format: OutputFormat, names: [String], types: [DataType]) {
        self.file = file
        self.format = format
        self.names = names
        self.types = types
    }

    func write(_ batch: Batch?) throws {
        guard let batch else {
            try flush()
            if !started && (format == .tsvWithNames || format == .csvWithNames) {
                try file.write(ResultFormatter(format: format).format(names: names, types: types, rows: []))
            }
            try file.finish()
            return
        }
        pending.append(batch)
        if pending.count >= group { try flush() }
    }

    /// Formats the pending batches in parallel and writes them in order; the header of a
    /// *WithNames format goes before the first batch only.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        let texts = FormattedBatches(count: pending.count)
        let (batches, formatter, names, types, first) = (
            pending, ResultFormatter(format: format), names, types, !started
        )
        DispatchQueue.concurrentPerform(iterations: batches.count) { i in
            var bytes: [UInt8] = []
            formatter.write(batch: batches[i], names: names, types: types, header: first && i == 0, into: &bytes)
            texts.set(i, bytes)
        }
        pending = []
        started = true
        for bytes in texts.all { try file.write(bytes) }
    }
}

/// The formatted bytes of each batch of a group, filled from several threads.
private final class FormattedBatches: @unchecked Sendable {
    // @unchecked: each slot is written by exactly one iteration of `concurrentPerform`, under
    // `lock`, and read after all of them have finished.
    private let lock = NSLock()
    private var slots: [[UInt8]]

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func set(_ i: Int, _ bytes: [UInt8]) {
        lock.withLock { slots[i] = bytes }
    }

    var all: [[UInt8]] { lock.withLock { slots } }
}
