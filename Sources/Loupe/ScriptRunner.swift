// Runs a script of `;`-separated statements in order, handing each result to a callback before
// the next statement starts. The first failing statement stops the script; its error carries the
// line and column in the script.

import LoupeCore
import LoupeSQL

/// One statement's result within a script.
public struct StatementOutcome {
    /// The statement's text.
    public let text: String
    /// Its rows (read them in the callback: the next statement runs after it returns).
    public let result: ResultSet
    /// When the statement started; `elapsed` measures from here.
    public let started: ContinuousClock.Instant

    /// Time since the statement started (call it after reading the rows to time the whole query).
    public var elapsed: Duration { ContinuousClock.now - started }
}

/// Runs scripts against a database.
public struct ScriptRunner {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Runs every statement of `script`, calling `handle` with each outcome in order.
    /// - Throws: the first `LoupeError` (syntax errors before anything runs), located in the script.
    public func run(_ script: String, handle: (StatementOutcome) throws -> Void) throws {
        let statements = try Parser.parseScript(script)
        let utf8 = Array(script.utf8)
        let clock = ContinuousClock()
        for statement in statements {
            let range = statement.range
            let text = String(decoding: utf8[max(0, range.start.offset)..<min(utf8.count, range.end.offset)], as: UTF8.self)
            let start = clock.now
            let result: ResultSet
            do {
                result = ResultSet(execution: try database.run(statement, [], [:]))
            } catch let error as LoupeError {
                throw error.located(at: range)
            }
            let outcome = StatementOutcome(text: text, result: result, started: start)
            do {
                try handle(outcome)
            } catch let error as LoupeError {
                throw error.located(at: range)
            }
        }
    }
}

/// The library's version.
public enum LoupeVersion {
    public static let string = "0.1.0"
}
