// Unfiltered search against the exact oracle: recall for every metric, distances identical to
// the exact kernel's, the ordering of each metric (IP descending), efSearch below k, and the
// queries the codes cannot represent.

import LoupeCore
import LoupeIndex
import LoupeVector
import XCTest

final class GraphIndexSearchTests: XCTestCase {
    func testRecallAtTenForEveryMetric() throws {
        for metric in Metric.allCases {
            let index = try Fixtures.index(metric)
            let recall = try Fixtures.recall(index)
            XCTAssertGreaterThanOrEqual(recall, 0.95, "\(metric)")
        }
    }

    func testDistancesAreTheExactKernelsAndOrdered() throws {
        for metric in Metric.allCases {
            let index = try Fixtures.index(metric)
            let function = DistanceFunction(metric)
            for q in 0..<10 {
                try Fixtures.withQuery(q) { query in
                    let found = try index.search(
                        query, k: 10, options: SearchOptions(), filter: nil, source: Fixtures.source)
                    XCTAssertEqual(found.count, 10)
                    let exact = try FlatIndex.search(
                        query, k: 10, metric: metric, filter: nil, source: Fixtures.source)
                    let exactByRow = Dictionary(uniqueKeysWithValues: exact.map { ($0.row, $0.distance) })
                    for neighbor in found {
                        let expected = Fixtures.source.storage.withUnsafeBufferPointer { all in
                            Distance.evaluate(
                                function, query.baseAddress!, all.baseAddress! + neighbor.row * Fixtures.dimension,
                                count: Fixtures.dimension)
                        }
                        XCTAssertEqual(
                            neighbor.distance.bitPattern, expected.bitPattern, "\(metric) row \(neighbor.row)")
                        if let flat = exactByRow[neighbor.row] {
                            XCTAssertEqual(neighbor.distance.bitPattern, flat.bitPattern, "\(metric) vs FlatIndex")
                        }
                    }
                    for (a, b) in zip(found, found.dropFirst()) {
                        XCTAssertFalse(metric.ranksBefore(b.distance, a.distance), "\(metric) order")
                    }
                    if metric == .innerProduct { XCTAssertGreaterThanOrEqual(found[0].distance, found[9].distance) }
                }
            }
        }
    }

    func testEfSearchSmallerThanKStillReturnsK() throws {
        let index = try Fixtures.index(.l2)
        try Fixtures.withQuery(0) { query in
            let found = try index.search(
                query, k: 25, options: SearchOptions(efSearch: 3, rerankFactor: 1), filter: nil,
                source: Fixtures.source)
            XCTAssertEqual(found.count, 25)
            XCTAssertEqual(Set(found.map(\.row)).count, 25)
        }
    }

    func testLargerEfDoesNotLowerRecall() throws {
        let index = try Fixtures.index(.cosine)
        let small = try Fixtures.recall(index, options: SearchOptions(efSearch: 10, rerankFactor: 1))
        let large = try Fixtures.recall(index, options: SearchOptions(efSearch: 200, rerankFactor: 8))
        XCTAssertGreaterThanOrEqual(large, small)
        XCTAssertGreaterThanOrEqual(large, 0.99)
    }

    func testUnrepresentableQueriesAreAnsweredExactly() throws {
        let index = try Fixtures.index(.cosine)
        let zero = [Float](repeating: 0, count: Fixtures.dimension)
        var nan = zero
        nan[3] = .nan
        for query in [zero, nan] {
            try query.withUnsafeBufferPointer { q in
                let found = try index.search(q, k: 5, options: SearchOptions(), filter: nil, source: Fixtures.source)
                let exact = try FlatIndex.search(q, k: 5, metric: .cosine, filter: nil, source: Fixtures.source)
                XCTAssertEqual(found.map(\.row), exact.map(\.row))
                XCTAssertTrue(found.allSatisfy { $0.distance.isNaN })
            }
        }
    }

    func testTinyAndEmptySources() throws {
        let empty = ContiguousVectors([], dimension: 4)
        let none = try GraphIndex.build(empty, metric: .l2)
        try [Float](repeating: 1, count: 4).withUnsafeBufferPointer { q in
            XCTAssertEqual(try none.search(q, k: 3, options: SearchOptions(), filter: nil, source: empty), [])
        }
        let three = ContiguousVectors([0, 0, 0, 1, 1, 1, 5, 5, 5], dimension: 3)
        for metric in Metric.allCases {
            let index = try GraphIndex.build(three, metric: metric)
            try [Float](repeating: 1, count: 3).withUnsafeBufferPointer { q in
                let found = try index.search(q, k: 10, options: SearchOptions(), filter: nil, source: three)
                let exact = try FlatIndex.search(q, k: 10, metric: metric, filter: nil, source: three)
                XCTAssertEqual(found.map(\.row), exact.map(\.row), "\(metric)")
            }
        }
    }

    func testConcurrentSearchesAgreeWithSerialOnes() throws {
        let index = try Fixtures.index(.l2)
        let serial = try (0..<Fixtures.queryCount).map { q in
            try Fixtures.withQuery(q) {
                try index.search($0, k: 10, options: SearchOptions(), filter: nil, source: Fixtures.source)
            }
        }
        let results = ResultBox(count: Fixtures.queryCount * 4)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for q in 0..<Fixtures.queryCount {
                let found = try? Fixtures.withQuery(q) {
                    try index.search($0, k: 10, options: SearchOptions(), filter: nil, source: Fixtures.source)
                }
                results.set(thread * Fixtures.queryCount + q, found ?? [])
            }
        }
        for thread in 0..<4 {
            for q in 0..<Fixtures.queryCount {
                XCTAssertEqual(results.get(thread * Fixtures.queryCount + q), serial[q], "thread \(thread) query \(q)")
            }
        }
    }
}

/// Results written by several threads, one slot each.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Neighbor]]

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func set(_ i: Int, _ value: [Neighbor]) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> [Neighbor] {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
