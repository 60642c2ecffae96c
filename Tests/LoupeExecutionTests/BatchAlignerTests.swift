// Re-cutting loaded batches into whole segments: every row comes out once, in order, in batches
// of exactly the segment size (the last may be shorter), whatever sizes come in, for every
// column layout (numbers, Nullable, strings, nested arrays).

import LoupeCore
import LoupeTestSupport
import XCTest

@testable import LoupeExecution

final class BatchAlignerTests: XCTestCase {
    private func batch(_ first: Int, _ count: Int) -> Batch {
        let ids = (first..<(first + count)).map { Value.uint(UInt64($0)) }
        let names = (first..<(first + count)).map { $0 % 3 == 0 ? Value.null : .string("n\($0)") }
        let vectors = (first..<(first + count)).map { i in Value.vector((0..<(i % 4)).map { Float(i * 10 + $0) }) }
        let nested = (first..<(first + count)).map { i in Value.array([.array([.int(Int64(i))]), .array([])]) }
        return Batch(columns: [
            Column(type: .uint64, values: ids), Column(type: .nullable(.string), values: names),
            Column(type: .array(.float32), values: vectors), Column(type: .array(.array(.int32)), values: nested),
        ])
    }

    func testRandomBatchSizesComeOutAligned() {
        var rng = SeededGenerator(seed: 9)
        var aligner = BatchAligner(size: 64)
        var input: [[Value]] = []
        var output: [Batch] = []
        var next = 0
        for _ in 0..<200 {
            let count = rng.chance(0.2) ? 64 : Int.random(in: 1...150, using: &rng)
            let b = batch(next, count)
            next += count
            input += (0..<b.count).map { b.row($0) }
            output += aligner.add(b)
        }
        if let rest = aligner.finish() { output.append(rest) }
        XCTAssertTrue(output.dropLast().allSatisfy { $0.count == 64 })
        XCTAssertLessThanOrEqual(output.last?.count ?? 0, 64)
        let rows = output.flatMap { b in (0..<b.count).map { b.row($0) } }
        XCTAssertEqual(rows, input)
        XCTAssertEqual(output.map(\.columns[1].type), Array(repeating: .nullable(.string), count: output.count))
    }
}
