// The SQL logic test corpus (Tests/sql) through parser and binder: DDL is applied to an in-memory
// catalog as the files run, and every `statement ok` and `query` record must bind. (Results are
// checked by the full engine; this test pins that the planner accepts everything the corpus uses
// and points at the record when it does not.)

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

    func testCorpusBinds() throws {
        let files =
            FileManager.default.enumerator(at: Self.corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "test" }.sorted { $0.path < $1.path } ?? []
        XCTAssertFalse(files.isEmpty, "no corpus at \(Self.corpus.path)")
        for file in files {
            let catalog = ScriptCatalog()
            let text = try String(contentsOf: file, encoding: .utf8)
            for record in text.components(separatedBy: "\n\n") {
                let lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !$0.hasPrefix("#") }
                guard let head = lines.first(where: { !$0.isEmpty }) else { continue }
                let expectsSuccess = head.hasPrefix("statement ok") || head.hasPrefix("query")
                guard expectsSuccess || head.hasPrefix("statement error") else { continue }
                let body = lines.drop { $0 != head }.dropFirst().prefix { $0 != "----" }.joined(separator: "\n")
                guard let statement = try? Parser.parseStatement(body) else { continue }
                do {
                    let bound = try Binder(catalog: catalog).bind(statement)
                    catalog.apply(bound)
                } catch {
                    if expectsSuccess {
                        XCTFail("\(file.lastPathComponent): \(body.prefix(300))\n  → \(error)")
                    }
                }
            }
        }
    }
}
