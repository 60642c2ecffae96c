// The float parser of loads and SQL literals against the standard library's correctly rounded one: a million
// seeded random decimal strings (short and long mantissas, every exponent range, subnormals,
// signs, `.5` / `5.` forms) must give bit-identical Floats and Doubles, and the syntax must stop
// where ClickHouse's does.

import LoupeTestSupport
import XCTest

import LoupeCore

final class FloatParserTests: XCTestCase {
    private func parseFloat(_ text: String) -> (Float?, Int) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var p = buffer.baseAddress!
            let start = p
            let value = FloatParser.parseFloat(&p, start + buffer.count)
            return (value, p - start)
        }
    }

    private func parseDouble(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var p = buffer.baseAddress!
            return FloatParser.parseDouble(&p, p + buffer.count)
        }
    }

    /// A random decimal string: sign, 1–25 digits with a point somewhere (or none), an optional
    /// exponent from a range that reaches subnormals, overflow and the fast path alike.
    private func randomDecimal(_ rng: inout SeededGenerator) -> String {
        var text = rng.chance(0.3) ? "-" : (rng.chance(0.05) ? "+" : "")
        let digits = rng.chance(0.7) ? Int.random(in: 1...9, using: &rng) : Int.random(in: 10...25, using: &rng)
        var mantissa = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        if rng.chance(0.1) { mantissa = "0" + mantissa }
        let point = Int.random(in: 0...digits, using: &rng)
        if rng.chance(0.8) {
            let i = mantissa.index(mantissa.startIndex, offsetBy: point)
            mantissa.insert(".", at: i)
        }
        text += mantissa
        if rng.chance(0.4) {
            let exponent =
                rng.chance(0.5) ? Int.random(in: -12...12, using: &rng) : Int.random(in: -330...330, using: &rng)
            text += (rng.chance(0.5) ? "e" : "E") + String(exponent)
        }
        return text
    }

    func testMillionRandomDecimalsMatchTheStandardLibrary() {
        var rng = SeededGenerator(seed: 0x10AD)
        var checked = 0
        for _ in 0..<1_000_000 {
            let text = randomDecimal(&rng)
            guard let expected = Float(text) else { continue }
            let (value, consumed) = parseFloat(text)
            guard let value, consumed == text.utf8.count, value.bitPattern == expected.bitPattern else {
                XCTFail(
                    "Float '\(text)': got \(String(describing: value)) after \(consumed) bytes, expected \(expected)")
                return
            }
            if let expectedDouble = Double(text), parseDouble(text)?.bitPattern != expectedDouble.bitPattern {
                XCTFail("Double '\(text)': got \(String(describing: parseDouble(text))), expected \(expectedDouble)")
                return
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 990_000)
    }

    func testShortestFloatTextRoundTrips() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            guard f.isFinite else { continue }
            let (value, _) = parseFloat(f.description)
            XCTAssertEqual(value?.bitPattern, f.bitPattern, f.description)
        }
    }

    func testSyntax() {
        XCTAssertEqual(parseFloat(".5").0, 0.5)
        XCTAssertEqual(parseFloat("5.").0, 5)
        XCTAssertEqual(parseFloat("+1").0, 1)
        XCTAssertEqual(parseFloat("-0").0?.bitPattern, (-0.0 as Float).bitPattern)
        XCTAssertEqual(parseFloat("1e-50").0, 0)
        XCTAssertEqual(parseFloat("1e39").0, .infinity)
        XCTAssertEqual(parseFloat("inf").0, .infinity)
        XCTAssertEqual(parseFloat("-Infinity").0, -.infinity)
        XCTAssertTrue(parseFloat("nan").0?.isNaN ?? false)
        XCTAssertEqual(parseFloat("1.5abc").0, 1.5)
        XCTAssertEqual(parseFloat("1.5abc").1, 3)
        XCTAssertEqual(parseFloat("0x10").1, 1, "hex is not read: 0, then garbage")
        XCTAssertNil(parseFloat("abc").0)
        XCTAssertNil(parseFloat("-").0)
        XCTAssertNil(parseFloat("1e").0, "an exponent needs digits")
        XCTAssertNil(parseFloat("").0)
        XCTAssertEqual(parseFloat("1.401298464324817e-45").0, Float.leastNonzeroMagnitude)
        XCTAssertEqual(parseFloat("3.4028235e38").0, Float.greatestFiniteMagnitude)
    }
}
