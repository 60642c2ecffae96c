// Expression parsing: precedence and associativity (checked by printing with full
// parentheses), literals, calls, parameters and the other expression forms.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class ExpressionTests: XCTestCase {
    /// The expression with every operator node parenthesised, to show the tree's shape.
    private func shape(_ sql: String) throws -> String {
        func walk(_ e: Expr) -> String {
            switch e.kind {
            case .binary(let op, let l, let r): return "(\(walk(l)) \(op.rawValue) \(walk(r)))"
            case .unary(let op, let x): return "(\(op == .not ? "NOT " : "-")\(walk(x)))"
            case .isNull(let x, let negated): return "(\(walk(x)) IS \(negated ? "NOT " : "")NULL)"
            case .between(let x, let l, let h, let n):
                return "(\(walk(x)) \(n ? "NOT " : "")BETWEEN \(walk(l)) AND \(walk(h)))"
            case .ternary(let c, let t, let f): return "(\(walk(c)) ? \(walk(t)) : \(walk(f)))"
            case .in(let x, let target, let n):
                guard case .list(let items) = target else { return "(\(walk(x)) IN ...)" }
                return "(\(walk(x)) \(n ? "NOT " : "")IN [\(items.map(walk).joined(separator: ", "))])"
            case .lambda(let p, let b): return "(\(p.map(\.name).joined(separator: ",")) -> \(walk(b)))"
            case .subscript(let b, let i): return "(\(walk(b))[\(walk(i))])"
            case .cast(let x, let t, _): return "(\(walk(x))::\(t))"
            default: return e.description
            }
        }
        return walk(try Parser.parseExpression(sql))
    }

    func testArithmeticPrecedence() throws {
        XCTAssertEqual(try shape("1 + 2 * 3"), "(1 + (2 * 3))")
        XCTAssertEqual(try shape("(1 + 2) * 3"), "((1 + 2) * 3)")
        XCTAssertEqual(try shape("1 - 2 - 3"), "((1 - 2) - 3)")
        XCTAssertEqual(try shape("8 / 4 / 2"), "((8 / 4) / 2)")
        XCTAssertEqual(try shape("a || b || c"), "((a || b) || c)")
        XCTAssertEqual(try shape("a + b || c"), "((a + b) || c)")
        XCTAssertEqual(try shape("a % b DIV c MOD d"), "(((a % b) DIV c) % d)")
    }

    func testLogicalPrecedence() throws {
        XCTAssertEqual(try shape("a OR b AND c"), "(a OR (b AND c))")
        XCTAssertEqual(try shape("NOT a = b"), "(NOT (a = b))")
        XCTAssertEqual(try shape("NOT a AND b"), "((NOT a) AND b)")
        XCTAssertEqual(try shape("a = 1 OR NOT b IS NULL"), "((a = 1) OR (NOT (b IS NULL)))")
        XCTAssertEqual(try shape("a = b IS NULL"), "((a = b) IS NULL)")
        XCTAssertEqual(try shape("x BETWEEN 1 + 1 AND 5 AND y"), "((x BETWEEN (1 + 1) AND 5) AND y)")
        XCTAssertEqual(try shape("x NOT BETWEEN 1 AND 2"), "(x NOT BETWEEN 1 AND 2)")
        XCTAssertEqual(try shape("a IN (1, 2) AND b NOT IN (3)"), "((a IN [1, 2]) AND (b NOT IN [3]))")
        XCTAssertEqual(try shape("a LIKE 'x%' OR a NOT ILIKE 'y'"), "((a LIKE 'x%') OR (a NOT ILIKE 'y'))")
        XCTAssertEqual(try shape("c ? a : b ? d : e"), "(c ? a : (b ? d : e))")
        XCTAssertEqual(try shape("a = 1 OR b ? x + 1 : y"), "(((a = 1) OR b) ? (x + 1) : y)")
    }

    func testUnaryMinusAndLiterals() throws {
        XCTAssertEqual(try Parser.parseExpression("-5").kind, .literal(.int(-5)))
        XCTAssertEqual(try Parser.parseExpression("-2e-3").kind, .literal(.float(-0.002)))
        XCTAssertEqual(try Parser.parseExpression("- 5").kind, .literal(.int(-5)))
        XCTAssertEqual(try Parser.parseExpression("-9223372036854775808").kind, .literal(.int(.min)))
        XCTAssertEqual(try Parser.parseExpression("18446744073709551615").kind, .literal(.uint(.max)))
        XCTAssertEqual(try Parser.parseExpression("0x1F").kind, .literal(.int(31)))
        XCTAssertEqual(try Parser.parseExpression("0b101").kind, .literal(.int(5)))
        XCTAssertEqual(try Parser.parseExpression(".5").kind, .literal(.float(0.5)))
        XCTAssertEqual(try Parser.parseExpression("1e-3").kind, .literal(.float(0.001)))
        XCTAssertEqual(try Parser.parseExpression("inf").kind, .literal(.float(.infinity)))
        XCTAssertEqual(try Parser.parseExpression("-inf").kind, .literal(.float(-.infinity)))
        XCTAssertEqual(try Parser.parseExpression("nan").kind, .literal(.float(.nan)))
        XCTAssertEqual(try Parser.parseExpression("NULL").kind, .literal(.null))
        XCTAssertEqual(try Parser.parseExpression("TRUE").kind, .literal(.bool(true)))
        XCTAssertEqual(try shape("-x * 2"), "((-x) * 2)")
        XCTAssertEqual(try shape("-a[1]"), "(-(a[1]))")
        XCTAssertEqual(try shape("1 - -2"), "(1 - -2)")
        XCTAssertEqual(try shape("a-1"), "(a - 1)")
        XCTAssertEqual(try shape("- - x"), "(-(-x))")
    }

    func testArrayLiteralsWithNegativeNumbers() throws {
        let e = try Parser.parseExpression("[0.1, -2e-3, 3, [-1, 2], NULL, (1, 'a')]")
        guard case .array(let items) = e.kind else { return XCTFail("array expected") }
        XCTAssertEqual(items[1].kind, .literal(.float(-0.002)))
        XCTAssertEqual(items[3].kind, .array([Expr(.literal(.int(-1))), Expr(.literal(.int(2)))]))
        XCTAssertEqual(items[5].kind, .tuple([Expr(.literal(.int(1))), Expr(.literal(.string("a")))]))
        XCTAssertEqual(e.description, "[0.1, -0.002, 3, [-1, 2], NULL, (1, 'a')]")
    }

    func testCallsAndSpecialForms() throws {
        XCTAssertEqual(try printed("count(*)"), "count(*)")
        XCTAssertEqual(try printed("count(DISTINCT x)"), "count(DISTINCT x)")
        XCTAssertEqual(try printed("distance('ef_s=128')(col, q)"), "distance('ef_s=128')(col, q)")
        XCTAssertEqual(try printed("quantile(0.9)(x)"), "quantile(0.9)(x)")
        XCTAssertEqual(try printed("arrayMap(x -> x * 2, arr)"), "arrayMap(x -> x * 2, arr)")
        XCTAssertEqual(try printed("arrayMap((x, y) -> x + y, a, b)"), "arrayMap((x, y) -> x + y, a, b)")
        XCTAssertEqual(try printed("CAST(x AS Nullable(String))"), "CAST(x AS Nullable(String))")
        XCTAssertEqual(try printed("CAST(x, 'String')"), "CAST(x, 'String')")
        XCTAssertEqual(try printed("x::Array(Float32)"), "x::Array(Float32)")
        XCTAssertEqual(
            try printed("case when a then 1 when b then 2 else 3 end"), "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END")
        XCTAssertEqual(try printed("CASE x WHEN 1 THEN 'a' END"), "CASE x WHEN 1 THEN 'a' END")
        XCTAssertEqual(try printed("t.1.2"), "t.1.2")
        XCTAssertEqual(try printed("a[1][2]"), "a[1][2]")
        XCTAssertEqual(try printed("INTERVAL 1 DAY"), "INTERVAL 1 DAY")
        XCTAssertEqual(try printed("EXISTS (SELECT 1)"), "EXISTS (SELECT 1)")
        XCTAssertEqual(try printed("x IN (SELECT id FROM t)"), "x IN (SELECT id FROM t)")
        XCTAssertEqual(try printed("x GLOBAL NOT IN t"), "x NOT IN t")
        XCTAssertEqual(try printed("(SELECT max(x) FROM t) + 1"), "(SELECT max(x) FROM t) + 1")
        XCTAssertEqual(try printed("if(a, left(s, 2), right(s, 3))"), "if(a, left(s, 2), right(s, 3))")
        XCTAssertEqual(try printed("tuple()"), "tuple()")
        XCTAssertEqual(try printed("()"), "()")
        XCTAssertEqual(try printed("f((x + 1 AS y), y)"), "f((x + 1 AS y), y)")
    }

    func testIdentifiers() throws {
        XCTAssertEqual(
            try Parser.parseExpression("db.t.col").kind,
            .identifier([Identifier("db"), Identifier("t"), Identifier("col")]))
        XCTAssertEqual(try Parser.parseExpression("`my col`").kind, .identifier([Identifier("my col")]))
        XCTAssertEqual(try Parser.parseExpression("\"Mixed\"").kind, .identifier([Identifier("Mixed")]))
        XCTAssertEqual(try Parser.parseExpression("t.*").kind, .star(qualifier: [Identifier("t")]))
        XCTAssertEqual(try printed("`select` + \"from\" + `a``b`"), "`select` + `from` + `a\\`b`")
        XCTAssertEqual(try printed("default.t.end"), "default.t.`end`")
        XCTAssertEqual(try printed("`inf` + `interval`"), "`inf` + `interval`")
        // Identifiers keep their case; keywords do not care.
        XCTAssertEqual(try printed("PhotoId AND Other"), "PhotoId AND Other")
    }

    func testParameters() throws {
        guard case .select(let q) = try Parser.parseStatement("SELECT ?, {id:UInt32}, ? FROM t WHERE x = ?"),
            case .select(let s) = q.body
        else { return XCTFail() }
        XCTAssertEqual(s.items[0].expr.kind, .parameter(.positional(1)))
        XCTAssertEqual(s.items[1].expr.kind, .parameter(.named(Identifier("id"), TypeName("UInt32"))))
        XCTAssertEqual(s.items[2].expr.kind, .parameter(.positional(2)))
        XCTAssertEqual(s.where?.description, "x = ?")
        // Numbering restarts with each statement of a script.
        let script = try Parser.parseScript("SELECT ?; SELECT ?")
        guard case .select(let q2) = script[1], case .select(let s2) = q2.body else { return XCTFail() }
        XCTAssertEqual(s2.items[0].expr.kind, .parameter(.positional(1)))
        // A statement inside EXPLAIN continues the numbering.
        guard case .explain(let e) = try Parser.parseStatement("EXPLAIN header = ? SELECT ?"),
            case .select(let q3) = e.statement, case .select(let s3) = q3.body
        else { return XCTFail() }
        XCTAssertEqual(e.settings.first?.value.kind, .parameter(.positional(1)))
        XCTAssertEqual(s3.items[0].expr.kind, .parameter(.positional(2)))
    }

    func testStringEscapesPrintBack() throws {
        let e = try Parser.parseExpression(#"'it''s \n \t \\ \0 \x41'"#)
        XCTAssertEqual(e.kind, .literal(.string("it's \n \t \\ \0 A")))
        XCTAssertEqual(try Parser.parseExpression(e.description), e)
    }

    func testRangesCoverTheExpression() throws {
        let e = try Parser.parseExpression("  a + f(b, 2)  ")
        XCTAssertEqual(e.range.start.column, 3)
        XCTAssertEqual(e.range.end.column, 14)
        guard case .binary(_, _, let rhs) = e.kind else { return XCTFail() }
        XCTAssertEqual(rhs.range.start.column, 7)
    }
}
