// Where `loupe embed` puts its results: rows inserted into a table (created when missing) with
// bound parameters, one INSERT per batch, and optionally a TSV copy of every row.

import Foundation
import Loupe
import LoupeEmbed
import LoupeSQL

/// Receives embedding batches and stores them.
final class EmbeddingSink: @unchecked Sendable {
    private let database: Database
    private let table: String
    private let columns: (id: String, url: String, vector: String)
    private let output: FileHandle?
    private let lock = NSLock()
    private var rowsInserted = 0

    init(database: Database, table: String, columns: (String, String, String), dimension: Int, outputPath: String?)
        throws
    {
        self.database = database
        self.table = table
        self.columns = columns
        if !database.tableNames().contains(table) {
            let q = SQLPrinter.quoteIdentifier
            try database.execute("""
                CREATE TABLE \(q(table)) (
                    \(q(columns.0)) String, \(q(columns.1)) String, \(q(columns.2)) Array(Float32),
                    CONSTRAINT vector_len CHECK length(\(q(columns.2))) = \(dimension)
                ) ORDER BY \(q(columns.0))
                """)
        }
        if let outputPath {
            guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
                throw LoupeError(.io, "cannot create \(outputPath)", file: outputPath)
            }
            output = FileHandle(forWritingAtPath: outputPath)
        } else {
            output = nil
        }
    }

    /// Rows stored so far.
    var inserted: Int { lock.withLock { rowsInserted } }

    /// Runs `pipeline` over `items`, storing each batch as it arrives.
    /// - Returns: the items that could not be fetched, decoded or embedded.
    func consume(pipeline: EmbeddingPipeline, items: [EmbeddingItem], progress: ProgressLine) throws -> [EmbeddingFailure] {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await pipeline.run(items, progress: { progress.update($0) }) { batch in
                    try self.store(batch)
                    outcome.add(batch.failures)
                }
            } catch {
                outcome.fail(error)
            }
            done.signal()
        }
        done.wait()
        return try outcome.failures()
    }

    private func store(_ batch: EmbeddingBatch) throws {
        guard !batch.results.isEmpty else { return }
        let q = SQLPrinter.quoteIdentifier
        let placeholders = Array(repeating: "(?, ?, ?)", count: batch.results.count).joined(separator: ", ")
        let sql = "INSERT INTO \(q(table)) (\(q(columns.id)), \(q(columns.url)), \(q(columns.vector))) VALUES \(placeholders)"
        var parameters: [any ValueConvertible] = []
        parameters.reserveCapacity(batch.results.count * 3)
        for result in batch.results {
            parameters += [result.id, result.source, result.embedding]
        }
        try database.execute(sql, parameters)
        if let output {
            let lines = batch.results.map { result in
                let vector = result.embedding.map(ValueFormatter.formatFloat).joined(separator: ",")
                return ResultFormatter.tsvField(.string(result.id), .string) + "\t"
                    + ResultFormatter.tsvField(.string(result.source), .string) + "\t[" + vector + "]\n"
            }
            output.write(Data(lines.joined().utf8))
        }
        lock.withLock { rowsInserted += batch.results.count }
    }

    /// What the asynchronous run produced, read once it is over.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [EmbeddingFailure] = []
        private var error: Error?

        func add(_ failures: [EmbeddingFailure]) { lock.withLock { collected += failures } }
        func fail(_ error: Error) { lock.withLock { self.error = error } }
        func failures() throws -> [EmbeddingFailure] {
            try lock.withLock {
                if let error { throw error }
                return collected
            }
        }
    }
}
