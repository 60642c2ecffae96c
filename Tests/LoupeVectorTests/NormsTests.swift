// Norms and in-place normalisation, including the zero vector that must stay zero.

import LoupeTestSupport
import LoupeVector
import XCTest

final class NormsTests: XCTestCase {
    func testNormalizeGivesUnitLength() {
        var rng = SeededGenerator(seed: 6)
        for n in [1, 5, 16, 31, 512, 1100] {
            var v = rng.floats(n).map { $0 * 7 }
            var w = v
            let before = ScalarReference.l2Norm(v, count: n)
            let returned = Norms.normalize(&v, count: n)
            ScalarReference.normalize(&w, count: n)
            XCTAssertEqual(returned, before, accuracy: before * 1e-5)
            XCTAssertEqual(ScalarReference.l2Norm(v, count: n), 1, accuracy: 1e-5, "n=\(n)")
            for i in 0..<n { XCTAssertEqual(v[i], w[i], accuracy: 1e-6) }
        }
    }

    func testZeroVectorStaysZero() {
        var zero = [Float](repeating: 0, count: 40)
        XCTAssertEqual(Norms.normalize(&zero, count: 40), 0)
        XCTAssertEqual(zero, [Float](repeating: 0, count: 40))
        XCTAssertEqual(Norms.l2Norm(zero, count: 40), 0)
    }
}
