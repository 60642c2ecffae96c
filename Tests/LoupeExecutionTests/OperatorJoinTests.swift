// Hash join: every join kind over keys with NULLs and duplicates, both build sides, the
// join_use_nulls padding, cross joins and many-match output split across batches.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class OperatorJoinTests: XCTestCase {
    private func left() -> BatchesOperator {
        BatchesOperator(
            fields: [("k", .nullable(.int64)), ("l", .string)],
            columns: [
                [.int(1), .int(2), .null, .int(2), .int(4)],
                [.string("a"), .string("b"), .string("n"), .string("b2"), .string("d")],
            ],
            batchSize: 2)
    }

    private func right() -> BatchesOperator {
        BatchesOperator(
            fields: [("k", .nullable(.int64)), ("r", .int64)],
            columns: [
                [.int(2), .null, .int(2), .int(3), .int(1)], [.int(20), .int(0), .int(21), .int(30), .int(10)],
            ],
            batchSize: 3)
    }

    private func join(_ kind: JoinKind, buildLeft: Bool, useNulls: Bool = false, residual: BoundExpr? = nil) throws
        -> [[Value]]
    {
        let l = left()
        let r = right()
        var fields = l.schema.fields + r.schema.fields
        if useNulls {
            if kind == .left || kind == .full { for i in 2..<4 { fields[i].type = fields[i].type.asNullable } }
            if kind == .right || kind == .full { for i in 0..<2 { fields[i].type = fields[i].type.asNullable } }
        }
        let op = HashJoinOperator(
            left: l, right: r, kind: kind, leftKeys: kind == .cross ? [] : [.column(0, .nullable(.int64))],
            rightKeys: kind == .cross ? [] : [.column(0, .nullable(.int64))], residual: residual,
            schema: Schema(fields),
            buildLeft: buildLeft, evaluator: testEvaluator())
        return try rows(op).sorted { $0.description < $1.description }
    }

    private func sorted(_ rows: [[Value]]) -> [[Value]] { rows.sorted { $0.description < $1.description } }

    func testInnerJoinMultipliesDuplicatesAndSkipsNullKeys() throws {
        let expected = sorted([
            [.int(1), .string("a"), .int(1), .int(10)],
            [.int(2), .string("b"), .int(2), .int(20)], [.int(2), .string("b"), .int(2), .int(21)],
            [.int(2), .string("b2"), .int(2), .int(20)], [.int(2), .string("b2"), .int(2), .int(21)],
        ])
        XCTAssertEqual(try join(.inner, buildLeft: false), expected)
        XCTAssertEqual(try join(.inner, buildLeft: true), expected)
    }

    func testLeftJoinPadsWithDefaultsOrNulls() throws {
        let matched: [[Value]] = [
            [.int(1), .string("a"), .int(1), .int(10)],
            [.int(2), .string("b"), .int(2), .int(20)], [.int(2), .string("b"), .int(2), .int(21)],
            [.int(2), .string("b2"), .int(2), .int(20)], [.int(2), .string("b2"), .int(2), .int(21)],
        ]
        // The right key column is Nullable, so it pads with NULL; `r` is Int64 and pads with 0.
        let defaults = sorted(
            matched + [[.null, .string("n"), .null, .int(0)], [.int(4), .string("d"), .null, .int(0)]])
        XCTAssertEqual(try join(.left, buildLeft: false), defaults)
        XCTAssertEqual(try join(.left, buildLeft: true), defaults)
        let nulls = sorted(matched + [[.null, .string("n"), .null, .null], [.int(4), .string("d"), .null, .null]])
        XCTAssertEqual(try join(.left, buildLeft: false, useNulls: true), nulls)
        XCTAssertEqual(try join(.left, buildLeft: true, useNulls: true), nulls)
    }

    func testRightAndFullJoins() throws {
        let matchedCount = 5
        let right = try join(.right, buildLeft: false)
        XCTAssertEqual(right.count, matchedCount + 2)
        XCTAssertTrue(right.contains([.null, .string(""), .null, .int(0)]))
        XCTAssertTrue(right.contains([.null, .string(""), .int(3), .int(30)]))
        XCTAssertEqual(try join(.right, buildLeft: true), right)
        let full = try join(.full, buildLeft: false, useNulls: true)
        XCTAssertEqual(full.count, matchedCount + 4)
        XCTAssertTrue(full.contains([.null, .null, .int(3), .int(30)]))
        XCTAssertTrue(full.contains([.int(4), .string("d"), .null, .null]))
        XCTAssertEqual(try join(.full, buildLeft: true, useNulls: true), full)
    }

    func testCrossJoin() throws {
        let all = try join(.cross, buildLeft: false)
        XCTAssertEqual(all.count, 25)
    }

    func testManyMatchesSpanSeveralBatches() throws {
        let n = 3000
        let l = BatchesOperator(fields: [("k", .int64)], columns: [[.int(7), .int(8)]])
        let r = BatchesOperator(
            fields: [("k", .int64), ("v", .int64)],
            columns: [Array(repeating: .int(7), count: n), (0..<n).map { .int(Int64($0)) }])
        let op = HashJoinOperator(
            left: l, right: r, kind: .left, leftKeys: [.column(0, .int64)], rightKeys: [.column(0, .int64)],
            residual: nil,
            schema: Schema(l.schema.fields + r.schema.fields), buildLeft: false, evaluator: testEvaluator())
        let out = try rows(op)
        XCTAssertEqual(out.count, n + 1)
        XCTAssertEqual(out.prefix(n).map { $0[2] }, (0..<n).map { .int(Int64($0)) }, "build order is kept")
        XCTAssertEqual(out.last, [.int(8), .int(0), .int(0)])
    }

    func testStringAndCompositeKeys() throws {
        let l = BatchesOperator(
            fields: [("a", .string), ("b", .int64)],
            columns: [[.string("x"), .string("y"), .string("x")], [.int(1), .int(1), .int(2)]])
        let r = BatchesOperator(
            fields: [("a", .string), ("b", .int32)], columns: [[.string("x"), .string("x")], [.int(2), .int(1)]])
        let op = HashJoinOperator(
            left: l, right: r, kind: .inner, leftKeys: [.column(0, .string), .column(1, .int64)],
            rightKeys: [.column(0, .string), .column(1, .int32)], residual: nil,
            schema: Schema(l.schema.fields + r.schema.fields), buildLeft: false, evaluator: testEvaluator())
        XCTAssertEqual(
            try rows(op),
            [[.string("x"), .int(1), .string("x"), .int(1)], [.string("x"), .int(2), .string("x"), .int(2)]])
        let l2 = BatchesOperator(fields: [("s", .string)], columns: [[.string("p"), .string("q"), .string("p")]])
        let r2 = BatchesOperator(fields: [("s", .string)], columns: [[.string("p")]])
        let op2 = HashJoinOperator(
            left: l2, right: r2, kind: .inner, leftKeys: [.column(0, .string)], rightKeys: [.column(0, .string)],
            residual: nil,
            schema: Schema(l2.schema.fields + r2.schema.fields), buildLeft: true, evaluator: testEvaluator())
        XCTAssertEqual(try rows(op2), [[.string("p"), .string("p")], [.string("p"), .string("p")]])
    }
}
