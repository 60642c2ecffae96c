// The fused exact vector top-k against the generic Scan → Project → TopK plan on seeded random
// data: every query runs twice, once as written (the fused operator) and once with a second,
// constant sort key that keeps the planner on the generic path, and both must give the same rows
// in the same order, or the same error. Vectors come from a few small integers so distances tie.

import LoupeTestSupport
import LoupeCore
import LoupeSQL
import XCTest

@testable import LoupeExecution

final class ExactVectorTopKTests: XCTestCase {
    private var engine = Engine()
    private let dim = 8

    override func setUp() {
        engine = Engine()
    }

    /// Runs a script; returns the rows of the last statement as text.
    @discardableResult
    private func run(_ sql: String) throws -> [[String]] {
        try engine.runScript(sql)
    }

    /// A vector literal of `count` small integers (sometimes all zeros, whose cosine is NaN).
    private func vector(_ count: Int, _ rng: inout SeededGenerator) -> String {
        let zero = Int.random(in: 0..<50, using: &rng) == 0
        let elements = (0..<count).map { _ in zero ? 0 : Int.random(in: -2...2, using: &rng) }
        return "[" + elements.map(String.init).joined(separator: ", ") + "]"
    }

    /// Creates `t(id, g, v)` with `rows` rows.
    private func load(rows: Int) throws {
        var rng = SeededGenerator(seed: 7)
        try run("CREATE TABLE t (id UInt64, g UInt64, v Array(Float32)) ORDER BY id")
        var start = 0
        while start < rows {
            let end = min(start + 1000, rows)
            let values = (start..<end).map { i in
                "(\(i), \(Int.random(in: 0..<100, using: &rng)), \(vector(dim, &rng)))"
            }
            try run("INSERT INTO t VALUES " + values.joined(separator: ", "))
            start = end
        }
    }

    /// Asserts the query gives the same rows, or the same error, through both plans.
    private func assertSame(
        _ function: String, order: String = "", filter: String = "", limit: String = "LIMIT 10",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var rng = SeededGenerator(seed: 99)
        let query = vector(dim, &rng)
        let head = "SELECT id, \(function)(v, \(query)) AS d, g FROM t \(filter) ORDER BY d \(order)"
        let fused = Result { try run("\(head) \(limit)") }
        let generic = Result { try run("\(head), id * 0 \(limit)") }
        switch (fused, generic) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(a, b, "\(head) \(limit)", file: file, line: line)
        case (.failure(let a), .failure(let b)):
            XCTAssertEqual("\(a)", "\(b)", file: file, line: line)
        default:
            XCTFail("\(head) \(limit): \(fused) vs \(generic)", file: file, line: line)
        }
    }

    func testMetricsAcrossSegments() throws {
        try load(rows: 5000)
        for function in ["cosineDistance", "distance", "L2Distance", "L2SquaredDistance"] {
            assertSame(function)
            assertSame(function, limit: "LIMIT 7 OFFSET 5")
        }
        assertSame("dotProduct", order: "DESC")
        assertSame("dotProduct", order: "DESC", limit: "LIMIT 3 OFFSET 100")
    }

    func testLimitBeyondRowsAndOffset() throws {
        try load(rows: 300)
        assertSame("cosineDistance", limit: "LIMIT 1000")
        assertSame("cosineDistance", limit: "LIMIT 1000 OFFSET 250")
        assertSame("cosineDistance", limit: "LIMIT 10 OFFSET 400")
        assertSame("cosineDistance", limit: "LIMIT 0")
        assertSame("L2SquaredDistance", limit: "LIMIT 299")
    }

    func testFiltersKeepingNoneSomeHalfAll() throws {
        try load(rows: 4500)
        for filter in ["WHERE g > 1000", "WHERE g = 3", "WHERE g < 50", "WHERE g < 100", "WHERE id % 97 = 1"] {
            assertSame("cosineDistance", filter: filter)
            assertSame("L2Distance", filter: filter, limit: "LIMIT 100 OFFSET 3")
            assertSame("dotProduct", order: "DESC", filter: filter)
        }
    }

    func testDimensionMismatchRaisesTheSameError() throws {
        try load(rows: 2100)
        try run("INSERT INTO t VALUES (5000, 1, [1, 2, 3])")
        assertSame("cosineDistance")
        let ones = Array(repeating: "1", count: dim).joined(separator: ", ")
        XCTAssertThrowsError(try run("SELECT id, cosineDistance(v, [\(ones)]) AS d FROM t ORDER BY d LIMIT 3"))
        assertSame("cosineDistance", filter: "WHERE id < 5000")
    }
}
