// The element-wise kernels against plain scalar formulas: the SIMD exp across its whole range,
// softmax rows, LayerNorm and both activations.

import Foundation
import XCTest

@testable import LoupeEmbed

final class VectorMathTests: XCTestCase {
    func testVectorExpMatchesScalarExp() {
        var worst: Float = 0
        for start in stride(from: -87.0 as Float, to: 88, by: 0.37) {
            let x = VectorMath.Vector((0..<8).map { start + Float($0) * 0.046 })
            let e = VectorMath.exp(x)
            for lane in 0..<8 {
                let expected = Foundation.exp(x[lane])
                worst = max(worst, abs(e[lane] - expected) / expected)
            }
        }
        XCTAssertLessThan(worst, 3e-7)
        XCTAssertEqual(VectorMath.exp(VectorMath.Vector(repeating: 0))[0], 1)
        XCTAssertEqual(VectorMath.exp(VectorMath.Vector(repeating: -1000))[0], Foundation.exp(-87.3), accuracy: 1e-38)
        XCTAssertTrue(VectorMath.exp(VectorMath.Vector(repeating: 1000))[0].isFinite)
    }

    func testSoftmaxRows() {
        var data: [Float] = (0..<30).map { Float($0 % 7) * 0.9 - 2 }
        let rows = 2
        let width = 15
        let expected = (0..<rows).flatMap { row -> [Float] in
            let slice = data[(row * width)..<((row + 1) * width)]
            let maximum = slice.max()!
            let exps = slice.map { Foundation.exp($0 - maximum) }
            let total = exps.reduce(0, +)
            return exps.map { $0 / total }
        }
        data.withUnsafeMutableBufferPointer { VectorMath.softmaxRows($0.baseAddress!, rows: rows, width: width) }
        XCTAssertLessThanOrEqual(maxAbsDifference(data, expected), 1e-6)
    }

    func testLayerNormAndActivations() {
        let width = 19
        let input: [Float] = (0..<(2 * width)).map { sin(Float($0)) * 3 + 1 }
        let gamma = Tensor(shape: [width], values: (0..<width).map { 1 + Float($0) * 0.01 })
        let beta = Tensor(shape: [width], values: (0..<width).map { Float($0) * -0.02 })
        var output = [Float](repeating: 0, count: input.count)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                VectorMath.layerNorm(
                    source.baseAddress!, rows: 0..<2, width: width, gamma: gamma, beta: beta, epsilon: 1e-5,
                    into: target.baseAddress!)
            }
        }
        for row in 0..<2 {
            let x = input[(row * width)..<((row + 1) * width)].map { Double($0) }
            let mean = x.reduce(0, +) / Double(width)
            let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(width)
            for j in 0..<width {
                let expected =
                    (x[j] - mean) / (variance + 1e-5).squareRoot() * Double(gamma.data[j]) + Double(beta.data[j])
                XCTAssertEqual(Double(output[row * width + j]), expected, accuracy: 1e-5)
            }
        }
        var values: [Float] = (0..<21).map { Float($0) * 0.7 - 7 }
        let original = values
        values.withUnsafeMutableBufferPointer { VectorMath.activate($0.baseAddress!, count: 21, .quickGELU) }
        for (y, x) in zip(values, original) { XCTAssertEqual(y, x / (1 + Foundation.exp(-1.702 * x)), accuracy: 1e-6) }
        values = original
        values.withUnsafeMutableBufferPointer { VectorMath.activate($0.baseAddress!, count: 21, .gelu) }
        for (y, x) in zip(values, original) {
            XCTAssertEqual(y, 0.5 * x * (1 + erf(x / Float(2).squareRoot())), accuracy: 1e-6)
        }
    }
}
