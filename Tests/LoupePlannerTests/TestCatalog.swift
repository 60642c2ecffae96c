// An in-memory catalog for planner tests: the walkthrough's tables, a few small tables for name
// resolution and type tests, and the system tables the binder's SHOW/DESCRIBE queries read.

import LoupeCore
import LoupePlanner
import LoupeSQL
import XCTest

struct TestCatalog: CatalogReader {
    var currentDatabase = "default"
    var tables: [TableDefinition]

    func databaseNames() -> [String] {
        Array(Set(tables.map(\.database) + ["default", "system"])).sorted()
    }

    func table(database: String, name: String) -> TableDefinition? {
        tables.first { $0.database == database && $0.name == name }
    }

    func tableNames(in database: String) -> [String] {
        tables.filter { $0.database == database }.map(\.name).sorted()
    }

    static let photos = TableDefinition(
        database: "default", name: "myscale_photos",
        columns: [
            ColumnDefinition(name: "id", type: .uint64), ColumnDefinition(name: "photo_id", type: .string),
            ColumnDefinition(name: "photo_image_url", type: .string),
            ColumnDefinition(name: "photo_embed", type: .array(.float32)),
        ],
        constraints: [CheckConstraint(name: "vector_len", expression: "length(photo_embed) = 512")], orderBy: ["id"],
        primaryKey: ["id"],
        vectorIndexes: [
            VectorIndexDefinition(
                name: "photo_embed_index", column: "photo_embed", kind: "MSTG", parameters: ["metric_type": "Cosine"],
                metric: .cosine)
        ])

    static let conversions = TableDefinition(
        database: "default", name: "myscale_conversions",
        columns: [
            ColumnDefinition(name: "id", type: .uint64), ColumnDefinition(name: "photo_id", type: .string),
            ColumnDefinition(name: "keyword", type: .string),
        ], orderBy: ["id"], primaryKey: ["id"])

    static let t = TableDefinition(
        database: "default", name: "t",
        columns: [
            ColumnDefinition(name: "a", type: .int32), ColumnDefinition(name: "b", type: .string),
            ColumnDefinition(name: "c", type: .nullable(.float64)), ColumnDefinition(name: "d", type: .date),
            ColumnDefinition(name: "v", type: .array(.float32)),
            ColumnDefinition(name: "n", type: .uint8, defaultExpression: "42"),
        ],
        constraints: [CheckConstraint(name: "dim", expression: "length(v) = 3")])

    static let u = TableDefinition(
        database: "default", name: "u",
        columns: [ColumnDefinition(name: "a", type: .int64), ColumnDefinition(name: "x", type: .string)])

    static let other = TableDefinition(
        database: "other", name: "t", columns: [ColumnDefinition(name: "z", type: .uint16)])

    static let system: [TableDefinition] = [
        TableDefinition(
            database: "system", name: "databases", columns: [ColumnDefinition(name: "name", type: .string)]),
        TableDefinition(database: "system", name: "one", columns: [ColumnDefinition(name: "dummy", type: .uint8)]),
        TableDefinition(
            database: "system", name: "tables",
            columns: [
                ColumnDefinition(name: "database", type: .string), ColumnDefinition(name: "name", type: .string),
                ColumnDefinition(name: "engine", type: .string),
                ColumnDefinition(name: "create_table_query", type: .string),
                ColumnDefinition(name: "total_rows", type: .nullable(.uint64)),
            ]),
        TableDefinition(
            database: "system", name: "columns",
            columns: [
                ColumnDefinition(name: "database", type: .string), ColumnDefinition(name: "table", type: .string),
                ColumnDefinition(name: "name", type: .string), ColumnDefinition(name: "type", type: .string),
                ColumnDefinition(name: "position", type: .uint64),
                ColumnDefinition(name: "default_kind", type: .string),
                ColumnDefinition(name: "default_expression", type: .string),
            ]),
        TableDefinition(
            database: "system", name: "vector_indices",
            columns: [
                ColumnDefinition(name: "database", type: .string), ColumnDefinition(name: "table", type: .string),
                ColumnDefinition(name: "name", type: .string), ColumnDefinition(name: "column", type: .string),
                ColumnDefinition(name: "type", type: .string), ColumnDefinition(name: "expr", type: .string),
                ColumnDefinition(name: "metric_type", type: .string), ColumnDefinition(name: "status", type: .string),
                ColumnDefinition(name: "progress", type: .float64), ColumnDefinition(name: "total_parts", type: .uint64),
                ColumnDefinition(name: "parts_built", type: .uint64), ColumnDefinition(name: "total_vectors", type: .uint64),
                ColumnDefinition(name: "memory_usage_bytes", type: .uint64),
                ColumnDefinition(name: "disk_usage_bytes", type: .uint64),
                ColumnDefinition(name: "build_seconds", type: .float64), ColumnDefinition(name: "error", type: .string),
            ]),
    ]

    static let standard = TestCatalog(tables: [photos, conversions, t, u, other] + system)
}

/// Shared setup and assertions of the binder tests.
class BinderTestCase: XCTestCase {
    var catalog = TestCatalog.standard

    func bind(_ sql: String, parameters: [Value] = [], named: [String: Value] = [:]) throws -> BoundStatement {
        try Binder(catalog: catalog, parameters: parameters, namedParameters: named).bind(Parser.parseStatement(sql))
    }

    /// The bound plan of a query (fails the test if the statement is not a query).
    func plan(
        _ sql: String, parameters: [Value] = [], named: [String: Value] = [:], file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> LogicalPlan {
        guard case .query(let plan, _) = try bind(sql, parameters: parameters, named: named) else {
            XCTFail("not a query: \(sql)", file: file, line: line)
            return .values(rows: [], schema: Schema([]))
        }
        return plan
    }

    /// EXPLAIN text of a query's plan, optimized or as bound.
    func explain(_ sql: String, optimized: Bool = false) throws -> String {
        let p = try plan(sql)
        return PlanPrinter.text(optimized ? Optimizer().optimize(p) : p)
    }

    /// The error binding `sql` throws (fails the test when it binds).
    func bindError(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> LoupeError? {
        do {
            _ = try bind(sql)
            XCTFail("expected an error for: \(sql)", file: file, line: line)
            return nil
        } catch let e as LoupeError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    /// Output column names and types of a query, as `name Type` strings.
    func columns(_ sql: String) throws -> [String] {
        try plan(sql).schema.fields.map { "\($0.name) \($0.type)" }
    }

    /// A 512-float vector literal like the walkthrough's `{target_image_embed}`.
    static let embedding =
        "[" + (0..<512).map { String(format: "%.6f", Double($0 % 7) * 0.01 - 0.03) }.joined(separator: ", ") + "]"
}
