// Lexer tests: token kinds, positions (line/column across comments and non-ASCII text), string
// escapes, numbers, and located errors.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class LexerTests: XCTestCase {
    private func kinds(_ sql: String) throws -> [Token.Kind] {
        try Lexer.tokenize(sql).map(\.kind).dropLast()
    }

    func testWordsSymbolsAndKeywords() throws {
        let tokens = try Lexer.tokenize("select a.b, `x y` FROM t WHERE c <> 1 -- done")
        XCTAssertEqual(
            tokens.map(\.kind).dropLast(),
            [
                .word("select"), .word("a"), .symbol(.dot), .word("b"), .symbol(.comma), .quotedIdentifier("x y"),
                .word("FROM"), .word("t"), .word("WHERE"), .word("c"), .symbol(.lessGreater), .number("1"),
            ])
        XCTAssertEqual(tokens[0].keyword, .select)
        XCTAssertEqual(tokens[6].keyword, .from)
        XCTAssertNil(tokens[1].keyword)
        XCTAssertEqual(tokens.last?.kind, .end)
    }

    func testOperators() throws {
        XCTAssertEqual(
            try kinds("a::b -> c || d == e != f <= g >= h ? i : j % k"),
            [
                .word("a"), .symbol(.doubleColon), .word("b"), .symbol(.arrow), .word("c"), .symbol(.concat),
                .word("d"), .symbol(.doubleEqual), .word("e"), .symbol(.notEqual), .word("f"), .symbol(.lessOrEqual),
                .word("g"), .symbol(.greaterOrEqual), .word("h"), .symbol(.question), .word("i"), .symbol(.colon),
                .word("j"), .symbol(.percent), .word("k"),
            ])
    }

    func testNumbers() throws {
        XCTAssertEqual(
            try kinds("1 0x1F 0b101 1.5 .5 1e-3 2E+10 -2e-3"),
            [
                .number("1"), .number("0x1F"), .number("0b101"), .number("1.5"), .number(".5"), .number("1e-3"),
                .number("2E+10"), .symbol(.minus), .number("2e-3"),
            ])
        // After a name, `.1` is tuple access, not a number.
        XCTAssertEqual(try kinds("t.1.2"), [.word("t"), .symbol(.dot), .number("1"), .symbol(.dot), .number("2")])
    }

    func testStringEscapes() throws {
        XCTAssertEqual(
            try kinds(#"'it\'s' 'it''s' 'a\nb\tc\\d\0' '\x41\x4a' '\q'"#),
            [
                .string("it's"), .string("it's"), .string("a\nb\tc\\d\0"), .string("AJ"), .string("\\q"),
            ])
        XCTAssertEqual(try kinds(#""a""b" `c\`d`"#), [.quotedIdentifier("a\"b"), .quotedIdentifier("c`d")])
    }

    func testPositionsAfterCommentsAndUnicode() throws {
        let sql = "/* one\n two */ SELECT\n  '日本語', x -- c\n\tFROM"
        let tokens = try Lexer.tokenize(sql)
        XCTAssertEqual(tokens[0].range.start, SourceLocation(offset: 15, line: 2, column: 9))
        XCTAssertEqual(tokens[1].range.start.line, 3)
        XCTAssertEqual(tokens[1].range.start.column, 3)
        XCTAssertEqual(tokens[1].range.end.column, 8)
        // Columns count characters, offsets count bytes.
        XCTAssertEqual(tokens[2].range.start.column, 8)
        XCTAssertEqual(tokens[3].range.start.column, 10)
        XCTAssertEqual(tokens[4].range.start, SourceLocation(offset: sql.utf8.count - 4, line: 4, column: 2))
    }

    func testNonASCIIIdentifiers() throws {
        XCTAssertEqual(try kinds("写真 AS 画像"), [.word("写真"), .word("AS"), .word("画像")])
    }

    func testErrorsAreLocated() {
        let cases: [(String, String, Int, Int)] = [
            ("SELECT 'abc", "unterminated string literal", 1, 8),
            ("SELECT\n  /* x", "unterminated comment", 2, 3),
            ("SELECT a\n ! b", "unexpected character '!'", 2, 2),
            ("SELECT \0", "unexpected character (byte 0x0)", 1, 8),
            ("SELECT 12abc", "malformed number", 1, 8),
            ("SELECT \"\"", "empty quoted identifier", 1, 8),
        ]
        for (sql, message, line, column) in cases {
            XCTAssertThrowsError(try Lexer.tokenize(sql), sql) { error in
                guard let error = error as? LoupeError else { return XCTFail("not a LoupeError") }
                XCTAssertEqual(error.kind, .syntax)
                XCTAssertEqual(error.message, message, sql)
                XCTAssertEqual(error.range?.start.line, line, sql)
                XCTAssertEqual(error.range?.start.column, column, sql)
            }
        }
    }

    func testKeywordLookupIsCaseInsensitive() {
        XCTAssertEqual(Keyword(word: "SeLeCt"), .select)
        XCTAssertNil(Keyword(word: "photo_embed"))
        XCTAssertTrue(Keyword.allCases.contains(.vector))
    }
}
