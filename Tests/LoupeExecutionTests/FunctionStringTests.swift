// String functions and LIKE, with the answers ClickHouse gives (checked with chdb).

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class FunctionStringTests: XCTestCase {
    private func s(_ text: String) -> BoundExpr { lit(.string(text), .string) }
    private func i(_ v: Int64) -> BoundExpr { lit(.int(v), .int64) }
    private func text(_ e: BoundExpr) throws -> Value { try evaluateConstant(e) }

    func testSubstring() throws {
        let cases: [(Int64, Int64?, String)] = [
            (0, nil, ""), (-2, nil, "ef"), (2, 3, "bcd"), (-3, 2, "de"), (2, -1, "bcde"), (10, nil, ""),
            (-10, 3, ""), (-7, 3, "ab"), (3, 0, ""), (-2, -1, "e"), (1, -10, ""),
        ]
        for (offset, length, expected) in cases {
            let args = [s("abcdef"), i(offset)] + (length.map { [i($0)] } ?? [])
            XCTAssertEqual(
                try text(call("substring", args, .string)), .string(expected), "\(offset) \(String(describing: length))"
            )
        }
    }

    func testCaseTrimReverseConcat() throws {
        // ClickHouse's lower/upper change ASCII letters only.
        XCTAssertEqual(try text(call("lower", [s("ÄBC")], .string)), .string("Äbc"))
        XCTAssertEqual(try text(call("upper", [s("äb")], .string)), .string("äB"))
        // trim removes spaces only.
        XCTAssertEqual(try text(call("trimBoth", [s("\t a \t")], .string)), .string("\t a \t"))
        XCTAssertEqual(try text(call("trimBoth", [s("  a b  ")], .string)), .string("a b"))
        XCTAssertEqual(try text(call("trimLeft", [s("  a ")], .string)), .string("a "))
        XCTAssertEqual(try text(call("trimRight", [s("  a ")], .string)), .string("  a"))
        XCTAssertEqual(try text(call("reverse", [s("abc")], .string)), .string("cba"))
        XCTAssertEqual(try text(call("lowerUTF8", [s("ÀÉÎ straße")], .string)), .string("àéî straße"))
        XCTAssertEqual(try text(call("upperUTF8", [s("straße")], .string)), .string("STRASSE"))
        XCTAssertEqual(try text(call("lengthUTF8", [s("ÀÉÎ straße")], .uint64)), .uint(10))
        let names = column(.nullable(.string), [.string("x"), .null, .string("")])
        let batch = Batch(columns: [names])
        let greeting = call("concat", [s("<"), ref(0, .nullable(.string)), s(">")], .nullable(.string))
        XCTAssertEqual(try evaluate(greeting, batch), [.string("<x>"), .null, .string("<>")])
    }

    func testSearch() throws {
        XCTAssertEqual(try text(call("position", [s("abcb"), s("b")], .uint64)), .uint(2))
        XCTAssertEqual(try text(call("position", [s("abc"), s("")], .uint64)), .uint(1))
        XCTAssertEqual(try text(call("position", [s(""), s("a")], .uint64)), .uint(0))
        XCTAssertEqual(try text(call("position", [s("abc"), s("c")], .uint64)), .uint(3))
        XCTAssertEqual(try text(call("startsWith", [s("abc"), s("")], .uint8)), .int(1))
        XCTAssertEqual(try text(call("startsWith", [s("abc"), s("abcd")], .uint8)), .int(0))
        XCTAssertEqual(try text(call("endsWith", [s("abc"), s("bc")], .uint8)), .int(1))
        XCTAssertEqual(try text(call("replaceAll", [s("aaa"), s("a"), s("bb")], .string)), .string("bbbbbb"))
        XCTAssertEqual(try text(call("replaceAll", [s("abc"), s(""), s("x")], .string)), .string("abc"))
        XCTAssertEqual(try text(call("replaceAll", [s("a.b.c"), s("."), s("")], .string)), .string("abc"))
    }

    func testLengthAndEmptiness() throws {
        let strings = column(.string, [.string("héllo"), .string("")])
        let arrays = column(.array(.int32), [.array([.int(1), .int(2)]), .array([])])
        let batch = Batch(columns: [strings, arrays])
        XCTAssertEqual(try evaluate(call("length", [ref(0, .string)], .uint64), batch), [.uint(6), .uint(0)])
        XCTAssertEqual(try evaluate(call("length", [ref(1, .array(.int32))], .uint64), batch), [.uint(2), .uint(0)])
        XCTAssertEqual(try evaluate(call("empty", [ref(0, .string)], .uint8), batch), [.int(0), .int(1)])
        XCTAssertEqual(try evaluate(call("notEmpty", [ref(1, .array(.int32))], .uint8), batch), [.int(1), .int(0)])
    }

    /// ClickHouse answers for each (string, pattern, like, ilike).
    func testLikePatterns() throws {
        let cases: [(String, String, Int64, Int64)] = [
            ("abc", "a%", 1, 1), ("abc", "_b_", 1, 1), ("a%c", "a\\%c", 1, 1), ("abc", "a\\%c", 0, 0),
            ("ÄBC", "äbc", 0, 1), ("ÄBC", "_BC", 1, 1), ("a\nb", "a_b", 1, 1), ("abc", "%", 1, 1), ("", "%", 1, 1),
            ("abc", "ABC", 0, 1), ("abc", "A%C", 0, 1), ("a_c", "a\\_c", 1, 1), ("abc", "a\\bc", 0, 0),
            ("a\\bc", "a\\bc", 1, 1), ("xabcx", "%abc%", 1, 1), ("xabx", "%abc%", 0, 0), ("abcabc", "%bc", 1, 1),
            ("abcab", "a%b%c", 0, 0), ("abcabc", "a%b%c", 1, 1), ("acb", "a%b%c", 0, 0), ("aXbYc", "a_b_c", 1, 1),
            ("abcd", "a%_d", 1, 1),
            ("ad", "a%_d", 0, 0), ("", "", 1, 1), ("a", "", 0, 0), ("banana", "%an_", 1, 1),
        ]
        let values = column(.string, cases.map { .string($0.0) })
        let patterns = column(.string, cases.map { .string($0.1) })
        let batch = Batch(columns: [values, patterns])
        // Pattern per row (compiled per row) and constant patterns (compiled once) agree.
        let perRow = try evaluate(call("like", [ref(0, .string), ref(1, .string)], .uint8), batch)
        let perRowI = try evaluate(call("ilike", [ref(0, .string), ref(1, .string)], .uint8), batch)
        for (k, c) in cases.enumerated() {
            XCTAssertEqual(perRow[k], .int(c.2), "'\(c.0)' LIKE '\(c.1)'")
            XCTAssertEqual(perRowI[k], .int(c.3), "'\(c.0)' ILIKE '\(c.1)'")
            let one = Batch(columns: [column(.string, [.string(c.0)])])
            XCTAssertEqual(try evaluate(call("like", [ref(0, .string), s(c.1)], .uint8), one), [.int(c.2)])
            XCTAssertEqual(try evaluate(call("notILike", [ref(0, .string), s(c.1)], .uint8), one), [.int(1 - c.3)])
        }
        let e = loupeError { _ = try self.text(call("like", [s("ab"), s("a\\")], .uint8)) }
        XCTAssertNotNil(e)
    }
}
