// Property test: randomly generated expression trees (seeded, reproducible) print to SQL that
// parses back to the same tree, alone and inside a SELECT.

import LoupeTestSupport
import LoupeCore
import XCTest

@testable import LoupeSQL

final class RandomExpressionTests: XCTestCase {
    /// Builds random expressions of bounded depth from every node kind the parser can produce.
    struct Generator {
        var rng: SeededGenerator

        static let names = [
            "a", "b1", "photo_embed", "count", "dist", "default", "Key", "type", "x$y", "_", "日本",
            "end", "select", "from", "inf", "nan", "interval", "with space", "back`tick", "back\\slash", "1st",
        ]
        static let functions = [
            "f", "count", "distance", "length", "if", "left", "right", "cast", "CAST", "exists", "not", "interval",
            "inf", "null", "case", "weird name", "arrayMap",
        ]
        static let types = [
            "UInt64", "String", "Float32", "Nullable(Int8)", "Array(Array(Float32))", "FixedString(3)",
            "DateTime('UTC')",
        ]

        mutating func name() -> Identifier { Identifier(rng.pick(Self.names)) }

        mutating func type() -> TypeName {
            // Parse the spelling so arguments have the shape the parser gives them.
            guard case .cast(_, let t, _) = try! Parser.parseExpression("x::" + rng.pick(Self.types)).kind else {
                preconditionFailure()
            }
            return t
        }

        mutating func literal() -> Literal {
            switch Int.random(in: 0..<9, using: &rng) {
            case 0: return .null
            case 1: return .bool(rng.chance(0.5))
            case 2: return .int(Int64.random(in: -1000...1000, using: &rng))
            case 3: return .int(Int64.random(in: .min ... .max, using: &rng))
            case 4: return .uint(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &rng))
            case 5: return .float(Double(bitPattern: rng.next()))
            case 6: return .float(rng.pick([0.5, -0.0, 1e-300, -2e-3, .infinity, -.infinity, .nan, -.nan, 1e300]))
            case 7: return .float(Double(Int.random(in: -100...100, using: &rng)) / 8)
            default:
                let scalars = (0..<Int.random(in: 0..<8, using: &rng)).map { _ in
                    rng.pick(["a", "'", "\\", "\n", "\t", "\r", "\0", "\"", "`", "é", "日", "\u{1}", "%", " "])
                }
                return .string(scalars.joined())
            }
        }

        mutating func list(_ depth: Int, min: Int = 0, max: Int = 3) -> [Expr] {
            (0..<Int.random(in: min...max, using: &rng)).map { _ in expr(depth - 1) }
        }

        mutating func query(_ depth: Int) -> Query {
            var select = Select(items: [SelectItem(expr: expr(depth - 1), alias: rng.chance(0.3) ? name() : nil)])
            if rng.chance(0.5) {
                select.from = TableSource(.table(TableName(name: name()), alias: nil, final: false))
            }
            if rng.chance(0.3) { select.where = expr(depth - 1) }
            return Query(body: .select(select))
        }

        mutating func expr(_ depth: Int) -> Expr {
            if depth <= 0 || rng.chance(0.15) {
                return rng.chance(0.5)
                    ? Expr(.literal(literal()))
                    : Expr(.identifier((0..<Int.random(in: 1...3, using: &rng)).map { _ in name() }))
            }
            let d = depth - 1
            switch Int.random(in: 0..<24, using: &rng) {
            case 0: return Expr(.unary(rng.pick([.not, .negate]), expr(d)))
            case 1, 2, 3: return Expr(.binary(rng.pick(BinaryOperator.allCases), expr(d), expr(d)))
            case 4: return Expr(.between(expr(d), low: expr(d), high: expr(d), negated: rng.chance(0.5)))
            case 5:
                let target: InTarget
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: target = .list(list(depth, min: 1))
                case 1: target = .subquery(query(d))
                default: target = .expr(Expr(.identifier([name()])))
                }
                return Expr(.in(expr(d), target, negated: rng.chance(0.5)))
            case 6: return Expr(.isNull(expr(d), negated: rng.chance(0.5)))
            case 7: return Expr(.ternary(expr(d), then: expr(d), else: expr(d)))
            case 8:
                let branches = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
                    CaseBranch(condition: expr(d), result: expr(d))
                }
                return Expr(
                    .case(
                        operand: rng.chance(0.5) ? expr(d) : nil, branches: branches,
                        else: rng.chance(0.5) ? expr(d) : nil))
            case 9: return Expr(.cast(expr(d), type(), syntax: rng.chance(0.5) ? .function : .doubleColon))
            case 10, 11:
                var arguments = list(depth)
                if rng.chance(0.2) { arguments.append(Expr(.star(qualifier: rng.chance(0.5) ? [name()] : []))) }
                let call = FunctionCall(
                    name: Identifier(rng.pick(Self.functions)), parameters: rng.chance(0.2) ? list(depth) : nil,
                    arguments: arguments, distinct: rng.chance(0.2))
                return Expr(.function(call))
            case 12:
                let parameters = (0..<Int.random(in: 1...2, using: &rng)).map { _ in name() }
                return Expr(.lambda(parameters: parameters, body: expr(d)))
            case 13: return Expr(.subscript(expr(d), index: expr(d)))
            case 14: return Expr(.tupleElement(expr(d), index: Int.random(in: 1...3, using: &rng)))
            case 15: return Expr(.array(list(depth)))
            case 16: return Expr(.tuple(rng.chance(0.2) ? [] : list(depth, min: 2)))
            case 17: return Expr(.subquery(query(d)))
            case 18: return Expr(.exists(query(d)))
            case 19: return Expr(.interval(expr(d), rng.pick(IntervalUnit.allCases)))
            case 20: return Expr(.alias(expr(d), name()))
            case 21: return Expr(.parameter(.named(name(), type())))
            default: return Expr(.literal(literal()))
            }
        }
    }

    func testRandomExpressionsRoundTrip() throws {
        var generator = Generator(rng: SeededGenerator(seed: 0x10_0BE))
        for i in 0..<3000 {
            let expr = generator.expr(5)
            let sql = SQLPrinter.sql(expr)
            do {
                let reparsed = try Parser.parseExpression(sql)
                if reparsed != expr {
                    XCTFail("case \(i): tree changed\n\(sql)\n->\n\(SQLPrinter.sql(reparsed))\n\(expr)\n\(reparsed)")
                    return
                }
                let select = "SELECT \(sql) AS v"
                guard case .select(let q) = try Parser.parseStatement(select), case .select(let s) = q.body,
                    s.items.first?.expr == expr
                else { return XCTFail("case \(i): SELECT changed the tree\n\(select)") }
            } catch {
                XCTFail("case \(i): \(error)\n\(sql)\n\(expr)")
                return
            }
        }
    }
}
