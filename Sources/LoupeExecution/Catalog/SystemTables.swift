// The virtual tables of the `system` database, computed from the catalog each time they are
// scanned: `one`, `numbers` (0, 1, 2, ... without end), `databases`, `tables`, `columns` and
// `vector_indices`. Column names and types follow ClickHouse and MyScale where they have a
// counterpart; `vector_indices` asks each table's store how far the builds of its indexes are.

import LoupeCore
import LoupeStorage
import LoupePlanner

/// Definitions and contents of the `system` tables.
enum SystemTables {
    private static let specs: [(name: String, engine: String, columns: [(String, DataType)])] = [
        (
            "columns", "SystemColumns",
            [
                ("database", .string), ("table", .string), ("name", .string), ("type", .string),
                ("position", .uint64), ("default_kind", .string), ("default_expression", .string),
                ("comment", .string), ("is_in_sorting_key", .uint8), ("is_in_primary_key", .uint8),
            ]
        ),
        ("databases", "SystemDatabases", [("name", .string), ("engine", .string), ("comment", .string)]),
        ("numbers", "SystemNumbers", [("number", .uint64)]),
        ("one", "SystemOne", [("dummy", .uint8)]),
        (
            "tables", "SystemTables",
            [
                ("database", .string), ("name", .string), ("engine", .string), ("is_temporary", .uint8),
                ("create_table_query", .string), ("engine_full", .string), ("sorting_key", .string),
                ("primary_key", .string), ("total_rows", .nullable(.uint64)), ("comment", .string),
            ]
        ),
        (
            "vector_indices", "SystemVectorIndices",
            [
                ("database", .string), ("table", .string), ("name", .string), ("column", .string),
                ("type", .string), ("expr", .string), ("metric_type", .string), ("status", .string),
                ("progress", .float64), ("total_parts", .uint64), ("parts_built", .uint64),
                ("total_vectors", .uint64), ("memory_usage_bytes", .uint64), ("disk_usage_bytes", .uint64),
                ("build_seconds", .float64), ("error", .string),
            ]
        ),
    ]

    /// The system table names, sorted.
    static let names: [String] = specs.map(\.name).sorted()

    /// The definition of `system.name`.
    static func definition(named name: String) -> TableDefinition? {
        guard let spec = specs.first(where: { $0.name == name }) else { return nil }
        return TableDefinition(
            database: Catalog.systemDatabase, name: name,
            columns: spec.columns.map { ColumnDefinition(name: $0.0, type: $0.1) }, engine: spec.engine)
    }

    /// The current rows of `system.name`.
    static func snapshot(of name: String, catalog: Catalog) -> TableSnapshot? {
        guard let definition = definition(named: name) else { return nil }
        let rows: [[Value]]
        switch name {
        case "numbers": return NumbersSnapshot()
        case "one": rows = [[.int(0)]]
        case "databases":
            rows = catalog.databaseNames().map { db in
                [.string(db), .string(db == Catalog.systemDatabase ? "System" : catalog.databaseEngine), .string("")]
            }
        case "tables": rows = tableRows(catalog)
        case "columns": rows = columnRows(catalog)
        case "vector_indices": rows = vectorIndexRows(catalog)
        default: return nil
        }
        let columns = definition.columns.enumerated().map { c, column in
            Column(type: column.type, values: rows.map { $0[c] })
        }
        return MemorySnapshot(columns: columns, count: rows.count)
    }

    private static func tableRows(_ catalog: Catalog) -> [[Value]] {
        var rows: [[Value]] = catalog.userTables().map { table, count in
            let t = table
            return [
                .string(t.database), .string(t.name), .string(engineName(t.engine)), .int(0),
                .string(TableDefinitionPrinter.createStatement(t)), .string(TableDefinitionPrinter.engineClause(t)),
                .string(t.orderBy.joined(separator: ", ")), .string(t.primaryKey.joined(separator: ", ")),
                .uint(UInt64(count)), .string(""),
            ]
        }
        for name in names {
            let t = definition(named: name)!
            rows.append([
                .string(t.database), .string(name), .string(t.engine), .int(0), .string(""), .string(t.engine),
                .string(""), .string(""), .null, .string(""),
            ])
        }
        return rows.sorted { ($0[0].description, $0[1].description) < ($1[0].description, $1[1].description) }
    }

    private static func columnRows(_ catalog: Catalog) -> [[Value]] {
        var tables = catalog.userTables().map(\.definition)
        tables += names.compactMap { definition(named: $0) }
        tables.sort { ($0.database, $0.name) < ($1.database, $1.name) }
        return tables.flatMap { t in
            t.columns.enumerated().map { position, column -> [Value] in
                [
                    .string(t.database), .string(t.name), .string(column.name), .string(column.type.description),
                    .uint(UInt64(position + 1)), .string(column.defaultExpression == nil ? "" : "DEFAULT"),
                    .string(column.defaultExpression ?? ""), .string(""),
                    .int(mentions(t.orderBy, column.name) ? 1 : 0),
                    .int(mentions(t.primaryKey.isEmpty ? t.orderBy : t.primaryKey, column.name) ? 1 : 0),
                ]
            }
        }
    }

    private static func vectorIndexRows(_ catalog: Catalog) -> [[Value]] {
        catalog.userTables().flatMap { table, _ in
            let store = try? catalog.store(database: table.database, name: table.name)
            return table.vectorIndexes.map { index -> [Value] in
                let s = store?.vectorIndexStatus(index.name) ?? VectorIndexStatus()
                let status = s.error != nil ? "Error" : (s.builtParts == s.totalParts ? "Built" : "InProgress")
                return [
                    .string(table.database), .string(table.name), .string(index.name), .string(index.column),
                    .string(index.kind), .string(TableDefinitionPrinter.indexExpression(index)),
                    .string(index.metric.rawValue), .string(status),
                    .float((s.progress * 1000).rounded() / 10), .uint(UInt64(s.totalParts)), .uint(UInt64(s.builtParts)),
                    .uint(UInt64(s.totalRows)), .uint(UInt64(s.memoryBytes)), .uint(UInt64(s.diskBytes)),
                    .float((s.buildSeconds * 1000).rounded() / 1000), .string(s.error ?? ""),
                ]
            }
        }
    }

    /// `MergeTree` for `MergeTree()`.
    private static func engineName(_ engine: String) -> String {
        engine.firstIndex(of: "(").map { String(engine[..<$0]) } ?? engine
    }

    /// True when `name` appears as an identifier in one of the key expressions.
    private static func mentions(_ expressions: [String], _ name: String) -> Bool {
        expressions.contains { text in
            text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.contains { $0 == name }
        }
    }
}
