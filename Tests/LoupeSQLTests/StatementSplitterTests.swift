// StatementSplitter: completeness for REPL input and splitting scripts with start locations that
// map per-statement ranges back into the whole text.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class StatementSplitterTests: XCTestCase {
    func testIsComplete() {
        XCTAssertTrue(StatementSplitter.isComplete("SELECT 1;"))
        XCTAssertTrue(StatementSplitter.isComplete("SELECT 1;  \n"))
        XCTAssertTrue(StatementSplitter.isComplete("SELECT 1; -- done"))
        XCTAssertTrue(StatementSplitter.isComplete("SELECT 1; /* done */"))
        XCTAssertTrue(StatementSplitter.isComplete("SELECT ';'; SELECT 2;"))
        XCTAssertFalse(StatementSplitter.isComplete(""))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 1"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 1; SELECT 2"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 'a;"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 'it\\';"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT `x;"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT \"x;"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 1 -- ;"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 1 /* ; */"))
        XCTAssertFalse(StatementSplitter.isComplete("SELECT 1; /* open"))
        XCTAssertTrue(StatementSplitter.isComplete("SELECT 'it''s';"))
    }

    func testSplitKeepsStartLocations() throws {
        let script =
            "-- setup\nCREATE TABLE t (a String) ORDER BY a;\n\n  INSERT INTO t VALUES ('x;y');;\n/* c */ SELECT\n  bad syntax here"
        let pieces = StatementSplitter.split(script)
        XCTAssertEqual(
            pieces.map(\.text),
            [
                "CREATE TABLE t (a String) ORDER BY a", "INSERT INTO t VALUES ('x;y')", "SELECT\n  bad syntax here",
            ])
        XCTAssertEqual(pieces.map(\.terminated), [true, true, false])
        // The comments before a statement (what `loupe --echo` prints with it).
        XCTAssertEqual(pieces.map(\.preamble), ["-- setup", "", "/* c */"])
        XCTAssertEqual(pieces[0].start, SourceLocation(offset: 9, line: 2, column: 1))
        XCTAssertEqual(pieces[1].start, SourceLocation(offset: 50, line: 4, column: 3))
        XCTAssertEqual(pieces[2].start.line, 5)
        XCTAssertEqual(pieces[2].start.column, 9)
        // An error in a piece, shifted, points into the whole script.
        XCTAssertThrowsError(try Parser.parseStatement(pieces[2].text)) { error in
            guard let range = (error as? LoupeError)?.range?.shifted(by: pieces[2].start) else { return XCTFail() }
            XCTAssertEqual(range.start.line, 6)
            XCTAssertEqual(range.start.column, 14)
            let bytes = Array(script.utf8)
            XCTAssertEqual(String(decoding: bytes[range.start.offset..<range.end.offset], as: UTF8.self), "here")
        }
    }

    func testSplitAgreesWithTheParser() throws {
        let script = WalkthroughTests.statements.joined(separator: ";\n") + ";\n-- end\n"
        let pieces = StatementSplitter.split(script)
        let statements = try Parser.parseScript(script)
        XCTAssertEqual(pieces.count, statements.count)
        for (piece, statement) in zip(pieces, statements) {
            XCTAssertEqual(try Parser.parseStatement(piece.text), statement)
            XCTAssertEqual(piece.start, statement.range.start)
        }
        XCTAssertEqual(StatementSplitter.split("  ;; -- nothing\n"), [])
    }
}
