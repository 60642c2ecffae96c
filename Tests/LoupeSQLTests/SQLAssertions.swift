// Shared assertions for LoupeSQL tests: parse-print-reparse round trips and error expectations.

import LoupeCore
import LoupeSQL
import XCTest

/// Parses `sql` as one statement, prints it, reparses the print and checks both trees are equal.
/// Returns the first parse.
@discardableResult
func assertRoundTrip(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> Statement {
    let statement: Statement
    do {
        statement = try Parser.parseStatement(sql)
    } catch {
        XCTFail("parse failed: \(error)\n\(sql)", file: file, line: line)
        throw error
    }
    let printed = SQLPrinter.sql(statement)
    do {
        let reparsed = try Parser.parseStatement(printed)
        XCTAssertEqual(
            reparsed, statement, "round trip changed the tree:\n\(sql)\n->\n\(printed)", file: file, line: line)
        XCTAssertEqual(SQLPrinter.sql(reparsed), printed, "printing is not stable", file: file, line: line)
    } catch {
        XCTFail("reparse failed: \(error)\n\(sql)\n->\n\(printed)", file: file, line: line)
    }
    return statement
}

/// Parses an expression and prints it back.
func printed(_ expression: String) throws -> String {
    SQLPrinter.sql(try Parser.parseExpression(expression))
}

/// Asserts that `sql` fails to parse with `message` at `line`:`column`.
func assertSyntaxError(
    _ sql: String, _ message: String, line: Int, column: Int, file: StaticString = #filePath, lineNumber: UInt = #line
) {
    do {
        _ = try Parser.parseScript(sql)
        XCTFail("expected a syntax error for \(sql)", file: file, line: lineNumber)
    } catch {
        XCTAssertEqual(error.kind, .syntax, file: file, line: lineNumber)
        XCTAssertEqual(error.message, message, sql, file: file, line: lineNumber)
        XCTAssertEqual(error.range?.start.line, line, "line of \(error)", file: file, line: lineNumber)
        XCTAssertEqual(error.range?.start.column, column, "column of \(error)", file: file, line: lineNumber)
    }
}
