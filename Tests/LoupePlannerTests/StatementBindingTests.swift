// Statements other than SELECT: CREATE TABLE validation, INSERT (VALUES conversion with row
// numbers in errors, INSERT SELECT casts, defaults and checks), vector index DDL, SHOW, DESCRIBE,
// EXISTS, SHOW CREATE TABLE, DELETE/UPDATE and EXPLAIN.

import LoupeCore
import LoupePlanner
import XCTest

final class StatementBindingTests: BinderTestCase {
    func testCreateTableWithDefaultsChecksAndIndex() throws {
        guard
            case .createTable(let table, true) = try bind(
                """
                CREATE TABLE IF NOT EXISTS db2 (id UInt32, name String DEFAULT 'x', e Array(Float32), n Nullable(Int64) DEFAULT id * 2,
                  CONSTRAINT dim CHECK length(e) = 4, CONSTRAINT pos CHECK id > 0,
                  VECTOR INDEX e_idx e TYPE HNSWFLAT('metric_type=ip', 'm=16'))
                ENGINE = MergeTree ORDER BY (id, name) SETTINGS index_granularity = 8192
                """)
        else { return XCTFail() }
        XCTAssertEqual(table.columns.map(\.defaultExpression), [nil, "'x'", nil, "id * 2"])
        XCTAssertEqual(table.constraints.map(\.expression), ["length(e) = 4", "id > 0"])
        XCTAssertEqual(table.orderBy, ["id", "name"])
        XCTAssertEqual(table.engine, "MergeTree()")
        XCTAssertEqual(table.settings, ["index_granularity": "8192"])
        XCTAssertEqual(
            table.vectorIndexes,
            [
                VectorIndexDefinition(
                    name: "e_idx", column: "e", kind: "HNSWFLAT", parameters: ["metric_type": "IP", "m": "16"],
                    metric: .innerProduct)
            ])
    }

    func testNullModifierMakesColumnNullable() throws {
        guard case .createTable(let table, _) = try bind("CREATE TABLE n (b String NULL, c Int32 NOT NULL, d Nullable(UInt8) NULL)")
        else { return XCTFail() }
        XCTAssertEqual(table.columns.map(\.type), [.nullable(.string), .int32, .nullable(.uint8)])
        XCTAssertEqual(bindError("CREATE TABLE n (e Array(Float32) NULL)")?.kind, .type)
    }

    func testCreateTableErrors() throws {
        XCTAssertEqual(bindError("CREATE TABLE u (a UInt8)")?.kind, .alreadyExists)
        XCTAssertEqual(bindError("CREATE TABLE n (a Foo)")?.message, "unknown data type 'Foo'")
        XCTAssertEqual(bindError("CREATE TABLE n (a UInt8, a String)")?.message, "Column 'a' is defined twice")
        XCTAssertEqual(
            bindError("CREATE TABLE n (a UInt8, CONSTRAINT c CHECK b > 0)")?.message, "Unknown column 'b' in expression"
        )
        XCTAssertEqual(
            bindError("CREATE TABLE n (a String, CONSTRAINT c CHECK a)")?.message,
            "Illegal type String of column for filter in CHECK constraint 'c'; expected UInt8 or Bool")
        XCTAssertEqual(
            bindError("CREATE TABLE n (a UInt8 DEFAULT [1]) ORDER BY a")?.message,
            "Cannot convert Array(UInt8) to UInt8 for column 'a'")
        XCTAssertEqual(bindError("CREATE TABLE n (a UInt8) ORDER BY b")?.message, "Unknown column 'b' in expression")
        XCTAssertEqual(bindError("CREATE TABLE nodb.n (a UInt8)")?.message, "Database 'nodb' does not exist")
    }

