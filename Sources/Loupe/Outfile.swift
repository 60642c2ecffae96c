// SELECT ... INTO OUTFILE: the query runs as usual and its rows are written to the file with the
// same `ResultFormatter` the shell prints with (FORMAT, else the format the extension implies,
// else TabSeparated), gzip-
// or LZ4-compressed when asked or implied by the extension. Like clickhouse-client, an existing
// file is an error unless APPEND or TRUNCATE is given, and APPEND cannot be compressed. Without
// AND STDOUT the statement returns no rows; with it, the rows are returned (printed) as well,
// and the file is complete once they have all been read.

import LoupeCore
import LoupeExecution
import LoupeSQL

extension Database {
    /// Runs a parsed statement and wraps its result; a query with INTO OUTFILE writes its file.
    func resultSet(_ statement: Statement, _ parameters: [any ValueConvertible], _ named: [String: any ValueConvertible])
        throws -> ResultSet
    {
        guard case .select(var query) = statement, let clause = query.outfile else {
            return ResultSet(execution: try run(statement, parameters, named))
        }
        let format = try query.format.map { name in
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
            writer = OutfileWriter(file: file, format: format, names: execution.schema.names, types: execution.schema.types)
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
final class OutfileWriter {
    private let file: OutputFile
    private let format: OutputFormat
    private let names: [String]
    private let types: [DataType]
    private var started = false

    init(file: OutputFile, format: OutputFormat, names: [String], types: [DataType]) {
        self.file = file
        self.format = format
        self.names = names
        self.types = types
    }

    func write(_ batch: Batch?) throws {
        guard let batch else {
            if !started && (format == .tsvWithNames || format == .csvWithNames) {
                try file.write(ResultFormatter(format: format).format(names: names, types: types, rows: []))
            }
            try file.finish()
            return
        }
        // The header of a *WithNames format goes before the first batch only.
        var bytes: [UInt8] = []
        ResultFormatter(format: format).write(batch: batch, names: names, types: types, header: !started, into: &bytes)
        started = true
        try file.write(bytes)
    }
}
