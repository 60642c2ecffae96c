// Syntax errors: wording, line:column locations, and the nesting limit.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class ErrorTests: XCTestCase {
    func testMessagesNameWhatWasExpectedAndFound() {
        assertSyntaxError(
            "CREATE TABLE t (a Int32, b String FROM", "expected ')' after column list, found 'FROM'", line: 1,
            column: 35)
        assertSyntaxError("SELECT a FROM", "expected a table name, found end of input", line: 1, column: 14)
        assertSyntaxError("SELECT FROM t", "expected an expression, found 'FROM'", line: 1, column: 8)
        assertSyntaxError("SELECT (1 + 2", "expected ')' after expression, found end of input", line: 1, column: 14)
        assertSyntaxError(
            "SELECT 1;\nSELECT a b c", "expected ';' or end of input after statement, found 'c'", line: 2, column: 12)
        assertSyntaxError(
            "SELEC 1", "expected a statement (SELECT, INSERT, CREATE, ALTER, DROP, SHOW, ...), found 'SELEC'", line: 1,
            column: 1)
        assertSyntaxError(
            "ALTER TABLE t ADD VECTOR INDEX i v MSTG", "expected 'TYPE' before vector index type, found 'MSTG'",
            line: 1,
            column: 36)
        assertSyntaxError(
            "SELECT * FROM a JOIN b WHERE x", "expected ON or USING after joined table, found 'WHERE'", line: 1,
            column: 24)
        assertSyntaxError("SELECT CASE END", "expected WHEN in CASE, found 'END'", line: 1, column: 13)
        assertSyntaxError(
            "INSERT INTO t (a, b VALUES (1)", "expected ')' after column list, found 'VALUES'", line: 1, column: 21)
        assertSyntaxError(
            "INSERT INTO t", "expected VALUES, SELECT, FORMAT or FROM INFILE after table name, found end of input",
            line: 1, column: 14)
        assertSyntaxError(
            "SELECT a NOT b", "expected LIKE, ILIKE, IN or BETWEEN after NOT, found 'b'", line: 1, column: 14)
        assertSyntaxError(
            "SELECT x BETWEEN 1 OR 2", "expected 'AND' after the lower bound of BETWEEN, found 'OR'", line: 1,
            column: 20)
        assertSyntaxError(
            "DROP t", "expected DATABASE, TABLE or VECTOR INDEX after DROP, found 't'", line: 1, column: 6)
        assertSyntaxError(
            "SELECT\n  'unterminated", "unterminated string literal", line: 2, column: 3)
        assertSyntaxError(
            "SELECT 1 x -> 2", "expected ';' or end of input after statement, found '->'", line: 1, column: 12)
        assertSyntaxError("SELECT f(1) -> 2", "expected lambda parameter names before '->'", line: 1, column: 8)
        assertSyntaxError(
            "SELECT t.0", "expected a tuple element number (1, 2, ...) after '.', found '0'", line: 1, column: 10)
        assertSyntaxError("SELECT 0xZZ", "malformed number", line: 1, column: 8)
        assertSyntaxError(
            "SELECT 0xFFFFFFFFFFFFFFFFFF", "integer literal '0xFFFFFFFFFFFFFFFFFF' is too large", line: 1, column: 8)
    }

    func testParseStatementRejectsExtraInput() {
        XCTAssertThrowsError(try Parser.parseStatement("SELECT 1; SELECT 2"))
        XCTAssertThrowsError(try Parser.parseStatement("  ;  "))
        XCTAssertNoThrow(try Parser.parseStatement("SELECT 1;"))
        XCTAssertThrowsError(try Parser.parseExpression("1 2"))
    }

    func testDepthLimitGivesAClearError() throws {
        let limit = Parser.defaultMaxDepth
        func expectTooDeep(_ sql: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try Parser.parseScript(sql), file: file, line: line) { error in
                XCTAssertEqual(
                    (error as? LoupeError)?.message, "query is nested too deeply (more than \(limit) levels)",
                    file: file, line: line)
            }
        }
        expectTooDeep("SELECT " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000))
        expectTooDeep("SELECT " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000))
        expectTooDeep("SELECT " + String(repeating: "-x - ", count: 5_000) + "1")
        expectTooDeep("SELECT " + String(repeating: "NOT ", count: 5_000) + "1")
        expectTooDeep("SELECT " + String(repeating: "f(", count: 5_000) + String(repeating: ")", count: 5_000))
        expectTooDeep("SELECT " + String(repeating: "1 + ", count: 100_000) + "1")
        expectTooDeep("SELECT a" + String(repeating: "[1]", count: 5_000))
        expectTooDeep("SELECT " + String(repeating: "(SELECT ", count: 5_000))
        expectTooDeep(String(repeating: "SELECT 1 UNION ALL ", count: 5_000) + "SELECT 1")
        expectTooDeep("SELECT 1 FROM " + String(repeating: "a, ", count: 5_000) + "b")
        expectTooDeep(String(repeating: "EXPLAIN ", count: 5_000) + "SELECT 1")
        expectTooDeep("CREATE TABLE t (a " + String(repeating: "Array(", count: 5_000) + "Int8")

        // Just under the limit parses, prints and reparses.
        let nested = String(repeating: "(", count: limit / 4) + "1" + String(repeating: ")", count: limit / 4)
        try assertRoundTrip("SELECT \(nested)")
        try assertRoundTrip("SELECT " + Array(repeating: "x", count: limit / 2).joined(separator: " + "))
        let wide = "SELECT [" + Array(repeating: "1", count: 50_000).joined(separator: ", ") + "]"
        XCTAssertEqual(try Parser.parseScript(wide).count, 1)
    }

    func testNoCrashOnOddBytes() {
        for sql in [
            "\0", "SELECT '\0'", "SELECT `\0`", "\u{FFFD}", "SELECT \u{1F600}", "SELECT 'a\\", "/*", "'", "\"",
            "`", "SELECT {", "SELECT {a:", "SELECT ?", "x", ")", "SELECT 1 -", "SELECT -", "SELECT [", "EXPLAIN",
        ] {
            do {
                _ = try Parser.parseScript(sql)
            } catch {
                XCTAssertEqual(error.kind, .syntax)
                XCTAssertNotNil(error.range)
            }
        }
    }
}
