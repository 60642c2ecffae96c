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
    /// The output format the statement asked for with a `FORMAT name` clause, if any.
    public let format: OutputFormat?
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

    /// Runs the statements of `script` one after another, calling `handle` with each outcome
    /// before the next statement is parsed, as clickhouse-client does.
    /// `namedParameters` fill `{name:Type}` placeholders in any statement; `willRun`, if given,
    /// sees each statement's text (with the comments before it) just before it runs.
    /// - Throws: the first failing statement's `LoupeError`, located in the whole script.
    public func run(
        _ script: String, namedParameters: [String: Value] = [:], willRun: ((String) -> Void)? = nil,
        handle: (StatementOutcome) throws -> Void
    ) throws {
        let clock = ContinuousClock()
        for piece in StatementSplitter.split(script) {
            let wholeStatement = SourceRange(start: piece.start, end: piece.start)
            willRun?(piece.preamble.isEmpty ? piece.text : piece.preamble + "\n" + piece.text)
            do {
                let statement = try Parser.parseStatement(piece.text)
                let format = try Self.requestedFormat(of: statement)
                let start = clock.now
                let result = try database.resultSet(statement, [], namedParameters)
                try handle(StatementOutcome(text: piece.text, result: result, format: format, started: start))
            } catch var error as LoupeError {
                error.range = error.range.map { $0.shifted(by: piece.start) } ?? wholeStatement
                throw error
            }
        }
    }
}

extension ScriptRunner {
    /// The format named by a query's `FORMAT` clause, checked.
    static func requestedFormat(of statement: Statement) throws -> OutputFormat? {
        guard case .select(let query) = statement, let name = query.format else { return nil }
        guard let format = OutputFormat(name: name.name) else {
            throw LoupeError(
                .unsupported,
                "Unknown output format '\(name.name)'; expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))",
                at: name.range)
        }
        return format
    }
}

/// The library's version.
public enum LoupeVersion {
    public static let string = "0.1.0"
}
