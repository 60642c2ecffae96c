// Distance functions against a plain scalar reference computed here, for column vs constant (both
// argument orders), column vs column, Float64 arrays, NULL rows and dimension mismatches.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class FunctionDistanceTests: XCTestCase {
    private let names = ["cosineDistance", "L2Distance", "L2SquaredDistance", "dotProduct", "distance"]

    /// The textbook formula in Double.
    private func reference(_ name: String, _ a: [Float], _ b: [Float]) -> Double {
        let x = a.map(Double.init)
        let y = b.map(Double.init)
        let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let l2 = zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        switch name {
        case "L2Distance": return l2.squareRoot()
        case "L2SquaredDistance": return l2
        case "dotProduct": return dot
        default:
            let na = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let nb = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return 1 - dot / (na * nb)
        }
    }

    private func vectors(_ n: Int, dim: Int, seed: Int) -> [[Float]] {
        (0..<n).map { i in (0..<dim).map { j in Float(sin(Double(seed * 7919 + i * 31 + j))) } }
    }

    func testColumnAgainstConstant() throws {
        let dim = 37
        let rows = vectors(300, dim: dim, seed: 1)
        let query = vectors(1, dim: dim, seed: 2)[0]
        let batch = Batch(columns: [column(.array(.float32), rows.map { .vector($0) })])
        let vec = ref(0, .array(.float32))
        let q = lit(.vector(query), .array(.float32))
        for name in names {
            for args in [[vec, q], [q, vec]] {
                let values = try evaluate(call(name, args, .float32), batch)
                for (i, v) in values.enumerated() {
                    XCTAssertEqual(v.doubleValue!, reference(name, rows[i], query), accuracy: 1e-4, "\(name) row \(i)")
                }
            }
        }
    }

    func testColumnAgainstColumnAndFloat64() throws {
        let a = vectors(50, dim: 8, seed: 3)
        let b = vectors(50, dim: 8, seed: 4)
        let batch = Batch(columns: [
            column(.array(.float32), a.map { .vector($0) }), column(.array(.float32), b.map { .vector($0) }),
            column(.array(.float64), a.map { .array($0.map { .float(Double($0)) }) }),
            column(.array(.float64), b.map { .array($0.map { .float(Double($0)) }) }),
        ])
        for name in names {
            let f32 = try evaluate(call(name, [ref(0, .array(.float32)), ref(1, .array(.float32))], .float32), batch)
            let f64 = try evaluate(call(name, [ref(2, .array(.float64)), ref(3, .array(.float64))], .float64), batch)
            for i in 0..<50 {
                XCTAssertEqual(f32[i].doubleValue!, reference(name, a[i], b[i]), accuracy: 1e-4, name)
                XCTAssertEqual(f64[i].doubleValue!, reference(name, a[i], b[i]), accuracy: 1e-9, name)
            }
        }
    }

    func testDimensionMismatchNamesTheRow() throws {
        let batch = Batch(columns: [column(.array(.float32), [.vector([1, 2]), .vector([1, 2]), .vector([1])])])
        let e = loupeError {
            _ = try evaluate(
                call("L2Distance", [ref(0, .array(.float32)), lit(.vector([0, 0]), .array(.float32))], .float32), batch)
        }
        XCTAssertEqual(e?.kind, .type)
        XCTAssertEqual(e?.row, 3)
        XCTAssertTrue(e?.message.contains("row 3 has length 1, expected 2") ?? false, e?.message ?? "")
        let pair = loupeError {
            _ = try evaluate(
                call("dotProduct", [ref(0, .array(.float32)), lit(.vector([0]), .array(.float32))], .float32), batch)
        }
        XCTAssertEqual(pair?.row, 1)
    }

    func testNullRowsEmptyBatchAndZeroVectors() throws {
        let batch = Batch(columns: [column(.nullable(.array(.float32)), [.vector([3, 4]), .null])])
        let d = call(
            "L2Distance", [ref(0, .nullable(.array(.float32))), lit(.vector([0, 0]), .array(.float32))],
            .nullable(.float32))
        XCTAssertEqual(try evaluate(d, batch), [.float(5), .null])
        let empty = Batch(columns: [Column.empty(.array(.float32))], count: 0)
        XCTAssertEqual(
            try evaluate(
                call("cosineDistance", [ref(0, .array(.float32)), lit(.vector([1]), .array(.float32))], .float32), empty
            ), [])
        // ClickHouse: the cosine distance to a zero vector is nan.
        let zero = try evaluateConstant(
            call(
                "cosineDistance", [lit(.vector([0, 0]), .array(.float32)), lit(.vector([1, 0]), .array(.float32))],
                .float32))
        XCTAssertTrue(zero.doubleValue!.isNaN)
    }
}
