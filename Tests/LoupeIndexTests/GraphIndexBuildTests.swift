// The build itself: progress reports that rise to 1, cancellation from the progress callback,
// a single-threaded build that is reproducible byte for byte, and the memory figure.

import LoupeCore
import LoupeIndex
import XCTest

final class GraphIndexBuildTests: XCTestCase {
    private let small = ContiguousVectors(
        Fixtures.mixture(rows: 600, dimension: 20, clusters: 10, seed: 4), dimension: 20)

    func testProgressRisesToOne() throws {
        let seen = ProgressLog()
        _ = try GraphIndex.build(small, metric: .l2, parameters: GraphParameters(degree: 12, efConstruction: 32)) {
            seen.append($0)
            return true
        }
        let values = seen.values
        XCTAssertGreaterThan(values.count, 3)
        XCTAssertEqual(values.last, 1)
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    func testCancellationThrows() {
        for stopAt in [0.0, 0.5] {
            XCTAssertThrowsError(
                try GraphIndex.build(
                    small, metric: .cosine, parameters: GraphParameters(degree: 12, efConstruction: 32)
                ) {
                    $0 < stopAt
                }
            ) { error in
                XCTAssertTrue(error is IndexBuildCancelled, "\(error)")
            }
        }
    }

    func testSingleThreadedBuildIsReproducible() throws {
        let parameters = GraphParameters(degree: 12, efConstruction: 32, threads: 1)
        let a = try GraphIndex.build(small, metric: .innerProduct, parameters: parameters)
        let b = try GraphIndex.build(small, metric: .innerProduct, parameters: parameters)
        XCTAssertEqual(a.encodedPayload(), b.encodedPayload())
    }

    func testMemoryCountsCodesAndGraph() throws {
        let index = try GraphIndex.build(
            small, metric: .l2, parameters: GraphParameters(degree: 12, efConstruction: 32))
        XCTAssertEqual(index.degree, 12)
        // 64 code bytes (+ norm, padded to 128) and 13 list words per row at least.
        XCTAssertGreaterThanOrEqual(index.memoryBytes, small.count * (128 + 13 * 4))
        XCTAssertLessThan(index.memoryBytes, small.count * (128 + 13 * 4) + 64 * 1024)
        let before = index.memoryBytes
        try small.storage.withUnsafeBufferPointer { all in
            _ = try index.search(
                UnsafeBufferPointer(rebasing: all[0..<20]), k: 5, options: SearchOptions(), filter: nil, source: small)
        }
        // The search's scratch (4 bytes of visited marks per row, at least) now counts too.
        XCTAssertGreaterThanOrEqual(index.memoryBytes, before + 4 * small.count)
    }
}

/// Progress values reported from any build thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [Double] = []

    func append(_ value: Double) {
        lock.lock()
        log.append(value)
        lock.unlock()
    }

    var values: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }
}
