// The sqllogictest corpus (Tests/sql) through the parser: every statement expected to run
// parses and round-trips through the printer; statements expected to fail either parse or fail
// with a located syntax error.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class CorpusTests: XCTestCase {
    func testLogicTestStatementsParseAndRoundTrip() throws {
        let (ok, failing) = Corpus.logicTestStatements()
        for example in ok {
            do {
                try assertRoundTrip(example.sql)
            } catch {
                XCTFail("\(example.origin): \(error)")
            }
        }
        for example in failing {
            do {
                _ = try Parser.parseStatement(example.sql)
            } catch {
                XCTAssertEqual(error.kind, .syntax, example.origin)
                XCTAssertNotNil(error.range, example.origin)
            }
        }
    }
}
