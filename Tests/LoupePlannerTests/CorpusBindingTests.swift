// The SQL logic test corpus (Tests/sql) through parser and binder: DDL is applied to an in-memory
// catalog as the files run, and every `statement ok` and `query` record must bind. (Results are
// checked by the full engine; this test pins that the planner accepts everything the corpus uses
// and points at the record when it does not.) Mutated corpus statements check that no input
// crashes the binder.

import LoupeTestSupport
import Foundation
import LoupeCore
import LoupePlanner
import LoupeSQL
import XCTest

/// A catalog that DDL statements change, for running a script through the binder alone.
final class ScriptCatalog: CatalogReader, @unchecked Sendable {
    var currentDatabase = "default"
    var databases: Set<String> = ["default", "system"]
    var tables: [String: TableDefinition] = [:]

    init() {
        for t in TestCatalog.system { tables["system.\(t.name)"] = t }
    }

    func databaseNames() -> [String] { databases.sorted() }
    func table(database: String, name: String) -> TableDefinition? { tables["\(database).\(name)"] }
    func tableNames(in database: String) -> [String] {
        tables.values.filter { $0.database == database }.map(\.name).sorted()
    }

    /// Applies the catalog effect of a bound statement.
    func apply(_ statement: BoundStatement) {
        switch statement {
        case .createDatabase(let name, _): databases.insert(name)
        case .dropDatabase(let name, _):
            databases.remove(name)
            tables = tables.filter { $0.value.database != name }
        case .useDatabase(let name): currentDatabase = name
        case .createTable(let t, _):
            if tables["\(t.database).\(t.name)"] == nil { tables["\(t.database).\(t.name)"] = t }
        case .dropTable(let db, let name, _): tables["\(db).\(name)"] = nil
        case .addVectorIndex(let db, let name, let index, _): tables["\(db).\(name)"]?.vectorIndexes.append(index)
        case .dropVectorIndex(let db, let name, let index, _):
            tables["\(db).\(name)"]?.vectorIndexes.removeAll { $0.name == index }
        default: break
        }
    }
}

final class CorpusBindingTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql")

    /// The `statement` and `query` records of every corpus file, in order, with their files.
    static func records() throws -> [(file: String, expectsSuccess: Bool, sql: String)] {
        let files =
            FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "test" }.sorted { $0.path < $1.path } ?? []
        var result: [(String, Bool, String)] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for record in text.components(separatedBy: "\n\n") {
                let lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !$0.hasPrefix("#") }
                guard let head = lines.first(where: { !$0.isEmpty }) else { continue }
                let expectsSuccess = head.hasPrefix("statement ok") || head.hasPrefix("query")
                guard expectsSuccess || head.hasPrefix("statement error") else { continue }
                let body = lines.drop { $0 != head }.dropFirst().prefix { $0 != "----" }.joined(separator: "\n")
                result.append((file.lastPathComponent, expectsSuccess, body))
            }
        }
        return result
    }

    /// Seeded token-level mutations of every corpus statement (dropped, repeated and swapped
    /// tokens, other names, extreme numbers): whatever parses must bind or fail with a
    /// `LoupeError`, never crash.
    func testMutatedStatementsNeverCrash() throws {
        var rng = SeededGenerator(seed: 0x5eed)
        var catalog = ScriptCatalog()
        var file = ""
        for record in try Self.records() {
            if record.file != file {
                file = record.file
                catalog = ScriptCatalog()
            }
            guard let tokens = try? Lexer.tokenize(record.sql), tokens.count > 2 else { continue }
            let words = tokens.map { Self.text(of: $0, in: record.sql) }
            for _ in 0..<6 {
                var mutated = Array(words.dropLast())
                let i = Int(rng.next() % UInt64(mutated.count))
                let j = Int(rng.next() % UInt64(mutated.count))
                switch rng.next() % 5 {
                case 0: mutated.remove(at: i)
                case 1: mutated.insert(mutated[i], at: i)
                case 2: mutated.swapAt(i, j)
                case 3: mutated[i] = mutated[j]
                default:
                    mutated[i] = ["0", "-1", "18446744073709551615", "1e308", "NULL", "''", "[]"][Int(rng.next() % 7)]
                }
                guard let statement = try? Parser.parseStatement(mutated.joined(separator: " ")) else { continue }
                do {
                    _ = try Binder(catalog: catalog).bind(statement)
                } catch {
                    XCTAssertTrue(error is LoupeError, "\(error)")
                }
            }
            if let statement = try? Parser.parseStatement(record.sql),
                let bound = try? Binder(catalog: catalog).bind(statement)
            {
                catalog.apply(bound)
            }
        }
    }

    private static func text(of token: Token, in sql: String) -> String {
        let bytes = Array(sql.utf8)
        return String(decoding: bytes[token.range.start.offset..<token.range.end.offset], as: UTF8.self)
    }

    func testCorpusBinds() throws {
        let records = try Self.records()
        XCTAssertFalse(records.isEmpty, "no corpus at \(Self.corpus.path)")
        var catalog = ScriptCatalog()
        var file = ""
        for record in records {
            if record.file != file {
                file = record.file
                catalog = ScriptCatalog()
            }
            guard let statement = try? Parser.parseStatement(record.sql) else { continue }
            do {
                catalog.apply(try Binder(catalog: catalog).bind(statement))
            } catch {
                if record.expectsSuccess { XCTFail("\(record.file): \(record.sql.prefix(300))\n  → \(error)") }
            }
        }
    }
}