    func testVectorIndexValidation() throws {
        catalog.tables[0] = TestCatalog.photos.withoutIndexes
        let add = "ALTER TABLE myscale_photos ADD VECTOR INDEX i photo_embed TYPE "
        guard case .addVectorIndex(_, _, let index, _) = try bind(add + "mstg") else { return XCTFail() }
        XCTAssertEqual(index.kind, "MSTG")
        XCTAssertEqual(index.metric, .l2)
        XCTAssertEqual(
            bindError(add + "NOPE")?.message,
            "Unknown vector index type NOPE; expected one of FLAT, HNSWFLAT, HNSWPQ, HNSWSQ, IVFFLAT, IVFPQ, IVFSQ, MSTG, SCANN"
        )
        XCTAssertEqual(
            bindError(add + "MSTG('metric_type=Hamming')")?.message,
            "Invalid metric_type 'Hamming'; expected Cosine, L2 or IP")
        XCTAssertEqual(
            bindError(add + "MSTG('color=red')")?.message,
            "Unknown parameter 'color' for vector index type MSTG; expected one of metric_type, disk_mode, ef_c, m")
        XCTAssertEqual(
            bindError(add + "HNSWFLAT('m=many')")?.message, "Invalid value 'many' for vector index parameter 'm': expected an integer in 4...128")
        XCTAssertEqual(
            bindError("ALTER TABLE myscale_photos ADD VECTOR INDEX i photo_id TYPE MSTG")?.message,
            "Vector index column 'photo_id' must be Array(Float32), not String")
        XCTAssertEqual(
            bindError("CREATE TABLE n (e Array(Float32), VECTOR INDEX i e TYPE FLAT)")?.message,
            "Vector index column 'e' needs a constraint CHECK length(e) = N fixing its dimension")
        guard
            case .addVectorIndex(_, _, let named, _) = try bind(
                "CREATE VECTOR INDEX j ON myscale_photos photo_embed TYPE MSTG(metric_type = 'Cosine')")
        else { return XCTFail() }
        XCTAssertEqual(named.metric, .cosine)
        catalog.tables[0] = TestCatalog.photos
        XCTAssertEqual(
            bindError(add + "MSTG")?.message,
            "Column 'photo_embed' already has vector index 'photo_embed_index'; drop it first")
        XCTAssertEqual(
            try bind("ALTER TABLE myscale_photos DROP VECTOR INDEX photo_embed_index"),
            .dropVectorIndex(database: "default", table: "myscale_photos", name: "photo_embed_index", ifExists: false))
        XCTAssertEqual(bindError("DROP VECTOR INDEX nope ON myscale_photos")?.kind, .unknownName)
    }

    func testInsertValues() throws {
        guard
            case .insert(let table, let targets, let source, let defaults, let checks) = try bind(
                "INSERT INTO t (a, b, v, c) VALUES (1, 'x', [1, 2, 3], NULL), (-2, 'y', [0.5, 1.5, 2.5], 2.5)")
        else { return XCTFail() }
        XCTAssertEqual(table.name, "t")
        XCTAssertEqual(targets, [0, 1, 4, 2])
        XCTAssertEqual(
            source,
            .values(
                rows: [
                    [.int(1), .string("x"), .vector([1, 2, 3]), .null],
                    [.int(-2), .string("y"), .vector([0.5, 1.5, 2.5]), .float(2.5)],
                ],
                schema: Schema([
                    Field(name: "a", type: .int32), Field(name: "b", type: .string),
                    Field(name: "v", type: .array(.float32)),
                    Field(name: "c", type: .nullable(.float64)),
                ])))
        XCTAssertEqual(defaults.keys.sorted(), [5])
        XCTAssertEqual(defaults[5]?.constantValue, .int(42))
        XCTAssertEqual(checks.map(\.name), ["dim"])
        XCTAssertEqual(checks[0].text, "length(v) = 3")
    }

    func testInsertDefaultsReadingOtherColumns() throws {
        catalog.tables.append(
            TableDefinition(
                database: "default", name: "dflt",
                columns: [
                    ColumnDefinition(name: "id", type: .uint32),
                    ColumnDefinition(name: "k", type: .uint8, defaultExpression: "7"),
                    ColumnDefinition(name: "twice", type: .uint64, defaultExpression: "id * 2"),
                    ColumnDefinition(name: "plus_k", type: .uint64, defaultExpression: "id + k"),
                ]))
        guard
            case .insert(_, let targets, let source, let defaults, _) = try bind(
                "INSERT INTO dflt (id) VALUES (1), (2)")
        else { return XCTFail() }
        XCTAssertEqual(targets, [0, 2, 3])
        XCTAssertEqual(defaults.keys.sorted(), [1])
        XCTAssertEqual(
            PlanPrinter.text(source),
            """
            Project (id, CAST(id AS UInt64) * 2 AS twice, CAST(id AS UInt64) + 7 AS plus_k)
              Values (2 rows: id)
            """)
    }

    func testInsertConversionErrors() throws {
        let e = bindError("INSERT INTO myscale_conversions VALUES (1, 'p', 'k'),\n (2, 'q', 'k'), ('abc', 'r', 'k')")
        XCTAssertEqual(e?.kind, .type)
        XCTAssertEqual(e?.row, 3)
        XCTAssertEqual(
            e?.description, "Error at line 2, column 18: Cannot insert 'abc' into column 'id' of type UInt64 (row 3)")
        XCTAssertEqual(bindError("INSERT INTO u VALUES (1)")?.message, "Row 1 has 1 values, expected 2")
        XCTAssertEqual(
            bindError("INSERT INTO u (a, zz) VALUES (1, 2)")?.message, "There is no column 'zz' in table default.u")
        XCTAssertEqual(
            bindError("INSERT INTO t (n) VALUES (300)")?.message, "Cannot insert 300 into column 'n' of type UInt8")
    }

