// The sqllogictest runner itself: records parse, mismatches are reported, and a test that should
// fail does fail.

import LoupeTestSupport
import XCTest

final class SQLLogicRunnerTests: XCTestCase {
    func testParsesRecords() throws {
        let file = try SQLLogicTestFile(path: "x.test", text: """
            # comment
            statement ok
            CREATE TABLE t (a Int32) ORDER BY a

            statement error unknown
            SELECT nope FROM t

            query IT rowsort
            SELECT 1, 'a'
            ----
            1\ta

            """)
        XCTAssertEqual(file.records.count, 3)
        XCTAssertEqual(file.records[0].kind, .statementOK)
        XCTAssertEqual(file.records[1].kind, .statementError("unknown"))
        XCTAssertEqual(file.records[2].kind, .query(types: "IT", sort: .rowsort))
        XCTAssertEqual(file.records[2].expected, ["1\ta"])
        XCTAssertEqual(file.records[2].line, 8)
    }

    func testReportsMismatchesAndWrongErrors() throws {
        let file = try SQLLogicTestFile(path: "x.test", text: """
            query I
            SELECT 1
            ----
            2

            statement ok
            SELECT * FROM missing_table

            statement error
            SELECT 1

            query R
            SELECT 0.1 + 0.2
            ----
            0.3

            """)
        let failures = SQLLogicTestRunner().run(file)
        XCTAssertEqual(failures.map(\.line), [1, 6, 9])
    }

    func testRejectsUnknownHeaders() {
        XCTAssertThrowsError(try SQLLogicTestFile(path: "x.test", text: "querry I\nSELECT 1\n"))
    }
}
