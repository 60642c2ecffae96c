// The one place loupe-bench talks to Loupe, through the public library (`import Loupe`) exactly as
// an application does: run statements, prepare them once, read a query's rows.

import Loupe

/// An in-memory database driven by SQL text.
final class SQLSession {
    private let db = Database.inMemory()

    /// Runs every statement of `sql`.
    func execute(_ sql: String, _ parameters: [Value] = []) throws {
        try db.execute(sql, parameters)
    }

    /// The rows of one query.
    func rows(_ sql: String, _ parameters: [Value] = []) throws -> [[Value]] {
        try db.query(sql, parameters).values()
    }

    /// `sql` parsed once, to run many times.
    func prepare(_ sql: String) throws -> PreparedStatement {
        try db.prepare(sql)
    }
}
