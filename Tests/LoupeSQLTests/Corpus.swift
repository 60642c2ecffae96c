// The SQL the parser is tested against beyond its own examples: the grammar files'
// `-- example:` lines and the statements of the sqllogictest corpus under Tests/sql. Files are
// read from the source tree, located from this file's path.

import Foundation

enum Corpus {
    /// The repository root (this file is Tests/LoupeSQLTests/Corpus.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One example: its SQL and where it came from (file:line).
    struct Example {
        var sql: String
        var origin: String
    }

    /// `-- example: <sql>` lines of grammar/*.ebnf; a following line starting with `--   ` (three
    /// spaces) continues the example.
    static func grammarExamples() -> [String: [Example]] {
        var result: [String: [Example]] = [:]
        for file in files(under: root.appendingPathComponent("grammar"), ext: "ebnf") {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var examples: [Example] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let range = line.range(of: "-- example: ") {
                    examples.append(
                        Example(sql: String(line[range.upperBound...]), origin: "\(file.lastPathComponent):\(n + 1)"))
                } else if line.hasPrefix("--   "), !examples.isEmpty {
                    examples[examples.count - 1].sql += "\n" + line.dropFirst(5)
                }
            }
            result[file.lastPathComponent] = examples
        }
        return result
    }

    /// Statements of Tests/sql/**/*.test, split into those expected to run (`statement ok`,
    /// `query`) and those expected to fail (`statement error`, which may be syntax errors).
    static func logicTestStatements() -> (ok: [Example], error: [Example]) {
        var ok: [Example] = []
        var failing: [Example] = []
        for file in files(under: root.appendingPathComponent("Tests/sql"), ext: "test") {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var i = 0
            while i < lines.count {
                let header = lines[i]
                let isError = header.hasPrefix("statement error")
                guard header.hasPrefix("statement ok") || isError || header.hasPrefix("query") else {
                    i += 1
                    continue
                }
                let start = i + 1
                i += 1
                while i < lines.count && !lines[i].isEmpty && lines[i] != "----" { i += 1 }
                let example = Example(
                    sql: lines[start..<i].joined(separator: "\n"),
                    origin: "\(file.path.replacingOccurrences(of: root.path + "/", with: "")):\(start + 1)")
                if isError { failing.append(example) } else { ok.append(example) }
            }
        }
        return (ok, failing)
    }

    private static func files(under directory: URL, ext: String) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
            .sorted { $0.path < $1.path }
    }
}
