// The SIMD kernels against the plain-loop oracle on every length from short tails to long
// vectors, plus the fixed values ClickHouse returns for the SQL functions.

import LoupeTestSupport
import LoupeCore
import LoupeVector
import XCTest

final class DistanceTests: XCTestCase {
    /// The largest error float32 accumulation may add to a sum whose terms have magnitudes `terms`.
    private func tolerance(_ terms: Double) -> Float { Float(1e-5 * terms) + 1e-6 }

    func testKernelsMatchScalarReferenceOnRandomLengths() {
        var rng = SeededGenerator(seed: 1)
        var lengths = Array(1...80) + [127, 128, 129, 255, 256, 511, 512, 513, 768, 1024, 1100]
        lengths += (0..<40).map { _ in Int.random(in: 1...1100, using: &rng) }
        for n in lengths {
            let a = rng.floats(n).map { $0 * 3 }
            let b = rng.floats(n)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let (x, y) = (pa.baseAddress!, pb.baseAddress!)
                    let absDot = zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
                    let cosScale =
                        absDot / (Double(ScalarReference.l2Norm(x, count: n) * ScalarReference.l2Norm(y, count: n)))
                    XCTAssertEqual(
                        Distance.dot(x, y, count: n), ScalarReference.dot(x, y, count: n),
                        accuracy: tolerance(absDot), "dot, n=\(n)")
                    let l2s = ScalarReference.l2Squared(x, y, count: n)
                    XCTAssertEqual(
                        Distance.l2Squared(x, y, count: n), l2s, accuracy: tolerance(Double(l2s)), "L2Squared, n=\(n)")
                    XCTAssertEqual(
                        Distance.evaluate(.l2, x, y, count: n), l2s.squareRoot(),
                        accuracy: tolerance(Double(l2s.squareRoot())), "L2, n=\(n)")
                    XCTAssertEqual(
                        Distance.cosineDistance(x, y, count: n), ScalarReference.cosineDistance(x, y, count: n),
                        accuracy: tolerance(cosScale), "cosine, n=\(n)")
                    XCTAssertEqual(
                        Norms.l2Norm(x, count: n), ScalarReference.l2Norm(x, count: n),
                        accuracy: tolerance(Double(ScalarReference.l2Norm(x, count: n))), "norm, n=\(n)")
                }
            }
        }
    }

    func testEvaluateManyMatchesEvaluatePerRow() {
        var rng = SeededGenerator(seed: 2)
        for dim in [1, 3, 15, 16, 17, 64, 100, 512, 1100] {
            let rowCount = 37
            let query = rng.floats(dim)
            let rows = rng.floats(rowCount * dim)
            for f in DistanceFunction.allCases {
                var fast = [Float](repeating: .nan, count: rowCount)
                var slow = [Float](repeating: .nan, count: rowCount)
                query.withUnsafeBufferPointer { q in
                    rows.withUnsafeBufferPointer { r in
                        Distance.evaluateMany(
                            f, query: q.baseAddress!, rows: r.baseAddress!, rowCount: rowCount, dim: dim,
                            into: &fast)
                        ScalarReference.evaluateMany(
                            f, query: q.baseAddress!, rows: r.baseAddress!, rowCount: rowCount,
                            dim: dim, into: &slow)
                        for i in 0..<rowCount {
                            XCTAssertEqual(
                                fast[i], Distance.evaluate(f, q.baseAddress!, r.baseAddress! + i * dim, count: dim),
                                "\(f) dim=\(dim) row \(i)")
                            XCTAssertEqual(
                                fast[i], slow[i], accuracy: tolerance(Double(dim)), "\(f) dim=\(dim) row \(i)")
                        }
                    }
                }
            }
        }
    }

    func testEvaluateManyWithNoRowsWritesNothing() {
        let query: [Float] = [1, 2]
        var out: [Float] = [42]
        Distance.evaluateMany(.cosine, query: query, rows: query, rowCount: 0, dim: 2, into: &out)
        XCTAssertEqual(out, [42])
    }

    /// The values `SELECT L2Distance([0,0],[3,4]), L2SquaredDistance(...), dotProduct([1,2],[3,4])`
    /// returns in ClickHouse: 5, 25, 11.
    func testKnownValues() {
        let zero: [Float] = [0, 0]
        let v34: [Float] = [3, 4]
        let v12: [Float] = [1, 2]
        XCTAssertEqual(Distance.evaluate(.l2, zero, v34, count: 2), 5)
        XCTAssertEqual(Distance.evaluate(.l2Squared, zero, v34, count: 2), 25)
        XCTAssertEqual(Distance.evaluate(.dot, v12, v34, count: 2), 11)
        XCTAssertEqual(Distance.evaluate(.cosine, v12, v12, count: 2), 0, accuracy: 1e-7)
        XCTAssertEqual(Distance.evaluate(.cosine, v12, [-1, -2], count: 2), 2, accuracy: 1e-7)
        XCTAssertEqual(Distance.evaluate(.cosine, [1, 0], [0, 1], count: 2), 1, accuracy: 1e-7)
    }

    /// ClickHouse: `SELECT cosineDistance([0,0],[1,2])` is nan, either way round and for two zeros.
    func testCosineWithAZeroVectorIsNaN() {
        let zero = [Float](repeating: 0, count: 100)
        let other = (0..<100).map { Float($0) }
        XCTAssertTrue(Distance.cosineDistance(zero, other, count: 100).isNaN)
        XCTAssertTrue(Distance.cosineDistance(other, zero, count: 100).isNaN)
        XCTAssertTrue(Distance.cosineDistance(zero, zero, count: 100).isNaN)
        XCTAssertTrue(ScalarReference.cosineDistance(zero, other, count: 100).isNaN)
        var out = [Float](repeating: 0, count: 2)
        let rows = other + zero
        Distance.evaluateMany(.cosine, query: other, rows: rows, rowCount: 2, dim: 100, into: &out)
        XCTAssertEqual(out[0], 0, accuracy: 1e-6)
        XCTAssertTrue(out[1].isNaN)
    }

    func testEmptyVectors() {
        let empty: [Float] = []
        XCTAssertEqual(Distance.dot(empty, empty, count: 0), 0)
        XCTAssertEqual(Distance.l2Squared(empty, empty, count: 0), 0)
        XCTAssertTrue(Distance.cosineDistance(empty, empty, count: 0).isNaN)
    }

    func testDistanceFunctionFromMetric() {
        XCTAssertEqual(DistanceFunction(.cosine), .cosine)
        XCTAssertEqual(DistanceFunction(.l2), .l2Squared)
        XCTAssertEqual(DistanceFunction(.innerProduct), .dot)
        XCTAssertTrue(DistanceFunction.dot.largerIsBetter)
        XCTAssertFalse(DistanceFunction.cosine.largerIsBetter)
    }
}
