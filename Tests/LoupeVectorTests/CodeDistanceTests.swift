// The quantized-code kernel against its plain-loop reference, and the quantizer's round trip:
// decoded codes stay within half a step of the original, and a prepared query's approximate dot
// product stays close to the exact one over the decoded vector.

import LoupeTestSupport
import LoupeVector
import XCTest

final class CodeDistanceTests: XCTestCase {
    private let dimensions = [1, 3, 15, 16, 17, 63, 64, 65, 100, 512, 769]

    func testKernelMatchesScalarReferenceOnRandomData() {
        var rng = SeededGenerator(seed: 7)
        for dim in dimensions + (0..<20).map({ _ in Int.random(in: 1...1500, using: &rng) }) {
            let length = ScalarQuantizer.codeLength(dim)
            let codes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let bound = Int32(min(32767, Int(Int32.max) / (255 * length)))
            let weights = (0..<length).map { _ in Int32.random(in: -bound...bound, using: &rng) }
            codes.withUnsafeBufferPointer { c in
                weights.withUnsafeBufferPointer { w in
                    XCTAssertEqual(
                        CodeDistance.dot(w.baseAddress!, c.baseAddress!, count: length),
                        ScalarReference.codeDot(w.baseAddress!, c.baseAddress!, count: length), "dim \(dim)")
                }
            }
        }
    }

    func testExtremeWeightsAndCodesDoNotOverflow() {
        for dim in dimensions {
            let length = ScalarQuantizer.codeLength(dim)
            let bound = Int32(min(32767, Int(Int32.max) / (255 * length)))
            let codes = [UInt8](repeating: 255, count: length)
            for sign: Int32 in [1, -1] {
                let weights = [Int32](repeating: sign * bound, count: length)
                let got = CodeDistance.dot(weights, codes, count: length)
                XCTAssertEqual(Int64(got), Int64(sign) * Int64(bound) * 255 * Int64(length), "dim \(dim)")
            }
        }
    }

    func testCodePositionsArePermutationOfEachBlock() {
        for length in [64, 128, 576] {
            let positions = (0..<length).map(CodeDistance.codePosition)
            XCTAssertEqual(Set(positions).count, length)
            XCTAssertEqual(positions.max(), length - 1)
        }
        XCTAssertEqual(CodeDistance.codePosition(1), 4)
        XCTAssertEqual(CodeDistance.codePosition(16), 1)
    }

    func testQuantizerRoundTripAndPreparedDot() {
        var rng = SeededGenerator(seed: 11)
        for dim in dimensions {
            let rows = 50
            let data = (0..<rows * dim).map { i in Float.random(in: -1...1, using: &rng) * Float(1 + i % 5) }
            var trainer = ScalarQuantizer.Trainer(dimension: dim)
            data.withUnsafeBufferPointer { trainer.observe($0.baseAddress!, count: rows) }
            let quantizer = trainer.finish()
            XCTAssertEqual(quantizer.codeLength % CodeDistance.blockLength, 0)
            var codes = [UInt8](repeating: 0, count: quantizer.codeLength)
            var decoded = [Float](repeating: 0, count: dim)
            var weights = [Int32](repeating: 0, count: quantizer.codeLength)
            let query = rng.floats(dim)
            for r in 0..<rows {
                let row = Array(data[(r * dim)..<((r + 1) * dim)])
                quantizer.encode(row, into: &codes)
                quantizer.decode(codes, into: &decoded)
                for d in 0..<dim {
                    XCTAssertEqual(
                        decoded[d], row[d], accuracy: quantizer.scales[d] * 0.5001 + 1e-6, "dim \(dim) d \(d)")
                }
                for p in dim..<quantizer.codeLength {
                    XCTAssertEqual(codes[CodeDistance.codePosition(p)], 0, "padding")
                }
                let terms = quantizer.prepare(query, weights: &weights)
                let approximate = quantizer.approximateDot(terms, weights, codes)
                let exact = ScalarReference.dot(query, decoded, count: dim)
                let scale = zip(query, decoded).reduce(Float(0)) { $0 + abs($1.0 * $1.1) } + 1
                XCTAssertEqual(approximate, exact, accuracy: scale * 1e-3, "dim \(dim) row \(r)")
            }
        }
    }

    func testNonFiniteQueryGivesZeroWeights() {
        let quantizer = ScalarQuantizer(minimum: [0, 0, 0], maximum: [1, 1, 1])
        var weights = [Int32](repeating: 7, count: quantizer.codeLength)
        let terms = quantizer.prepare([1, .nan, 0], weights: &weights)
        XCTAssertTrue(terms.constant.isNaN)
        XCTAssertEqual(weights, [Int32](repeating: 0, count: quantizer.codeLength))
    }

    func testConstantDimensionEncodesToZero() {
        let quantizer = ScalarQuantizer(minimum: [2, -1], maximum: [2, 1])
        XCTAssertEqual(quantizer.scales[0], 0)
        var codes = [UInt8](repeating: 9, count: quantizer.codeLength)
        quantizer.encode([2, 1], into: &codes)
        XCTAssertEqual(codes[CodeDistance.codePosition(0)], 0)
        XCTAssertEqual(codes[CodeDistance.codePosition(1)], 255)
    }
}
