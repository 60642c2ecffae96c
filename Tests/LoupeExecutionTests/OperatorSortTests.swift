// Sort and top-k: ties keep input order, NULLs and NaNs go last (first with NULLS FIRST) in
// both directions, DESC, strings, several keys, and top-k equal to sort + limit on random data.

import LoupeTestSupport
import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class OperatorSortTests: XCTestCase {
    private func sort(_ input: Operator, _ keys: [SortKey]) throws -> [[Value]] {
        try rows(SortOperator(input: input, keys: keys, evaluator: testEvaluator()))
    }

    func testNullsAndNaNsGoLastInBothDirections() throws {
        let values: [Value] = [.float(2), .null, .float(.nan), .float(1), .float(3)]
        func input() -> BatchesOperator {
            BatchesOperator(fields: [("x", .nullable(.float64))], columns: [values], batchSize: 2)
        }
        let key = BoundExpr.column(0, .nullable(.float64))
        let asc = try sort(input(), [SortKey(expression: key)]).map { $0[0].description }
        XCTAssertEqual(asc, ["1", "2", "3", "nan", "NULL"])
        let desc = try sort(input(), [SortKey(expression: key, descending: true)]).map { $0[0].description }
        XCTAssertEqual(desc, ["3", "2", "1", "nan", "NULL"])
        let first = try sort(input(), [SortKey(expression: key, nullsFirst: true)]).map { $0[0].description }
        XCTAssertEqual(first, ["NULL", "nan", "1", "2", "3"])
    }

    func testStableOnTiesAndSeveralKeys() throws {
        let input = BatchesOperator(
            fields: [("g", .string), ("v", .int64), ("id", .int64)],
            columns: [
                [.string("b"), .string("a"), .string("b"), .string("a"), .string("ab")],
                [.int(1), .int(1), .int(1), .int(0), .int(5)], [.int(0), .int(1), .int(2), .int(3), .int(4)],
            ], batchSize: 2)
        let out = try sort(
            input,
            [SortKey(expression: .column(0, .string)), SortKey(expression: .column(1, .int64), descending: true)])
        XCTAssertEqual(out.map { $0[2] }, [.int(1), .int(3), .int(4), .int(0), .int(2)])
    }

    func testTopKEqualsSortThenLimit() throws {
        var rng = SeededGenerator(seed: 42)
        let n = 10_000
        let a: [Value] = (0..<n).map { _ in
            Int.random(in: 0..<50, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<100, using: &rng))
        }
        let b: [Value] = (0..<n).map { _ in .float(Double(Int.random(in: 0..<10, using: &rng))) }
        let id: [Value] = (0..<n).map { .int(Int64($0)) }
        let fields: [(String, DataType)] = [("a", .nullable(.int64)), ("b", .float64), ("id", .int64)]
        for (limit, offset, desc) in [
            (10, 0, false), (1, 0, true), (100, 7, false), (3000, 0, true), (20_000, 5, false), (0, 0, false),
        ] {
            let first = SortKey(expression: .column(0, .nullable(.int64)), descending: desc)
            let second = SortKey(expression: .column(1, .float64), descending: !desc)
            for keys in [[first, second], [first], [second]] {
                let sorted = try rows(
                    LimitOperator(
                        input: SortOperator(
                            input: BatchesOperator(fields: fields, columns: [a, b, id], batchSize: 1000), keys: keys,
                            evaluator: testEvaluator()),
                        limit: limit, offset: offset))
                let top = try rows(
                    TopKOperator(
                        input: BatchesOperator(fields: fields, columns: [a, b, id], batchSize: 1000), keys: keys,
                        limit: limit, offset: offset,
                        evaluator: testEvaluator()))
                XCTAssertEqual(top, sorted, "limit \(limit) offset \(offset) desc \(desc) keys \(keys.count)")
            }
        }
    }

    func testLimitOffsetAcrossBatches() throws {
        let input = BatchesOperator(fields: [("x", .int64)], columns: [(0..<100).map { .int(Int64($0)) }], batchSize: 7)
        let out = try rows(LimitOperator(input: input, limit: 10, offset: 12))
        XCTAssertEqual(out.map { $0[0] }, (12..<22).map { .int(Int64($0)) })
    }
}
