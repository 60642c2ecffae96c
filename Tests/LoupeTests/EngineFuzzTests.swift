// Randomized robustness of the whole engine: thousands of seeded, generated statements (functions
// with extreme and ill-typed arguments, operators, casts, indexes, LIMIT/OFFSET extremes, INSERTs)
// run in-process against a table of extreme values. Each must return rows or throw a LoupeError;
// any other outcome, and above all a trap, is a bug. A failed INSERT must leave the table as it was.

import Loupe
import XCTest

final class EngineFuzzTests: XCTestCase {
    private func makeDatabase() throws -> Database {
        let db = Database.inMemory()
        for statement in StatementGenerator.fuzzSetup { try db.execute(statement) }
        return db
    }

    private func rowCount(_ db: Database) throws -> Int {
        try XCTUnwrap(db.query("SELECT count() FROM x").next()).get(0, as: Int.self)
    }

    /// Runs `sql` to the last row; true when it succeeded, false when it threw a LoupeError.
    private func run(_ sql: String, on db: Database) -> Bool {
        do {
            _ = try db.query(sql).drain()
            return true
        } catch is LoupeError {
            return false
        } catch {
            XCTFail("\(sql)\nthrew \(type(of: error)), not a LoupeError: \(error)")
            return false
        }
    }

    func testGeneratedStatementsReturnRowsOrLoupeErrors() throws {
        let db = try makeDatabase()
        var generator = StatementGenerator(seed: 20_260_127)
        var succeeded = 0
        let total = 3000
        for _ in 0..<total where run(generator.statement(), on: db) {
            succeeded += 1
        }
        // The generator must exercise both paths, or it has stopped testing anything.
        XCTAssertGreaterThan(succeeded, total / 20)
        XCTAssertLessThan(succeeded, total * 9 / 10)
    }

    func testFailedInsertsChangeNothing() throws {
        let db = try makeDatabase()
        var generator = StatementGenerator(seed: 7)
        var failed = 0
        for _ in 0..<600 {
            let (sql, rows) = generator.insert()
            let before = try rowCount(db)
            let ok = run(sql, on: db)
            if !ok { failed += 1 }
            XCTAssertEqual(try rowCount(db), ok ? before + rows : before, sql)
        }
        XCTAssertGreaterThan(failed, 0)
        XCTAssertLessThan(failed, 600)
    }

    /// Statements that fail after their first batch of rows (2048) has been computed.
    func testStatementsFailingInALaterBatchChangeNothing() throws {
        let db = Database.inMemory()
        try db.execute("CREATE TABLE q (a Int64, CONSTRAINT small CHECK a < 4000) ORDER BY a")
        try db.execute("INSERT INTO q SELECT number FROM numbers(3500)")
        let failing = [
            "INSERT INTO q SELECT intDiv(1, number - 3000) FROM numbers(5000)",
            "INSERT INTO q SELECT number FROM numbers(5000)",
            "ALTER TABLE q UPDATE a = intDiv(a, a - 3000) WHERE 1",
            "ALTER TABLE q UPDATE a = a + 1000 WHERE 1",
            "ALTER TABLE q DELETE WHERE intDiv(1, a - 3000) = 0",
            "ALTER TABLE q ADD COLUMN b Int64 DEFAULT intDiv(1, a - 3000)",
        ]
        let before = try db.query("SELECT count(), sum(a) FROM q").values()
        for sql in failing {
            XCTAssertThrowsError(try db.execute(sql), sql) { XCTAssertTrue($0 is LoupeError, sql) }
            XCTAssertEqual(try db.query("SELECT count(), sum(a) FROM q").values(), before, sql)
            XCTAssertEqual(db.columnNames(of: "q"), ["a"], sql)
        }
    }
}
