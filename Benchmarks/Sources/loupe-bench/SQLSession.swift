// The one place loupe-bench talks to the SQL engine: run a statement, read a query's rows.

import LoupeCore
import LoupeExecution
import LoupeSQL

/// An in-memory database driven by SQL text.
final class SQLSession {
    private let engine = Engine()

    /// Runs every statement of `sql`.
    func execute(_ sql: String, _ parameters: [Value] = []) throws {
        for statement in try Parser.parseScript(sql) {
            _ = try engine.execute(statement, parameters: parameters).allRows()
        }
    }

    /// The rows of one query.
    func rows(_ sql: String, _ parameters: [Value] = []) throws -> [[Value]] {
        try engine.execute(try Parser.parseStatement(sql), parameters: parameters).allRows()
    }
}
