// Keeps docs/sql-reference.md honest: every ```sql block parses and runs in a fresh database,
// every row of a function table gives the documented result (under each of its names), every
// type alias resolves to the documented type, the system tables have the documented columns, and
// the parameter examples behave as described.

import Foundation
import Loupe
import LoupeSQL
import XCTest

final class SQLReferenceTests: XCTestCase {
    /// The reference's text.
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/sql-reference.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static var lines: [String] { document.components(separatedBy: "\n") }

    // MARK: Document structure.

    /// The ```sql blocks, with the line each starts on.
    static func sqlBlocks() -> [(line: Int, text: String)] {
        var blocks: [(Int, String)] = []
        var current: [String]?
        var start = 0
        for (i, line) in lines.enumerated() {
            if current == nil, line == "```sql" {
                current = []
                start = i + 2
            } else if current != nil, line.hasPrefix("```") {
                blocks.append((start, current!.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// The cells of a markdown table row: split on unescaped `|`, trimmed, `\|` unescaped.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var chars = Array(line.trimmingCharacters(in: .whitespaces))
        if chars.first == "|" { chars.removeFirst() }
        if chars.last == "|" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "|" {
                cell.append("|")
                i += 2
                continue
            }
            if chars[i] == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(chars[i])
            }
            i += 1
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// The text inside one pair of backticks.
    static func code(_ cell: String) -> String {
        var s = cell
        if s.hasPrefix("`") && s.hasSuffix("`") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }

    /// The body rows of every table whose header is exactly `header`, with their line numbers,
    /// each tagged with the nearest `###` heading above it.
    static func tableRows(header: String) -> [(line: Int, heading: String, cells: [String])] {
        var rows: [(Int, String, [String])] = []
        var heading = ""
        var inTable = false
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { heading = line }
            if line == header {
                inTable = true
                continue
            }
            guard inTable else { continue }
            if !line.hasPrefix("|") {
                inTable = false
            } else if !line.hasPrefix("| ---") {
                rows.append((i + 1, heading, cells(line)))
            }
        }
        return rows
    }

    /// Runs `sql` in a fresh in-memory database and returns its rows as TSV, without the final
    /// newline.
    func run(_ sql: String, in db: Database = Database.inMemory()) throws -> String {
        var text = try db.query(sql).formatted(as: .tsv)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    // MARK: Tests.

    func testDocumentIsPresent() {
        XCTAssertTrue(Self.document.hasPrefix("# Loupe SQL reference"), "docs/sql-reference.md not found")
        for section in [
            "## Statements", "## Data types", "## Literals and operators", "## Functions", "## Aggregate functions",
            "## Vector distances", "## Query parameters", "## Settings", "## System tables",
            "## Differences from ClickHouse", "## Errors",
        ] {
            XCTAssertTrue(Self.lines.contains(section), "missing section \(section)")
        }
    }

    func testEverySQLBlockParsesAndRuns() throws {
        let blocks = Self.sqlBlocks()
        XCTAssertGreaterThanOrEqual(blocks.count, 18)
        for block in blocks {
            do {
                let statements = try Parser.parseScript(block.text)
                XCTAssertFalse(statements.isEmpty, "sql block at line \(block.line) is empty")
            } catch {
                XCTFail("sql block at line \(block.line) does not parse: \(error)")
                continue
            }
            do {
                try Database.inMemory().execute(block.text)
            } catch {
                XCTFail("sql block at line \(block.line) fails: \(error)")
            }
        }
    }

    func testFunctionTablesGiveTheDocumentedResults() throws {
        let rows = Self.tableRows(header: "| name | signature | result type | example | result |")
        XCTAssertGreaterThan(rows.count, 120)
        var documented: Set<String> = []
        for row in rows {
            guard row.cells.count == 5 else {
                XCTFail("line \(row.line): expected 5 cells, found \(row.cells.count)")
                continue
            }
            let names = row.cells[0].components(separatedBy: ",").map {
                Self.code($0.trimmingCharacters(in: .whitespaces))
            }
            let example = Self.code(row.cells[3])
            let expected = Self.code(row.cells[4])
            guard let first = names.first, example.hasPrefix(first + "(") else {
                XCTFail("line \(row.line): the example must call \(names.first ?? "?")")
                continue
            }
            for name in names {
                XCTAssertFalse(documented.contains(name.lowercased()), "line \(row.line): \(name) documented twice")
                documented.insert(name.lowercased())
                let sql = "SELECT " + name + example.dropFirst(first.count)
                do {
                    let result = try run(sql)
                    XCTAssertEqual(result, expected, "line \(row.line) (\(row.heading)): \(sql)")
                } catch {
                    XCTFail("line \(row.line) (\(row.heading)): \(sql) fails: \(error)")
                }
            }
        }
    }

    func testTypeAliasesResolveAsDocumented() throws {
        let rows = Self.tableRows(header: "| alias | type |")
        XCTAssertGreaterThan(rows.count, 20)
        for row in rows {
            let alias = Self.code(row.cells[0])
            let type = Self.code(row.cells[1])
            let db = Database.inMemory()
            do {
                try db.execute("CREATE TABLE t (c \(alias)) ORDER BY tuple()")
                let resolved = try run("SELECT type FROM system.columns WHERE table = 't'", in: db)
                XCTAssertEqual(resolved, type, "line \(row.line): \(alias)")
            } catch {
                XCTFail("line \(row.line): \(alias) fails: \(error)")
            }
        }
    }

    func testSystemTablesHaveTheDocumentedColumns() throws {
        let rows = Self.tableRows(header: "| column | type |")
        var byTable: [String: [String]] = [:]
        for row in rows {
            let table = row.heading.replacingOccurrences(of: "### ", with: "").replacingOccurrences(of: "`", with: "")
            byTable[table, default: []].append(Self.code(row.cells[0]) + "\t" + Self.code(row.cells[1]))
        }
        let actualTables = try run("SELECT name FROM system.tables WHERE database = 'system' ORDER BY name")
        XCTAssertEqual(
            byTable.keys.sorted().joined(separator: "\n"),
            actualTables.split(separator: "\n").map { "system." + $0 }.joined(separator: "\n"))
        for (table, columns) in byTable {
            let name = table.replacingOccurrences(of: "system.", with: "")
            let actual = try run(
                "SELECT name, type FROM system.columns WHERE database = 'system' AND table = '\(name)' ORDER BY position")
            XCTAssertEqual(columns.joined(separator: "\n"), actual, table)
        }
    }

    func testVectorIndexKindsTakeTheDocumentedParameters() throws {
        let rows = Self.tableRows(header: "| kind | parameters besides `metric_type` |")
        XCTAssertEqual(rows.count, 9)
        for row in rows {
            let kind = Self.code(row.cells[0])
            let keys = row.cells[1].split(separator: ",").map { Self.code($0.trimmingCharacters(in: .whitespaces)) }
            let valid = ["m": 16, "ef_c": 64, "disk_mode": 1, "bit_size": 8, "ncentroids": 4]
            let arguments = (["'metric_type=IP'"] + keys.map { "'\($0)=\(valid[$0] ?? 1)'" }).joined(separator: ", ")
            let db = Database.inMemory()
            try db.execute("CREATE TABLE t (id UInt64, v Array(Float32), CONSTRAINT d CHECK length(v) = 2) ORDER BY id")
            do {
                try db.execute("ALTER TABLE t ADD VECTOR INDEX vi v TYPE \(kind)(\(arguments))")
                let described = try run("SELECT type, metric_type, status FROM system.vector_indices", in: db)
                XCTAssertEqual(described, "\(kind)\tIP\tBuilt", "line \(row.line)")
            } catch {
                XCTFail("line \(row.line): \(kind)(\(arguments)) fails: \(error)")
            }
            XCTAssertThrowsError(try db.execute("ALTER TABLE t ADD VECTOR INDEX vj v TYPE \(kind)('undocumented=1')"))
        }
    }

    func testParameterExamples() throws {
        let db = Database.inMemory()
        try db.execute(
            "CREATE TABLE t (id UInt64, v Array(Float32), CONSTRAINT dims CHECK length(v) = 2) ORDER BY id")
        try db.execute("INSERT INTO t VALUES (?, ?)", [1, [0.1, 0.2] as [Float]])
        try db.execute("INSERT INTO t VALUES (?, ?)", [2, [0.9, 0.1] as [Float]])
        let rows = try db.query(
            "SELECT id, distance(v, ?) AS d FROM t ORDER BY d LIMIT ?", [[0.1, 0.2] as [Float], 5]
        ).rows()
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(try rows[0].get("id", as: Int.self), 1)
        XCTAssertEqual(try db.query("SELECT {id:UInt32} + 1", named: ["id": 41]).scalar()?.description, "42")
        XCTAssertEqual(
            try db.query("SELECT {v:Array(Float32)}", named: ["v": "[1, 0]"]).scalar()?.description, "[1,0]")
        XCTAssertThrowsError(try db.query("SELECT ?").drain()) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .parameter)
        }
    }
}
