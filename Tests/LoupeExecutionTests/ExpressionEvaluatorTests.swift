// The evaluator: column references, literals, parameters, NULL propagation, constant folding,
// selection, CASE / if / multiIf evaluated lazily, IN lists and subqueries.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class ExpressionEvaluatorTests: XCTestCase {
    let ints = column(.int32, [.int(1), .int(5), .int(-3), .int(10)])
    let nullableInts = column(.nullable(.int32), [.int(1), .null, .int(7), .null])

    func testColumnsLiteralsAndParameters() throws {
        let batch = Batch(columns: [ints])
        XCTAssertEqual(try evaluate(ref(0, .int32), batch), [.int(1), .int(5), .int(-3), .int(10)])
        XCTAssertEqual(try evaluate(lit(.string("x"), .string), batch), Array(repeating: .string("x"), count: 4))
        let context = testContext()
        context.parameters = [.int(42)]
        let param = BoundExpr(.parameter(0), type: .int64)
        XCTAssertEqual(try ExpressionEvaluator(context: context).evaluate(param, on: batch).values.first, .int(42))
        XCTAssertEqual(
            loupeError { _ = try ExpressionEvaluator(context: testContext()).evaluate(param, on: batch) }?.kind,
            .parameter)
    }

    func testNullPropagation() throws {
        let batch = Batch(columns: [ints, nullableInts])
        let sum = call("plus", [ref(0, .int32), ref(1, .nullable(.int32))], .nullable(.int64))
        XCTAssertEqual(try evaluate(sum, batch), [.int(2), .null, .int(4), .null])
        let withNull = call("plus", [ref(0, .int32), lit(.null, .nothing)], .nullable(.int64))
        XCTAssertEqual(try evaluate(withNull, batch), [.null, .null, .null, .null])
    }

    func testEmptyBatch() throws {
        let batch = Batch(columns: [Column.empty(.int32)], count: 0)
        XCTAssertEqual(try evaluate(call("plus", [ref(0, .int32), lit(.int(1), .uint8)], .int64), batch), [])
        XCTAssertEqual(
            try ExpressionEvaluator(context: testContext()).selectRows(
                call("greater", [ref(0, .int32), lit(.int(1), .uint8)], .uint8), on: batch), [])
    }

    func testUnknownFunction() {
        let e = loupeError { _ = try evaluateConstant(call("noSuchFunction", [], .uint8)) }
        XCTAssertEqual(e?.kind, .unknownName)
    }

    func testSelectRowsFastAndGeneralPathsAgree() throws {
        let floats = column(.float64, [.float(0.5), .float(2), .float(-1), .float(3)])
        let batch = Batch(columns: [ints, floats, nullableInts])
        let evaluator = ExpressionEvaluator(context: testContext())
        for op in ["equals", "notEquals", "less", "lessOrEquals", "greater", "greaterOrEquals"] {
            for (i, t) in [(0, DataType.int32), (1, .float64)] {
                for c: Value in [.int(1), .float(2.5), .int(5)] {
                    let fast = call(op, [ref(i, t), lit(c, .float64)], .uint8)
                    let flipped = call(op, [lit(c, .float64), ref(i, t)], .uint8)
                    // `and` with a true constant takes the general path.
                    let general = call("and", [fast, lit(.int(1), .uint8)], .uint8)
                    let a = try evaluator.selectRows(fast, on: batch)
                    XCTAssertEqual(a, try evaluator.selectRows(general, on: batch), "\(op) \(t) \(c)")
                    let b = try evaluator.selectRows(flipped, on: batch)
                    let generalFlipped = call("and", [flipped, lit(.int(1), .uint8)], .uint8)
                    XCTAssertEqual(b, try evaluator.selectRows(generalFlipped, on: batch), "flipped \(op) \(t) \(c)")
                }
            }
        }
        // NULL counts as false.
        let onNullable = call("greater", [ref(2, .nullable(.int32)), lit(.int(0), .uint8)], .nullable(.uint8))
        XCTAssertEqual(try evaluator.selectRows(onNullable, on: batch), [0, 2])
        XCTAssertEqual(try evaluator.selectRows(lit(.int(1), .uint8), on: batch), [0, 1, 2, 3])
        XCTAssertEqual(try evaluator.selectRows(lit(.null, .nothing), on: batch), [])
    }

    func testSelectRowsNarrowsThroughConjuncts() throws {
        let names = column(.string, [.string("apple"), .string("avocado"), .string("banana"), .string("apricot")])
        let batch = Batch(columns: [ints, nullableInts, names])
        let evaluator = ExpressionEvaluator(context: testContext())
        let startsA = call("like", [ref(2, .string), lit(.string("a%"), .string)], .uint8)
        let positive = call("greater", [ref(0, .int32), lit(.int(0), .uint8)], .uint8)
        let notNull = call("isNotNull", [ref(1, .nullable(.int32))], .uint8)
        let all = call("and", [positive, startsA, notNull], .uint8)
        XCTAssertEqual(try evaluator.selectRows(all, on: batch), [0])
        XCTAssertEqual(try evaluator.selectRows(call("and", [startsA, positive], .uint8), on: batch), [0, 1, 3])
        let nested = call("and", [call("and", [startsA, notNull], .uint8), lit(.int(1), .uint8)], .uint8)
        XCTAssertEqual(try evaluator.selectRows(nested, on: batch), [0])
        let never = call("and", [positive, lit(.int(0), .uint8), startsA], .uint8)
        XCTAssertEqual(try evaluator.selectRows(never, on: batch), [])
        // The same predicate evaluated as a value agrees.
        XCTAssertEqual(try evaluate(all, batch), [.int(1), .int(0), .int(0), .int(0)])
    }

    func testIfEvaluatesBranchesOnlyOnTheirRows() throws {
        let a = column(.int64, [.int(10), .int(7), .int(9)])
        let b = column(.int64, [.int(2), .int(0), .int(3)])
        let batch = Batch(columns: [a, b])
        let isZero = call("equals", [ref(1, .int64), lit(.int(0), .uint8)], .uint8)
        let quotient = call("intDiv", [ref(0, .int64), ref(1, .int64)], .int64)
        let guarded = call("if", [isZero, lit(.int(-1), .int64), quotient], .int64)
        XCTAssertEqual(try evaluate(guarded, batch), [.int(5), .int(-1), .int(3)])
        XCTAssertEqual(loupeError { _ = try evaluate(quotient, batch) }?.kind, .runtime)
    }

    func testTwoWayNumericChoiceBlends() throws {
        let batch = Batch(columns: [ints, nullableInts])
        let n = ref(1, .nullable(.int32))
        let positive = call("greater", [n, lit(.int(0), .uint8)], .nullable(.uint8))
        let doubled = call("multiply", [n, lit(.int(2), .uint8)], .nullable(.int64))
        let choice = call("if", [positive, doubled, lit(.int(-1), .int64)], .nullable(.int64))
        XCTAssertEqual(try evaluate(choice, batch), [.int(2), .int(-1), .int(14), .int(-1)])
        let x = ref(0, .int32)
        let big = call("greater", [x, lit(.int(2), .uint8)], .uint8)
        let half = BoundExpr(
            .caseWhen(
                branches: [CaseBranch(condition: big, result: BoundExpr(.cast(x), type: .float64))],
                otherwise: lit(.float(0.5), .float64)),
            type: .float64)
        XCTAssertEqual(try evaluate(half, batch), [.float(0.5), .float(5), .float(0.5), .float(10)])
        let nullElse = call("if", [big, lit(.int(1), .uint8), lit(.null, .nothing)], .nullable(.uint8))
        XCTAssertEqual(try evaluate(nullElse, batch), [.null, .int(1), .null, .int(1)])
    }

    func testCaseAndMultiIf() throws {
        let batch = Batch(columns: [ints, nullableInts])
        let x = ref(0, .int32)
        let big = call("greater", [x, lit(.int(4), .uint8)], .uint8)
        let negative = call("less", [x, lit(.int(0), .uint8)], .uint8)
        let expr = BoundExpr(
            .caseWhen(
                branches: [
                    CaseBranch(condition: big, result: lit(.string("big"), .string)),
                    CaseBranch(condition: negative, result: lit(.string("negative"), .string)),
                ], otherwise: nil), type: .nullable(.string))
        XCTAssertEqual(try evaluate(expr, batch), [.null, .string("big"), .string("negative"), .string("big")])
        // A NULL condition counts as false (ClickHouse: if(NULL, 1, 2) = 2).
        let nullCond = call("greater", [ref(1, .nullable(.int32)), lit(.int(0), .uint8)], .nullable(.uint8))
        let multi = call(
            "multiIf", [nullCond, lit(.int(1), .uint8), big, lit(.int(2), .uint8), lit(.int(3), .uint8)], .uint8)
        XCTAssertEqual(try evaluate(multi, batch), [.int(1), .int(2), .int(1), .int(2)])
    }

    func testInList() throws {
        let batch = Batch(columns: [
            ints, nullableInts, column(.string, [.string("a"), .string("b"), .string("c"), .string("")]),
        ])
        let inExpr = BoundExpr(
            .inList(
                ref(0, .int32), [lit(.int(5), .uint8), lit(.int(10), .uint8), lit(.null, .nothing)], negated: false),
            type: .uint8)
        XCTAssertEqual(try evaluate(inExpr, batch), [.int(0), .int(1), .int(0), .int(1)])
        let notIn = BoundExpr(
            .inList(ref(1, .nullable(.int32)), [lit(.int(7), .uint8)], negated: true), type: .nullable(.uint8))
        XCTAssertEqual(try evaluate(notIn, batch), [.int(1), .null, .int(0), .null])
        let strings = BoundExpr(
            .inList(ref(2, .string), [lit(.string("c"), .string), lit(.string("a"), .string)], negated: false),
            type: .uint8)
        XCTAssertEqual(try evaluate(strings, batch), [.int(1), .int(0), .int(1), .int(0)])
        // ClickHouse compares IN-list floats by bit pattern: nan IN (nan) is 1, -0.0 IN (0) is 0.
        let floats = Batch(columns: [column(.float64, [.float(.nan), .float(-0.0), .float(1)])])
        let floatIn = BoundExpr(
            .inList(
                ref(0, .float64), [lit(.float(.nan), .float64), lit(.float(0), .float64), lit(.int(1), .uint8)],
                negated: false),
            type: .uint8)
        XCTAssertEqual(try evaluate(floatIn, floats), [.int(1), .int(0), .int(1)])
        // A non-constant list compares row by row.
        let general = BoundExpr(
            .inList(ref(0, .int32), [ref(1, .nullable(.int32)), lit(.int(-3), .int8)], negated: false), type: .uint8)
        XCTAssertEqual(try evaluate(general, batch), [.int(1), .int(0), .int(1), .int(0)])
    }

    func testSubqueries() throws {
        let schema = Schema([])
        let plan = LogicalPlan.values(rows: [[.int(5)], [.int(-3)]], schema: schema)
        let empty = LogicalPlan.values(rows: [], schema: schema)
        let runner = FixedRunner([
            plan: [Batch(columns: [column(.int64, [.int(5), .int(-3)])])],
            empty: [],
        ])
        let context = EvaluationContext(statementTime: 0, subqueries: runner)
        let evaluator = ExpressionEvaluator(context: context)
        let batch = Batch(columns: [ints])
        let inSub = BoundExpr(.inSubquery(ref(0, .int32), plan, negated: false), type: .uint8)
        XCTAssertEqual(try evaluator.evaluate(inSub, on: batch).values, [.int(0), .int(1), .int(1), .int(0)])
        XCTAssertEqual(try evaluator.evaluate(inSub, on: batch).values, [.int(0), .int(1), .int(1), .int(0)])
        XCTAssertEqual(runner.runs, 1, "a subquery runs once per statement")
        let exists = BoundExpr(.exists(empty), type: .uint8)
        XCTAssertEqual(try evaluator.evaluate(exists, on: batch).values.first, .int(0))
        let scalarEmpty = BoundExpr(.scalarSubquery(empty), type: .nullable(.int64))
        XCTAssertEqual(try evaluator.evaluate(scalarEmpty, on: batch).values.first, .null)
        let scalarMany = BoundExpr(.scalarSubquery(plan), type: .int64)
        XCTAssertEqual(loupeError { _ = try evaluator.evaluate(scalarMany, on: batch) }?.kind, .runtime)
    }
}

/// Answers subqueries from a table of results, counting runs.
final class FixedRunner: SubqueryRunner {
    let results: [LogicalPlan: [Batch]]
    var runs = 0

    init(_ results: [LogicalPlan: [Batch]]) {
        self.results = results
    }

    func run(_ plan: LogicalPlan) throws -> [Batch] {
        runs += 1
        return results[plan] ?? []
    }
}
