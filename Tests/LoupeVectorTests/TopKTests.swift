// TopK against the obvious answer, a full sort by (score, id), on random data full of ties and
// the odd NaN; and the fused scan `Distance.topK` against evaluating every row and sorting.

import LoupeTestSupport
import LoupeVector
import XCTest

final class TopKTests: XCTestCase {
    /// The first k of all pairs sorted best first, ties by smaller id, NaN last.
    private func oracle(_ pairs: [(Float, Int)], k: Int, largerIsBetter: Bool) -> [(score: Float, id: Int)] {
        let sorted = pairs.sorted { x, y in
            if x.0.isNaN || y.0.isNaN { return x.0.isNaN == y.0.isNaN ? x.1 < y.1 : y.0.isNaN }
            if x.0 != y.0 { return largerIsBetter ? x.0 > y.0 : x.0 < y.0 }
            return x.1 < y.1
        }
        return sorted.prefix(k).map { (score: $0.0, id: $0.1) }
    }

    private func assertSame(
        _ got: [(score: Float, id: Int)], _ want: [(score: Float, id: Int)], _ message: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(got.map(\.id), want.map(\.id), message, file: file, line: line)
        XCTAssertEqual(
            got.map { $0.score.bitPattern }, want.map { $0.score.bitPattern }, message, file: file, line: line)
    }

    func testMatchesFullSortWithTiesInAnyOrder() {
        var rng = SeededGenerator(seed: 3)
        for trial in 0..<300 {
            let n = Int.random(in: 0...200, using: &rng)
            let k = Int.random(in: 0...30, using: &rng)
            let largerIsBetter = trial % 2 == 1
            // Few distinct scores, so many ties; ids shuffled so ties arrive in any order.
            var pairs = (0..<n).map { (Float(Int.random(in: 0...9, using: &rng)) / 4, $0) }
            if trial % 5 == 0 && n > 0 { pairs[Int.random(in: 0..<n, using: &rng)].0 = .nan }
            pairs.shuffle(using: &rng)
            var top = TopK(k: k, largerIsBetter: largerIsBetter)
            for (s, id) in pairs { top.push(s, id) }
            XCTAssertEqual(top.count, min(k, n))
            assertSame(top.sorted(), oracle(pairs, k: k, largerIsBetter: largerIsBetter), "trial \(trial)")
        }
    }

    func testThreshold() {
        var top = TopK(k: 2)
        XCTAssertEqual(top.threshold, .infinity)
        top.push(3, 0)
        XCTAssertEqual(top.threshold, .infinity)
        top.push(1, 1)
        XCTAssertEqual(top.threshold, 3)
        top.push(2, 2)
        XCTAssertEqual(top.threshold, 2)
        var best = TopK(k: 1, largerIsBetter: true)
        XCTAssertEqual(best.threshold, -.infinity)
        best.push(5, 0)
        XCTAssertEqual(best.threshold, 5)
        best.push(5, 1)  // a tie with a larger id does not enter
        XCTAssertEqual(best.sorted().map(\.id), [0])
    }

    func testNaNRanksLastButFillsFreeSlots() {
        var top = TopK(k: 3)
        top.push(.nan, 0)
        top.push(1, 1)
        XCTAssertEqual(top.threshold, .infinity)
        top.push(.nan, 2)
        XCTAssertEqual(top.sorted().map(\.id), [1, 0, 2])
        top.push(.infinity, 3)
        top.push(0, 4)
        XCTAssertEqual(top.sorted().map(\.id), [4, 1, 3])
    }

    func testMergeEqualsOneSelectionOverAllPairs() {
        var rng = SeededGenerator(seed: 4)
        for largerIsBetter in [false, true] {
            let pairs = (0..<500).map { (Float(Int.random(in: 0...50, using: &rng)), $0) }
            var whole = TopK(k: 10, largerIsBetter: largerIsBetter)
            var parts = [TopK](repeating: TopK(k: 10, largerIsBetter: largerIsBetter), count: 3)
            for (i, (s, id)) in pairs.enumerated() {
                whole.push(s, id)
                parts[i % 3].push(s, id)
            }
            var merged = TopK(k: 10, largerIsBetter: largerIsBetter)
            for p in parts.reversed() { merged.merge(p) }
            assertSame(merged.sorted(), whole.sorted(), "largerIsBetter=\(largerIsBetter)")
            assertSame(merged.sorted(), oracle(pairs, k: 10, largerIsBetter: largerIsBetter), "oracle")
        }
    }

    func testFusedScanMatchesEvaluateAndSort() {
        var rng = SeededGenerator(seed: 5)
        for dim in [1, 7, 16, 33, 512, 1100] {
            let rowCount = 300
            let query = rng.floats(dim)
            var rows = rng.floats(rowCount * dim)
            // Duplicate rows give exactly tied distances; a zero row gives a NaN cosine.
            for r in stride(from: 10, to: rowCount, by: 10) {
                for j in 0..<dim { rows[r * dim + j] = rows[j] }
            }
            for j in 0..<dim { rows[5 * dim + j] = 0 }
            for f in DistanceFunction.allCases {
                for (k, filter) in [(10, nil), (1, nil), (rowCount + 5, nil), (7, { (r: Int) in r % 3 != 0 })] {
                    var all = [Float](repeating: 0, count: rowCount)
                    let top = query.withUnsafeBufferPointer { q in
                        rows.withUnsafeBufferPointer { r in
                            Distance.evaluateMany(
                                f, query: q.baseAddress!, rows: r.baseAddress!, rowCount: rowCount,
                                dim: dim, into: &all)
                            return Distance.topK(
                                f, query: q.baseAddress!, rows: r.baseAddress!, rowCount: rowCount,
                                dim: dim, k: k, filter: filter)
                        }
                    }
                    let candidates = all.enumerated().filter { filter?($0.offset) ?? true }.map {
                        ($0.element, $0.offset)
                    }
                    assertSame(
                        top.sorted(), oracle(candidates, k: k, largerIsBetter: f.largerIsBetter),
                        "\(f) dim=\(dim) k=\(k) filtered=\(filter != nil)")
                }
            }
        }
    }

    func testFusedScanWithKZero() {
        let v: [Float] = [1, 2, 3, 4]
        XCTAssertEqual(Distance.topK(.l2, query: v, rows: v, rowCount: 2, dim: 2, k: 0).count, 0)
    }
}
