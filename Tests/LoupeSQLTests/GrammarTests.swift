// The grammar files (grammar/*.ebnf) stay true: every `-- example:` parses, prints back, and
// reparses to the same tree.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class GrammarTests: XCTestCase {
    static let expectedFiles = [
        "alter_vector_index.ebnf", "create_table.ebnf", "expr.ebnf", "insert.ebnf", "lexical.ebnf", "loupe.ebnf", "misc.ebnf",
        "select.ebnf", "types.ebnf",
    ]

    func testEveryGrammarExampleRoundTrips() throws {
        let examples = Corpus.grammarExamples()
        XCTAssertEqual(examples.keys.sorted(), Self.expectedFiles)
        for (file, list) in examples {
            XCTAssertFalse(list.isEmpty, "\(file) has no examples")
            for example in list {
                do {
                    try assertRoundTrip(example.sql)
                } catch {
                    XCTFail("\(example.origin): \(error)")
                }
            }
        }
    }

    func testTypeExamplesResolve() throws {
        for example in Corpus.grammarExamples()["types.ebnf"] ?? [] {
            guard case .createTable(let table) = try Parser.parseStatement(example.sql) else { continue }
            for column in table.columns {
                XCTAssertNoThrow(try column.type.resolve(), "\(example.origin): \(column.type)")
            }
        }
    }
}
