// Every statement kind: parsed into the expected tree and round-tripped through the printer.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class StatementTests: XCTestCase {
    func testDatabaseStatements() throws {
        XCTAssertEqual(
            try assertRoundTrip("create database if not exists db"),
            .createDatabase(CreateDatabase(ifNotExists: true, name: Identifier("db"))))
        XCTAssertEqual(
            try assertRoundTrip("DROP DATABASE IF EXISTS db"),
            .dropDatabase(DropDatabase(ifExists: true, name: Identifier("db"))))
        XCTAssertEqual(try assertRoundTrip("USE db"), .use(Use(database: Identifier("db"))))
        XCTAssertEqual(try assertRoundTrip("SHOW DATABASES"), .showDatabases(ShowDatabases()))
    }

    func testCreateTableVariants() throws {
        let sql = """
            CREATE TABLE IF NOT EXISTS db.items (
                id UInt64,
                name LowCardinality(String) DEFAULT 'x' COMMENT 'the name' CODEC(ZSTD(1)),
                score Nullable(Float64) DEFAULT -1.5,
                tags Array(String),
                at DateTime('UTC'),
                code FixedString(4),
                vec Array(Float32),
                CONSTRAINT dims CHECK length(vec) = 3,
                VECTOR INDEX vi vec TYPE MSTG('metric_type=L2', 'alpha=3')
            ) ENGINE = MergeTree() ORDER BY (id, name) PRIMARY KEY id SETTINGS index_granularity = 8192
            """
        guard case .createTable(let t) = try assertRoundTrip(sql) else { return XCTFail() }
        XCTAssertTrue(t.ifNotExists)
        XCTAssertEqual(t.columns.count, 7)
        XCTAssertEqual(t.columns[1].codec?.first?.description, "ZSTD(1)")
        XCTAssertEqual(t.columns[1].comment, "the name")
        XCTAssertEqual(t.columns[2].defaultValue?.expr.kind, .literal(.float(-1.5)))
        XCTAssertEqual(t.vectorIndexes.first?.type.arguments?.count, 2)
        XCTAssertEqual(t.engine?.name.name, "MergeTree")
        XCTAssertEqual(t.engine?.arguments, [])
        XCTAssertEqual(t.orderBy?.description, "(id, name)")
        XCTAssertEqual(t.settings.first?.name.name, "index_granularity")
        try assertRoundTrip("CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY tuple()")
        try assertRoundTrip("CREATE TABLE t ENGINE = Memory AS SELECT 1 AS x")
        try assertRoundTrip("CREATE TABLE t AS SELECT * FROM u")
        try assertRoundTrip("CREATE TABLE t (vector Array(Float32), constraint String, index UInt8) ORDER BY index")
    }

    func testDropAndTruncate() throws {
        XCTAssertEqual(
            try assertRoundTrip("DROP TABLE IF EXISTS default.t"),
            .dropTable(
                DropTable(ifExists: true, name: TableName(database: Identifier("default"), name: Identifier("t")))))
        XCTAssertEqual(
            try assertRoundTrip("TRUNCATE TABLE IF EXISTS t"),
            .truncateTable(TruncateTable(ifExists: true, name: TableName(name: Identifier("t")))))
        try assertRoundTrip("TRUNCATE t")
    }

    func testVectorIndexStatements() throws {
        try assertRoundTrip("ALTER TABLE t ADD VECTOR INDEX IF NOT EXISTS i v TYPE MSTG")
        try assertRoundTrip("ALTER TABLE t ADD VECTOR INDEX i v TYPE MSTG(metric_type='Cosine', ef_c = 200)")
        try assertRoundTrip("ALTER TABLE t DROP VECTOR INDEX IF EXISTS i")
        guard case .createVectorIndex(let c) = try assertRoundTrip("CREATE VECTOR INDEX i ON db.t v TYPE FLAT")
        else { return XCTFail() }
        XCTAssertEqual(c.index.column.name, "v")
        XCTAssertNil(c.index.type.arguments)
        try assertRoundTrip("CREATE VECTOR INDEX IF NOT EXISTS i ON t(v) TYPE MSTG('metric_type=IP')")
        XCTAssertEqual(
            try assertRoundTrip("DROP VECTOR INDEX i ON t"),
            .dropVectorIndex(
                DropVectorIndex(ifExists: false, name: Identifier("i"), table: TableName(name: Identifier("t")))))
    }

    func testAlterMutationsAndColumns() throws {
        try assertRoundTrip("ALTER TABLE t DELETE WHERE id IN (1, 2)")
        guard case .alterTable(let a) = try assertRoundTrip("ALTER TABLE t UPDATE a = a + 1, b = 'x' WHERE id > 5")
        else { return XCTFail() }
        guard case .update(let assignments, _) = a.commands[0].kind else { return XCTFail() }
        XCTAssertEqual(assignments.map(\.column.name), ["a", "b"])
        try assertRoundTrip("ALTER TABLE t ADD COLUMN IF NOT EXISTS c Int32 DEFAULT 0 AFTER b, DROP COLUMN IF EXISTS d")
        try assertRoundTrip("ALTER TABLE t ADD COLUMN c String FIRST")
        try assertRoundTrip("DELETE FROM db.t WHERE photo_id = 'x' AND n < 3")
    }

    func testInsertForms() throws {
        guard
            case .insert(let i) = try assertRoundTrip(
                "INSERT INTO TABLE db.t (id, vec, name) VALUES (1, [0.1, -2e-3, 3], 'a'), (2, [], NULL), (-3, [[1]], (1, 2))"
            )
        else { return XCTFail() }
        XCTAssertEqual(i.columns?.map(\.name), ["id", "vec", "name"])
        guard case .values(let rows) = i.source else { return XCTFail() }
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[2][0].kind, .literal(.int(-3)))
        try assertRoundTrip("INSERT INTO t VALUES (1) (2)")
        try assertRoundTrip("INSERT INTO t SELECT * FROM u WHERE x > 1")
        try assertRoundTrip("INSERT INTO t (a) WITH 1 AS x SELECT x")
        XCTAssertEqual(
            try assertRoundTrip("INSERT INTO t FROM INFILE 'data.csv.gz' COMPRESSION 'gzip' FORMAT CSV"),
            .insert(
                Insert(
                    table: TableName(name: Identifier("t")),
                    source: .infile(path: "data.csv.gz", compression: "gzip", format: Identifier("CSV")))))
        guard
            case .insert(let load) = try assertRoundTrip(
                "INSERT INTO t (id, v) FROM INFILE 'x.tsv' SETTINGS input_format_allow_errors_num = 3, input_format_allow_errors_ratio = 0.5 FORMAT TSVWithNames")
        else { return XCTFail() }
        XCTAssertEqual(load.settings.map(\.name.name), ["input_format_allow_errors_num", "input_format_allow_errors_ratio"])
        XCTAssertEqual(load.source, .infile(path: "x.tsv", compression: nil, format: Identifier("TSVWithNames")))
        XCTAssertEqual(load.columns?.map(\.name), ["id", "v"])
        try assertRoundTrip("INSERT INTO t FROM INFILE 'x.jsonl'")
        try assertRoundTrip("INSERT INTO t SETTINGS a = 1 VALUES (1)")
        XCTAssertThrowsError(try Parser.parseStatement("INSERT INTO t FROM INFILE 'x.tsv' VALUES (1)"))
        XCTAssertThrowsError(try Parser.parseStatement("INSERT INTO t FROM INFILE x.tsv"))
        XCTAssertEqual(
            try assertRoundTrip("INSERT INTO t FORMAT TabSeparated"),
            .insert(
                Insert(table: TableName(name: Identifier("t")), source: .format(Identifier("TabSeparated"), data: nil)))
        )
        let script = try Parser.parseScript("INSERT INTO t (a, b) FORMAT Values (1, 'x'), (2, 'y');\nSELECT 1")
        XCTAssertEqual(script.count, 2)
        guard case .insert(let f) = script[0] else { return XCTFail() }
        XCTAssertEqual(f.source, .format(Identifier("Values"), data: "(1, 'x'), (2, 'y')"))
        try assertRoundTrip("INSERT INTO t FORMAT Values (1, 'x')")
    }

    func testSelectClauses() throws {
        let sql = """
            WITH 5 AS k, top AS (SELECT id FROM t LIMIT 3)
            SELECT DISTINCT a, b AS bb, t.*, count(*) c
            FROM db.t AS x FINAL
            PREWHERE a > 0
            WHERE b LIKE '%z%'
            GROUP BY a, b WITH TOTALS
            HAVING c > 1
            ORDER BY a DESC NULLS LAST, b ASC, c
            LIMIT 2 BY a
            LIMIT 10 OFFSET 20
            SETTINGS ef_search = 128, mode = 'fast'
            """
        guard case .select(let q) = try assertRoundTrip(sql), case .select(let s) = q.body else { return XCTFail() }
        XCTAssertEqual(s.with.count, 2)
        XCTAssertTrue(s.distinct)
        XCTAssertEqual(s.items.map { $0.alias?.name }, [nil, "bb", nil, "c"])
        XCTAssertEqual(s.from?.alias?.name, "x")
        XCTAssertTrue(s.withTotals)
        XCTAssertEqual(s.orderBy.map(\.direction), [.descending, .ascending, nil])
        XCTAssertEqual(s.orderBy[0].nulls, .last)
        XCTAssertEqual(s.limitBy?.by.count, 1)
        XCTAssertEqual(s.limit?.offset?.kind, .literal(.int(20)))
        XCTAssertEqual(s.settings.count, 2)
        guard case .select(let q2) = try assertRoundTrip("SELECT * FROM t LIMIT 5, 10"), case .select(let s2) = q2.body
        else { return XCTFail() }
        XCTAssertEqual(s2.limit?.count.kind, .literal(.int(10)))
        XCTAssertEqual(s2.limit?.offset?.kind, .literal(.int(5)))
        try assertRoundTrip("SELECT 1")
        try assertRoundTrip("SELECT number FROM numbers(10) AS n")
        try assertRoundTrip("SELECT name FROM system.tables")
        try assertRoundTrip("SELECT * FROM t INTO OUTFILE 'out.tsv' FORMAT TSV")
        try assertRoundTrip("SELECT * FROM t INTO OUTFILE 'out.gz' COMPRESSION 'gzip'")
        guard
            case .select(let out) = try assertRoundTrip(
                "SELECT * FROM t INTO OUTFILE 'o.lz4' AND STDOUT TRUNCATE COMPRESSION 'lz4' LEVEL 9 FORMAT CSV")
        else { return XCTFail() }
        XCTAssertEqual(
            out.outfile,
            OutfileClause(path: "o.lz4", andStdout: true, existingFile: .truncate, compression: "lz4", level: 9))
        XCTAssertEqual(
            try Parser.parseStatement("select 1 into outfile 'a' append"),
            .select(
                Query(
                    body: .select(Select(items: [SelectItem(expr: Expr(.literal(.int(1))))])),
                    outfile: OutfileClause(path: "a", existingFile: .append))))
        XCTAssertThrowsError(try Parser.parseStatement("SELECT 1 INTO OUTFILE 'a' AND STDERR"))
        XCTAssertThrowsError(try Parser.parseStatement("SELECT 1 INTO OUTFILE 'a' COMPRESSION 'gzip' LEVEL x"))
        try assertRoundTrip("SELECT * FROM t FORMAT JSONEachRow")
    }

    func testJoins() throws {
        let kinds: [(String, JoinKind, JoinStrictness?)] = [
            ("JOIN", .inner, nil), ("INNER JOIN", .inner, nil), ("LEFT JOIN", .left, nil),
            ("LEFT OUTER JOIN", .left, nil), ("RIGHT OUTER JOIN", .right, nil), ("FULL JOIN", .full, nil),
            ("ANY LEFT JOIN", .left, .any), ("LEFT ANY JOIN", .left, .any), ("ALL INNER JOIN", .inner, .all),
            ("GLOBAL SEMI LEFT JOIN", .left, .semi),
        ]
        for (words, kind, strictness) in kinds {
            guard case .select(let q) = try assertRoundTrip("SELECT * FROM a \(words) b ON a.id = b.id"),
                case .select(let s) = q.body, case .join(let j) = s.from?.kind
            else { return XCTFail(words) }
            XCTAssertEqual(j.kind, kind, words)
            XCTAssertEqual(j.strictness, strictness, words)
        }
        guard case .select(let q) = try assertRoundTrip("SELECT * FROM a CROSS JOIN b, c JOIN d USING id, k"),
            case .select(let s) = q.body, case .join(let j) = s.from?.kind
        else { return XCTFail() }
        XCTAssertEqual(j.constraint, .using([Identifier("id"), Identifier("k")]))
        guard case .join(let inner) = j.left.kind else { return XCTFail() }
        XCTAssertEqual(inner.kind, .comma)
        try assertRoundTrip("SELECT * FROM a JOIN b USING (id)")
        try assertRoundTrip("SELECT * FROM (SELECT 1 AS id) x LEFT JOIN (SELECT 2 AS id) AS y ON x.id = y.id")
    }

    func testUnions() throws {
        guard case .select(let q) = try assertRoundTrip("SELECT 1 UNION ALL SELECT 2 UNION SELECT 3") else {
            return XCTFail()
        }
        guard case .union(.union(_, .all, _), .distinct, _) = q.body else { return XCTFail("left-deep expected") }
        try assertRoundTrip("(SELECT 1) UNION DISTINCT (SELECT 2 ORDER BY 1)")
        try assertRoundTrip("SELECT * FROM (SELECT 1 UNION ALL SELECT 2)")
        try assertRoundTrip("SELECT x FROM t WHERE x IN (SELECT 1 UNION ALL SELECT 2)")
    }

    func testUtilityStatements() throws {
        XCTAssertEqual(
            try assertRoundTrip("SHOW TABLES FROM db LIKE 'my%'"),
            .showTables(ShowTables(database: Identifier("db"), pattern: LikePattern(pattern: "my%"))))
        try assertRoundTrip("SHOW TABLES NOT ILIKE '%x'")
        try assertRoundTrip("SHOW TABLES")
        try assertRoundTrip("SHOW CREATE TABLE db.t")
        try assertRoundTrip("SHOW CREATE t")
        XCTAssertEqual(try assertRoundTrip("DESC t"), .describe(Describe(table: TableName(name: Identifier("t")))))
        try assertRoundTrip("DESCRIBE TABLE db.t")
        try assertRoundTrip("EXISTS TABLE t")
        try assertRoundTrip("EXISTS db.t")
        try assertRoundTrip("OPTIMIZE TABLE t FINAL")
        guard case .explain(let e) = try assertRoundTrip("EXPLAIN SELECT 1") else { return XCTFail() }
        XCTAssertNil(e.kind)
        try assertRoundTrip("EXPLAIN PLAN SELECT * FROM t ORDER BY distance(v, [1, 2]) LIMIT 3")
        try assertRoundTrip("EXPLAIN AST header = 1, actions = 1 SELECT 1")
        XCTAssertEqual(
            try assertRoundTrip("system wait building vector indices"),
            .system(SystemCommand(words: ["wait", "building", "vector", "indices"])))
        guard case .system(let s) = try assertRoundTrip("SYSTEM STOP MERGES db.t") else { return XCTFail() }
        XCTAssertEqual(s.words, ["STOP", "MERGES", "db.t"])
        XCTAssertEqual(s.command, "STOP MERGES DB.T")
    }

    func testScriptsSkipEmptyStatementsAndKeepRanges() throws {
        let script = ";;\n-- comment\nSELECT 1;;\n  /* x */ SELECT\n  2 ;\n\n"
        let statements = try Parser.parseScript(script)
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(statements[0].range.start, SourceLocation(offset: 14, line: 3, column: 1))
        XCTAssertEqual(statements[1].range.start.line, 4)
        XCTAssertEqual(statements[1].range.start.column, 11)
        XCTAssertEqual(statements[1].range.end.line, 5)
        XCTAssertEqual(try Parser.parseScript("  -- nothing\n ;; "), [])
        XCTAssertEqual(try Parser.parseScript("SELECT 1").count, 1)
    }
}
