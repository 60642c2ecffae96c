// Reads sqllogictest files: `statement ok`, `statement error <message part>`, and
// `query <types> [nosort|rowsort|valuesort]` records with `----` expected results, separated by
// blank lines; `#` starts a comment line.

/// One record of a sqllogictest file.
public struct SQLLogicTestRecord: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The statement must succeed.
        case statementOK
        /// The statement must fail; when given, the message must contain the text (case-insensitive).
        case statementError(String?)
        /// The query's rows must equal `expected` (after sorting per `sort`).
        case query(types: String, sort: SortMode)
    }

    public enum SortMode: String, Sendable {
        case nosort, rowsort, valuesort
    }

    public var kind: Kind
    public var sql: String
    /// Expected result lines (queries only), tab-separated values.
    public var expected: [String]
    /// The 1-based line of the record's header in its file.
    public var line: Int
}

/// A parsed sqllogictest file.
public struct SQLLogicTestFile: Sendable {
    public var path: String
    public var records: [SQLLogicTestRecord]

    /// Parses `text` (read from `path`, used in messages).
    public init(path: String, text: String) throws {
        self.path = path
        self.records = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var i = 0
        while i < lines.count {
            let header = lines[i].trimmingCharacters(in: .whitespaces)
            if header.isEmpty || header.hasPrefix("#") {
                i += 1
                continue
            }
            let headerLine = i + 1
            let words = header.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let kind: SQLLogicTestRecord.Kind
            switch words.first {
            case "statement" where words.count >= 2 && words[1] == "ok":
                kind = .statementOK
            case "statement" where words.count >= 2 && words[1] == "error":
                let rest = header.dropFirst("statement error".count).trimmingCharacters(in: .whitespaces)
                kind = .statementError(rest.isEmpty ? nil : rest)
            case "query" where words.count >= 2:
                let sort = words.count >= 3 ? SQLLogicTestRecord.SortMode(rawValue: words[2]) : .nosort
                guard let sort else { throw SQLLogicTestError(path: path, line: headerLine, message: "unknown sort mode '\(words[2])'") }
                kind = .query(types: words[1], sort: sort)
            default:
                throw SQLLogicTestError(path: path, line: headerLine, message: "unknown record header '\(header)'")
            }
            i += 1
            var sql: [String] = []
            while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty, lines[i] != "----" {
                sql.append(lines[i])
                i += 1
            }
            var expected: [String] = []
            if i < lines.count, lines[i] == "----" {
                i += 1
                while i < lines.count, !lines[i].isEmpty {
                    expected.append(lines[i])
                    i += 1
                }
            }
            if sql.isEmpty { throw SQLLogicTestError(path: path, line: headerLine, message: "record without SQL") }
            records.append(SQLLogicTestRecord(kind: kind, sql: sql.joined(separator: "\n"), expected: expected, line: headerLine))
        }
    }
}

/// A malformed sqllogictest file.
public struct SQLLogicTestError: Error, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): \(message)" }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}

extension Set where Element == Character {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t"]
}
