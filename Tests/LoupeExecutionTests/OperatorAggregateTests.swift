// Hash aggregation over many groups crossing batch boundaries (integer, string, nullable and
// composite keys), global aggregation on empty input, DISTINCT and UNION.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class OperatorAggregateTests: XCTestCase {
    private func aggregate(_ input: Operator, keys: [BoundExpr], sumColumn: Int? = nil) throws -> [[Value]] {
        var calls = [AggregateCall(function: "count", arguments: [], type: .uint64)]
        var fields =
            keys.enumerated().map { Field(name: "k\($0.offset)", type: $0.element.type) } + [
                Field(name: "c", type: .uint64)
            ]
        if let sumColumn {
            calls.append(AggregateCall(function: "sum", arguments: [.column(sumColumn, .int64)], type: .int64))
            fields.append(Field(name: "s", type: .int64))
        }
        let op = HashAggregateOperator(
            input: input, keys: keys, aggregates: calls, schema: Schema(fields), evaluator: testEvaluator(),
            makeState: { TestCountSumState(sum: $0.function == "sum") })
        return try rows(op)
    }

    func testManyGroupsAcrossBatches() throws {
        let n = 50_000
        let keys: [Value] = (0..<n).map { .int(Int64(($0 * 7919) % 5000)) }
        let values: [Value] = (0..<n).map { .int(Int64($0 % 3)) }
        let out = try aggregate(
            BatchesOperator(fields: [("k", .int64), ("v", .int64)], columns: [keys, values]),
            keys: [.column(0, .int64)], sumColumn: 1)
        XCTAssertEqual(out.count, 5000)
        XCTAssertEqual(out.first?[0], .int(0), "groups appear in order of first appearance")
        var expected: [Int64: (Int, Int64)] = [:]
        for i in 0..<n {
            let k = Int64((i * 7919) % 5000)
            expected[k, default: (0, 0)].0 += 1
            expected[k, default: (0, 0)].1 += Int64(i % 3)
        }
        for row in out {
            guard case .int(let k) = row[0] else { return XCTFail("key type") }
            XCTAssertEqual(row[1], .uint(UInt64(expected[k]!.0)))
            XCTAssertEqual(row[2], .int(expected[k]!.1))
        }
    }

    func testStringNullableAndCompositeKeys() throws {
        let s: [Value] = [.string("x"), .string("y"), .string("x"), .string(""), .string("y")]
        let out = try aggregate(
            BatchesOperator(fields: [("s", .string)], columns: [s], batchSize: 2), keys: [.column(0, .string)])
        XCTAssertEqual(out, [[.string("x"), .uint(2)], [.string("y"), .uint(2)], [.string(""), .uint(1)]])

        let n: [Value] = [.null, .int(1), .null, .int(1), .int(2)]
        let nullable = try aggregate(
            BatchesOperator(fields: [("n", .nullable(.int64))], columns: [n], batchSize: 2),
            keys: [.column(0, .nullable(.int64))])
        XCTAssertEqual(nullable, [[.null, .uint(2)], [.int(1), .uint(2)], [.int(2), .uint(1)]])

        let composite = try aggregate(
            BatchesOperator(fields: [("s", .string), ("n", .nullable(.int64))], columns: [s, n], batchSize: 3),
            keys: [.column(0, .string), .column(1, .nullable(.int64))])
        XCTAssertEqual(composite.count, 4)
        XCTAssertEqual(composite[0], [.string("x"), .null, .uint(2)])
    }

    func testFloatKeysFoldNegativeZeroAndNaN() throws {
        let f: [Value] = [.float(0), .float(-0.0), .float(.nan), .float(.nan), .float(1.5)]
        let out = try aggregate(BatchesOperator(fields: [("f", .float64)], columns: [f]), keys: [.column(0, .float64)])
        XCTAssertEqual(out.map { $0[1] }, [.uint(2), .uint(2), .uint(1)])
    }

    func testGlobalAggregationYieldsOneRowOnEmptyInput() throws {
        let out = try aggregate(BatchesOperator(fields: [("v", .int64)], columns: [[]]), keys: [], sumColumn: 0)
        XCTAssertEqual(out, [[.uint(0), .int(0)]])
        let grouped = try aggregate(BatchesOperator(fields: [("v", .int64)], columns: [[]]), keys: [.column(0, .int64)])
        XCTAssertEqual(grouped, [])
    }

    func testDistinctAndUnion() throws {
        func input(_ values: [Int64?]) -> BatchesOperator {
            BatchesOperator(
                fields: [("x", .nullable(.int64))], columns: [values.map { $0.map { .int($0) } ?? .null }], batchSize: 2
            )
        }
        XCTAssertEqual(
            try rows(DistinctOperator(input: input([3, 1, 3, nil, 1, nil, 2]))),
            [[.int(3)], [.int(1)], [.null], [.int(2)]])
        let schema = Schema([Field(name: "x", type: .nullable(.int64))])
        let all = UnionOperator(inputs: [input([1, 2]), input([2, nil])], schema: schema)
        XCTAssertEqual(try rows(all), [[.int(1)], [.int(2)], [.int(2)], [.null]])
        let distinct = DistinctOperator(
            input: UnionOperator(inputs: [input([1, 2]), input([2, nil])], schema: schema))
        XCTAssertEqual(try rows(distinct), [[.int(1)], [.int(2)], [.null]])
    }
}

final class OperatorKeyIndexTests: XCTestCase {
    /// Ids are dense, stable across batches and table growth, and lookups find exactly the
    /// inserted keys, for each key strategy.
    func testIdsAreDenseAndStable() {
        let n = 40_000
        let strings = Column(
            type: .string,
            values: (0..<n).map { .string("key-\($0 % 30_000)-" + String(repeating: "x", count: $0 % 20)) })
        let ints = Column(type: .int64, values: (0..<n).map { .int(Int64(($0 % 30_000) * 7919)) })
        let pairs = [strings, ints]
        for (keys, types) in [([strings], [DataType.string]), ([ints], [.int64]), (pairs, [.string, .int64])] {
            let index = KeyIndex(types: types, nullMode: .group)
            var firstRows: [Int] = []
            var ids: [Int32] = []
            for start in stride(from: 0, to: n, by: 2048) {
                let range = start..<min(start + 2048, n)
                var newRows: [Int] = []
                ids += index.insert(keys.map { $0.rows(in: range) }, count: range.count, newRows: &newRows)
                firstRows += newRows.map { $0 + start }
            }
            XCTAssertEqual(index.count, firstRows.count)
            XCTAssertEqual(Set(ids).count, index.count)
            XCTAssertEqual(
                firstRows.map { ids[$0] }, (0..<Int32(index.count)).map { $0 },
                "ids are numbered in order of first appearance")
            let again = index.lookup(keys, count: n)
            XCTAssertEqual(again, ids)
            let absent = index.lookup(
                [Column(type: types[0], values: [types[0] == .string ? .string("nope") : .int(-1)])]
                    + keys.dropFirst().map { $0.rows(in: 0..<1) }, count: 1)
            XCTAssertEqual(absent, [-1])
        }
    }
}
