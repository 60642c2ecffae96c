// Filtered search at several selectivities: exact below the scan threshold, recall@10 ≥ 0.95
// through the filtered walk (forced, so the walk itself is measured even where the index would
// scan), results always inside the filter, and an empty filter returning nothing.

import LoupeCore
import XCTest

@testable import LoupeIndex

final class GraphIndexFilterTests: XCTestCase {
    func testVerySelectiveFilterIsExact() throws {
        let index = try Fixtures.index(.cosine)
        let filter = Fixtures.filter(keeping: 0.001, seed: 5)
        XCTAssertGreaterThan(filter.cardinality, 0)
        for q in 0..<Fixtures.queryCount {
            try Fixtures.withQuery(q) { query in
                let found = try index.search(
                    query, k: 10, options: SearchOptions(), filter: filter, source: Fixtures.source)
                let exact = try FlatIndex.search(query, k: 10, metric: .cosine, filter: filter, source: Fixtures.source)
                XCTAssertEqual(found, exact)
            }
        }
    }

    func testRecallAtEverySelectivity() throws {
        for metric in Metric.allCases {
            let index = try Fixtures.index(metric)
            for (i, fraction) in [0.01, 0.1, 0.5].enumerated() {
                let filter = Fixtures.filter(keeping: fraction, seed: UInt64(10 + i))
                let recall = try Fixtures.recall(index, filter: filter)
                XCTAssertGreaterThanOrEqual(recall, 0.95, "\(metric) at \(fraction)")
                let walked = try Fixtures.recall(index, filter: filter) { query in
                    try index.searchGraph(
                        query, k: 10, options: SearchOptions(), filter: filter, source: Fixtures.source)
                }
                XCTAssertGreaterThanOrEqual(walked, 0.95, "\(metric) walk at \(fraction)")
            }
        }
    }

    func testResultsStayInsideTheFilter() throws {
        let index = try Fixtures.index(.l2)
        let filter = Fixtures.filter(keeping: 0.3, seed: 21)
        for q in 0..<Fixtures.queryCount {
            try Fixtures.withQuery(q) { query in
                let found = try index.searchGraph(
                    query, k: 10, options: SearchOptions(), filter: filter, source: Fixtures.source)
                XCTAssertEqual(found.count, 10)
                XCTAssertTrue(found.allSatisfy { filter.contains($0.row) })
            }
        }
    }

    func testEmptyFilterReturnsNothing() throws {
        let index = try Fixtures.index(.innerProduct)
        let filter = RowFilter(count: Fixtures.count, allowed: false)
        try Fixtures.withQuery(0) { query in
            XCTAssertEqual(
                try index.search(query, k: 10, options: SearchOptions(), filter: filter, source: Fixtures.source), [])
            XCTAssertEqual(
                try index.searchGraph(query, k: 10, options: SearchOptions(), filter: filter, source: Fixtures.source),
                [])
        }
    }

    func testSmallFiltersPreferTheScan() throws {
        let index = try Fixtures.index(.cosine)
        XCTAssertTrue(index.prefersExactScan(cardinality: 6, ef: 64))
        XCTAssertFalse(index.prefersExactScan(cardinality: Fixtures.count / 2, ef: 64))
    }
}