    func testInsertNullAndComputedValues() throws {
        guard
            case .insert(_, _, let source, _, _) = try bind("INSERT INTO u VALUES (NULL, 'a'), (toInt64(rand()), 'b')")
        else { return XCTFail() }
        XCTAssertEqual(
            PlanPrinter.text(source),
            """
            Union ALL
              Values (1 row: a, x)
              Project (toInt64(rand()) AS a, 'b' AS x)
                Values (1 row)
            """.replacingOccurrences(of: "toInt64(rand())", with: "CAST(rand() AS Int64)"))
        guard case .insert(_, _, let only, _, _) = try bind("INSERT INTO u VALUES (NULL, 'a')"),
            case .values(let rows, _) = only
        else { return XCTFail() }
        XCTAssertEqual(rows, [[.int(0), .string("a")]])
    }

    func testInsertSelect() throws {
        guard case .insert(_, let targets, let source, _, _) = try bind("INSERT INTO u (x, a) SELECT b, a FROM t")
        else {
            return XCTFail()
        }
        XCTAssertEqual(targets, [1, 0])
        XCTAssertEqual(
            PlanPrinter.text(source),
            """
            Project (b AS x, CAST(a AS Int64) AS a)
              Project (b, a)
                Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(
            bindError("INSERT INTO u SELECT a FROM t")?.message,
            "Number of columns doesn't match: the query returns 1, the insert expects 2")
        XCTAssertEqual(bindError("INSERT INTO system.tables VALUES ('a', 'b', 'c', 1)")?.kind, .unsupported)
    }

    func testShowAndDescribe() throws {
        XCTAssertEqual(
            try explain("SHOW TABLES"),
            """
            Sort (keys: name ASC)
              Project (name)
                Filter (database = 'default')
                  Scan system.tables (database, name, engine, create_table_query, total_rows)
            """)
        XCTAssertEqual(
            try explain("SHOW TABLES FROM other LIKE 't%'"),
            """
            Sort (keys: name ASC)
              Project (name)
                Filter ((database = 'other') AND (name LIKE 't%'))
                  Scan system.tables (database, name, engine, create_table_query, total_rows)
            """)
        XCTAssertEqual(try columns("SHOW DATABASES"), ["name String"])
        XCTAssertEqual(
            try columns("DESCRIBE TABLE t"),
            ["name String", "type String", "default_type String", "default_expression String"])
        XCTAssertEqual(bindError("DESCRIBE nope")?.kind, .unknownName)
        XCTAssertEqual(
            try plan("EXISTS TABLE t"),
            .values(rows: [[.int(1)]], schema: Schema([Field(name: "result", type: .uint8)])))
        XCTAssertEqual(
            try plan("EXISTS nope"), .values(rows: [[.int(0)]], schema: Schema([Field(name: "result", type: .uint8)])))
    }

    func testShowCreateTable() throws {
        XCTAssertEqual(
            try explain("SHOW CREATE TABLE myscale_photos", optimized: true),
            """
            Project (create_table_query AS statement)
              Scan system.tables (database, name, create_table_query) filter: (database = 'default') AND (name = 'myscale_photos')
            """)
        XCTAssertEqual(bindError("SHOW CREATE TABLE nope")?.kind, .unknownName)
    }

    func testDeleteUpdateAndCommands() throws {
        guard case .delete(let table, let predicate) = try bind("DELETE FROM t WHERE a > 1") else { return XCTFail() }
        XCTAssertEqual(table.name, "t")
        XCTAssertEqual(ExprPrinter.text(predicate, names: table.columns.map(\.name)), "a > 1")
        guard case .update(_, let assignments, _, let checks) = try bind("ALTER TABLE t UPDATE n = a WHERE 1") else {
            return XCTFail()
        }
        XCTAssertEqual(assignments[5]?.type, .uint8)
        XCTAssertEqual(checks.count, 1)
        XCTAssertEqual(
            try bind("OPTIMIZE TABLE t FINAL"), .command(words: ["OPTIMIZE", "TABLE", "default.t", "FINAL"]))
        XCTAssertEqual(try bind("USE other"), .useDatabase("other"))
        XCTAssertEqual(try bind("TRUNCATE TABLE u"), .truncateTable(database: "default", name: "u", ifExists: false))
        XCTAssertEqual(bindError("USE nodb")?.kind, .unknownName)
    }

    func testExplainIsOptimized() throws {
        guard case .explain(let p) = try bind("EXPLAIN SELECT b FROM t WHERE a = 1 ORDER BY b LIMIT 2") else {
            return XCTFail()
        }
        XCTAssertEqual(
            PlanPrinter.explain(p),
            [
                "TopK (limit 2, keys: b ASC)",
                "  Project (b)",
                "    Scan default.t (a, b) filter: a = 1",
            ])
    }
}
