// Support code for operator tests: an operator over hand-built batches, column constructors, a
// seeded random generator, and a minimal aggregate state so grouping can be tested on its own.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

/// Yields fixed batches.
final class BatchesOperator: Operator {
    let schema: Schema
    private var batches: [Batch]

    init(_ schema: Schema, _ batches: [Batch]) {
        self.schema = schema
        self.batches = batches.reversed()
    }

    /// One column per field; rows split into batches of `batchSize`.
    convenience init(fields: [(String, DataType)], columns: [[Value]], batchSize: Int = Batch.capacity) {
        let schema = Schema(fields.map { Field(name: $0.0, type: $0.1) })
        let count = columns.first?.count ?? 0
        var batches: [Batch] = []
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(start + batchSize, count)
            batches.append(
                Batch(
                    columns: fields.indices.map { Column(type: fields[$0].1, values: Array(columns[$0][start..<end])) },
                    count: end - start))
        }
        self.init(schema, batches)
    }

    func next() throws -> Batch? { batches.popLast() }
}

/// count(*) and sum(Int64) per group, enough to test the grouping machinery.
final class TestCountSumState: AggregateState {
    private var counts: [Int64] = []
    private var sums: [Int64] = []
    let sum: Bool

    init(sum: Bool) { self.sum = sum }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        if counts.count < groupCount {
            counts += [Int64](repeating: 0, count: groupCount - counts.count)
            sums += [Int64](repeating: 0, count: groupCount - sums.count)
        }
        for (i, g) in groups.enumerated() {
            counts[Int(g)] += 1
            if sum, case .int64(let a) = arguments[0].data { sums[Int(g)] += a[i] }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        let values = (0..<groupCount).map { g in g < counts.count ? (sum ? sums[g] : counts[g]) : 0 }
        return sum
            ? Column(type: .int64, data: .int64(values))
            : Column(type: .uint64, data: .uint64(values.map { UInt64($0) }))
    }
}

/// An evaluator with a fresh context (no catalog needed for column references).
func testEvaluator() -> ExpressionEvaluator {
    ExpressionEvaluator(context: EvaluationContext(statementTime: 0))
}

/// All rows an operator yields, as values.
func rows(_ op: Operator) throws -> [[Value]] {
    var out: [[Value]] = []
    while let batch = try op.next() {
        XCTAssertGreaterThan(batch.count, 0, "operators never yield empty batches")
        XCTAssertLessThanOrEqual(batch.count, Batch.capacity)
        for i in 0..<batch.count { out.append(batch.row(i)) }
    }
    return out
}
