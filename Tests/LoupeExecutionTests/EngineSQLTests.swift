// The engine end to end on SQL text (parser → binder → optimizer → operators): the walkthrough's
// statement shapes, CHECK violations, INSERT forms, DELETE / UPDATE, EXPLAIN and system tables.

import LoupeCore
import LoupeSQL
import XCTest

@testable import LoupeExecution

final class EngineSQLTests: XCTestCase {
    private var engine = Engine()

    override func setUp() {
        engine = Engine()
    }

    /// Runs a script; returns the rows of the last statement as text.
    @discardableResult
    private func run(_ sql: String) throws -> [[String]] {
        try engine.runScript(sql)
    }

    private func loadPhotos() throws {
        try run(
            """
            CREATE TABLE default.myscale_photos
            (
                id UInt64,
                photo_id String,
                photo_image_url String,
                photo_embed Array(Float32),
                CONSTRAINT vector_len CHECK length(photo_embed) = 3
            )
            ORDER BY id;
            CREATE TABLE default.myscale_conversions (id UInt64, photo_id String, keyword String) ORDER BY id;
            INSERT INTO default.myscale_photos (id, photo_id, photo_image_url, photo_embed) VALUES
                (0, 'a', 'u0', [1, 0, 0]), (1, 'b', 'u1', [0, 1, 0]), (2, 'c', 'u2', [0, 0, 1]);
            INSERT INTO default.myscale_conversions (id, photo_id, keyword) VALUES
                (0, 'a', 'bee'), (1, 'b', 'sea'), (2, 'a', 'bee'), (3, 'c', 'dog'),
                (4, 'a', 'honey'), (5, 'b', 'sea'), (6, 'z', 'x');
            """)
    }

    func testCheckViolationNamesRowAndLengthAndStoresNothing() throws {
        try loadPhotos()
        let insert =
            "INSERT INTO default.myscale_photos VALUES "
            + "(7, 'p', 'u', [1, 2, 3]), (8, 'q', 'u', [1, 2, 3]), (9, 'r', 'u', [1, 2])"
        XCTAssertThrowsError(try run(insert)) { error in
            let e = error as? LoupeError
            XCTAssertEqual(e?.kind, .constraint)
            XCTAssertEqual(e?.row, 3)
            XCTAssertEqual(
                e?.message,
                "Constraint 'vector_len' (length(photo_embed) = 3) violated at row 3: length(photo_embed) is 2")
            XCTAssertNotNil(e?.range, "the error points at the statement")
        }
        XCTAssertEqual(try run("SELECT count(*) FROM default.myscale_photos"), [["3"]])
    }

    func testWalkthroughJoinGroupByShape() throws {
        try loadPhotos()
        try run(
            "ALTER TABLE default.myscale_photos ADD VECTOR INDEX photo_embed_index photo_embed "
                + "TYPE MSTG('metric_type=Cosine')"
        )
        try run("SYSTEM WAIT BUILDING VECTOR INDICES")
        XCTAssertEqual(
            try run("SELECT status FROM system.vector_indices WHERE name='photo_embed_index'"), [["Built"]])
        let counts = try run(
            """
            SELECT photo_id, count(*) as count
            FROM default.myscale_conversions
            JOIN (
                SELECT photo_id, id as dist
                FROM default.myscale_photos
                ORDER BY dist ASC
                LIMIT 2
                ) AS target_photos
            ON default.myscale_conversions.photo_id = target_photos.photo_id
            GROUP BY photo_id
            ORDER BY count DESC
            """)
        XCTAssertEqual(counts, [["a", "3"], ["b", "2"]])
        let keywords = try run(
            """
            SELECT keyword, count(*) as count FROM default.myscale_conversions WHERE photo_id='a'
            GROUP BY keyword ORDER BY count DESC LIMIT 5
            """)
        XCTAssertEqual(keywords, [["bee", "2"], ["honey", "1"]])
        XCTAssertEqual(
            try run("SELECT count() FROM (SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1)"), [["1"]])
    }

    func testInsertFormsDefaultsAndInsertSelect() throws {
        try run(
            """
            CREATE TABLE t (id UInt64, name String DEFAULT 'none', score Float64, tags Array(String)) ORDER BY id;
            INSERT INTO t (id, score) VALUES (1, 1.5), (2, 2);
            INSERT INTO t SELECT id + 10, 'copy', score * 2, ['x'] FROM t;
            """)
        XCTAssertEqual(
            try run("SELECT id, name, score, tags FROM t ORDER BY id"),
            [
                ["1", "none", "1.5", "[]"], ["2", "none", "2", "[]"], ["11", "copy", "3", "['x']"],
                ["12", "copy", "4", "['x']"],
            ])
    }

    func testDeleteAndUpdate() throws {
        try run(
            """
            CREATE TABLE t (id UInt64, v Int64, CONSTRAINT positive CHECK v >= 0) ORDER BY id;
            INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40);
            ALTER TABLE t DELETE WHERE id = 2;
            ALTER TABLE t UPDATE v = v + 1 WHERE id >= 3;
            """)
        XCTAssertEqual(try run("SELECT id, v FROM t ORDER BY id"), [["1", "10"], ["3", "31"], ["4", "41"]])
        XCTAssertThrowsError(try run("ALTER TABLE t UPDATE v = v - 20 WHERE id = 1")) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .constraint)
        }
        XCTAssertEqual(
            try run("SELECT id, v FROM t ORDER BY id"), [["1", "10"], ["3", "31"], ["4", "41"]],
            "a failed UPDATE changes nothing")
        try run("DELETE FROM t WHERE v > 35")
        XCTAssertEqual(try run("SELECT id FROM t ORDER BY id"), [["1"], ["3"]])
        try run("TRUNCATE TABLE t")
        XCTAssertEqual(try run("SELECT count(*) FROM t"), [["0"]])
    }

    func testStreamedResultSeesTablesAndSubqueriesAsOfExecute() throws {
        try run("CREATE TABLE t (id UInt64) ORDER BY id; INSERT INTO t VALUES (1), (2), (3)")
        let query = try Parser.parseStatement(
            "SELECT id, (SELECT max(id) FROM t) AS top FROM t WHERE id IN (SELECT id FROM t WHERE id > 1) ORDER BY id")
        let result = try engine.execute(query)
        try run("INSERT INTO t VALUES (10); DELETE FROM t WHERE id = 2")
        XCTAssertEqual(try result.allRows(), [[.uint(2), .uint(3)], [.uint(3), .uint(3)]])
    }

    func testExplainAndCommands() throws {
        try run("CREATE TABLE t (id UInt64) ORDER BY id")
        let plan = try run("EXPLAIN SELECT id FROM t WHERE id > 1 ORDER BY id LIMIT 3")
        XCTAssertFalse(plan.isEmpty)
        XCTAssertTrue(plan.contains { $0[0].contains("Scan default.t") }, "\(plan)")
        try run("SYSTEM WAIT BUILDING VECTOR INDICES; OPTIMIZE TABLE t FINAL")
        XCTAssertEqual(try run("SHOW TABLES"), [["t"]])
        XCTAssertEqual(
            try run("SELECT name, type, position FROM system.columns WHERE table = 't'"), [["id", "UInt64", "1"]])
    }
}
