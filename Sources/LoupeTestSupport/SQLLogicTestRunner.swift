// Runs sqllogictest files against a fresh in-memory database each and reports every mismatch
// with its file and line. In complete mode it rewrites the expected results from what Loupe
// returns (review the diff before committing it).

import Foundation
import Loupe

/// A failed record.
public struct SQLLogicTestFailure: CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var sql: String
    public var message: String
    public var description: String { "\(path):\(line): \(message)\n  SQL: \(sql.replacingOccurrences(of: "\n", with: "\n       "))" }
}

/// Executes sqllogictest files.
public struct SQLLogicTestRunner {
    /// Relative tolerance for `R` columns.
    public var tolerance = 1e-6
    /// Text replaced in every record's SQL before it runs, such as `__DATA__` → the fixture
    /// directory. `__TMP__` is always replaced by a new empty directory for each file run.
    public var substitutions: [String: String] = [:]

    public init() {}

    /// Runs every record of `file` in order on a new database; returns the failures.
    public func run(_ file: SQLLogicTestFile) -> [SQLLogicTestFailure] {
        let database = Database.inMemory()
        let (file, scratch) = substituted(file)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var failures: [SQLLogicTestFailure] = []
        for record in file.records {
            if let message = check(record, on: database).failure {
                failures.append(SQLLogicTestFailure(path: file.path, line: record.line, sql: record.sql, message: message))
            }
        }
        return failures
    }

    /// Runs `file` and returns its text with every query's expected block replaced by the actual
    /// result (complete mode).
    public func complete(_ file: SQLLogicTestFile, text: String) -> String {
        let database = Database.inMemory()
        let (file, scratch) = substituted(file)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var replacements: [(line: Int, old: Int, new: [String])] = []
        for record in file.records {
            let outcome = check(record, on: database)
            if case .query = record.kind, let actual = outcome.actual {
                replacements.append((record.line, record.expected.count, actual))
            }
        }
        for r in replacements.reversed() {
            var i = r.line
            while i < lines.count, lines[i] != "----", !lines[i].isEmpty { i += 1 }
            if i < lines.count, lines[i] == "----" {
                lines.replaceSubrange((i + 1)..<(i + 1 + r.old), with: r.new)
            } else {
                lines.insert(contentsOf: ["----"] + r.new, at: i)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `file` with `substitutions` (and `__TMP__`, a new directory, returned) applied.
    private func substituted(_ file: SQLLogicTestFile) -> (SQLLogicTestFile, String) {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("loupe-slt-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var copy = file
        let all = substitutions.merging(["__TMP__": scratch]) { own, _ in own }
        for i in copy.records.indices {
            for (key, value) in all { copy.records[i].sql = copy.records[i].sql.replacingOccurrences(of: key, with: value) }
        }
        return (copy, scratch)
    }

    private struct Outcome {
        var failure: String?
        var actual: [String]?
    }

    private func check(_ record: SQLLogicTestRecord, on database: Database) -> Outcome {
        switch record.kind {
        case .statementOK:
            do {
                try database.execute(record.sql)
                return Outcome()
            } catch {
                return Outcome(failure: "statement failed: \(error)")
            }
        case .statementError(let fragment):
            do {
                try database.execute(record.sql)
                return Outcome(failure: "statement succeeded but an error was expected")
            } catch {
                let text = String(describing: error)
                if let fragment, !text.lowercased().contains(fragment.lowercased()) {
                    return Outcome(failure: "error message \"\(text)\" does not contain \"\(fragment)\"")
                }
                return Outcome()
            }
        case .query(let types, let sort):
            let rows: [[String]]
            do {
                let result = try database.query(record.sql)
                rows = try result.rows().map { row in
                    zip(row.values, row.columns.types).map { Self.render($0, $1) }
                }
            } catch {
                return Outcome(failure: "query failed: \(error)")
            }
            if let first = rows.first, first.count != types.count {
                return Outcome(failure: "expected \(types.count) columns (\(types)), got \(first.count)", actual: Self.lines(rows, sort))
            }
            let actual = Self.lines(rows, sort)
            var expected = record.expected
            if sort == .rowsort { expected.sort() }
            if sort == .valuesort { expected = expected.flatMap { $0.split(separator: "\t").map(String.init) }.sorted() }
            if !matches(actual, expected, types: types, sort: sort) {
                return Outcome(
                    failure: "result mismatch\n  expected:\n    " + expected.joined(separator: "\n    ")
                        + "\n  actual:\n    " + actual.joined(separator: "\n    "),
                    actual: Self.lines(rows, .nosort))
            }
            return Outcome(actual: Self.lines(rows, .nosort))
        }
    }

    private static func lines(_ rows: [[String]], _ sort: SQLLogicTestRecord.SortMode) -> [String] {
        switch sort {
        case .nosort: return rows.map { $0.joined(separator: "\t") }
        case .rowsort: return rows.map { $0.joined(separator: "\t") }.sorted()
        case .valuesort: return rows.flatMap { $0 }.sorted()
        }
    }

    private func matches(_ actual: [String], _ expected: [String], types: String, sort: SQLLogicTestRecord.SortMode) -> Bool {
        guard actual.count == expected.count else { return false }
        let kinds = Array(types)
        for (a, e) in zip(actual, expected) where a != e {
            let av = a.split(separator: "\t", omittingEmptySubsequences: false)
            let ev = e.split(separator: "\t", omittingEmptySubsequences: false)
            guard av.count == ev.count else { return false }
            for (k, (x, y)) in zip(av, ev).enumerated() where x != y {
                let isReal = sort == .valuesort || (k < kinds.count && kinds[k] == "R")
                guard isReal, let dx = Double(x), let dy = Double(y) else { return false }
                if abs(dx - dy) > tolerance * max(abs(dx), abs(dy), 1e-300) && !(dx.isNaN && dy.isNaN) { return false }
            }
        }
        return true
    }

    /// A value as the expected-result text writes it: `NULL`, `(empty)` for '', TSV escapes.
    public static func render(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "NULL"
        case .string(let s) where s.isEmpty: return "(empty)"
        default: return ResultFormatter.tsvField(value, type)
        }
    }
}
