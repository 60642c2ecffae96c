// The public library API: open, execute, bind parameters (a [Float] binds as Array(Float32)),
// prepared statements, typed row access and errors.

import Loupe
import XCTest

final class DatabaseTests: XCTestCase {
    func makePhotos() throws -> Database {
        let db = Database.inMemory()
        try db.execute("""
            CREATE TABLE photos (
                id UInt64, photo_id String, embed Array(Float32),
                CONSTRAINT vector_len CHECK length(embed) = 3
            ) ORDER BY id
            """)
        let insert = try db.prepare("INSERT INTO photos VALUES (?, ?, ?)")
        try insert.execute([1, "a", [1, 0, 0] as [Float]])
        try insert.execute([2, "b", [0, 1, 0] as [Float]])
        try insert.execute([3, "c", [0.9, 0.1, 0] as [Float]])
        return db
    }

    func testBoundVectorsAndTypedResults() throws {
        let db = try makePhotos()
        let query: [Float] = [1, 0, 0]
        let rows = try db.query(
            "SELECT id, photo_id, distance(embed, ?) AS d FROM photos ORDER BY d LIMIT 2", [query]
        ).rows()
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(try rows[0].get(0, as: Int.self), 1)
        XCTAssertEqual(try rows[0].get("photo_id", as: String.self), "a")
        XCTAssertEqual(try rows[0].get("d", as: Double.self), 0, accuracy: 1e-6)
        XCTAssertEqual(try rows[1].get("photo_id", as: String.self), "c")
        let embed = try db.query("SELECT embed FROM photos WHERE id = ?", [2]).next()
        XCTAssertEqual(try embed?.get(0, as: [Float].self), [0, 1, 0])
    }

    func testCheckViolationStoresNothing() throws {
        let db = try makePhotos()
        XCTAssertThrowsError(try db.execute("INSERT INTO photos VALUES (4, 'd', [1, 2, 3]), (5, 'e', [1, 2])")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("vector_len"), message)
            XCTAssertTrue(message.contains("row 2"), message)
        }
        XCTAssertEqual(try db.query("SELECT count(*) FROM photos").scalar()?.int64Value, 3)
    }

    func testErrorsCarryLineAndColumn() {
        let db = Database.inMemory()
        XCTAssertThrowsError(try db.execute("SELECT 1;\nSELECT x FROM nowhere")) { error in
            guard let error = error as? LoupeError else { return XCTFail("not a LoupeError: \(error)") }
            XCTAssertEqual(error.range?.start.line, 2)
        }
        XCTAssertThrowsError(try db.execute("SELECT (1")) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .syntax)
        }
    }

    func testTypedAccessorsRejectWrongKinds() throws {
        let row = try XCTUnwrap(try Database.inMemory().query("SELECT 'x' AS s, NULL AS n").next())
        XCTAssertThrowsError(try row.get("s", as: Int.self))
        XCTAssertEqual(try row.get("n", as: Int?.self), nil)
        XCTAssertThrowsError(try row.get("missing", as: Int.self))
    }

    func testParametersNeedASingleStatement() {
        XCTAssertThrowsError(try Database.inMemory().execute("SELECT ?; SELECT ?", [1]))
    }
}
