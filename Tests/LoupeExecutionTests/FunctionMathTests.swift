// Math, array, date and random functions, with ClickHouse's answers (checked with chdb).

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class FunctionMathTests: XCTestCase {
    private func f(_ v: Double) -> BoundExpr { lit(.float(v), .float64) }

    func testRounding() throws {
        let floats: [(Double, Int64, String, Double)] = [
            (2.5, 0, "round", 2), (3.5, 0, "round", 4), (-2.5, 0, "round", -2), (1.25, 1, "round", 1.2),
            (2.675, 2, "round", 2.68), (1.005, 2, "round", 1), (0.125, 2, "round", 0.12), (0.375, 2, "round", 0.38),
            (1234.5678, -2, "round", 1200), (-1.5, 0, "floor", -2), (1.2, 0, "ceil", 2), (1234.1, 1, "ceil", 1234.1),
        ]
        for (x, n, name, expected) in floats {
            let r = try evaluateConstant(call(name, [f(x), lit(.int(n), .int64)], .float64))
            XCTAssertEqual(r, .float(expected), "\(name)(\(x), \(n))")
        }
        let ints: [(Int64, Int64, String, Int64)] = [
            (1250, -2, "round", 1300), (1350, -2, "round", 1400), (1251, -2, "round", 1300), (-1250, -2, "round", -1300),
            (1234, -2, "floor", 1200), (1234, -2, "ceil", 1300), (-1234, -2, "floor", -1300), (7, 0, "round", 7),
        ]
        for (x, n, name, expected) in ints {
            let r = try evaluateConstant(call(name, [lit(.int(x), .int32), lit(.int(n), .int64)], .int32))
            XCTAssertEqual(r, .int(expected), "\(name)(\(x), \(n))")
        }
        XCTAssertEqual(try evaluateConstant(call("round", [lit(.float(2.5), .float32)], .float32)), .float(2))
    }

    func testElementaryFunctions() throws {
        XCTAssertTrue(try evaluateConstant(call("sqrt", [f(-1)], .float64)).doubleValue!.isNaN)
        XCTAssertEqual(try evaluateConstant(call("log", [f(0)], .float64)), .float(-.infinity))
        XCTAssertEqual(try evaluateConstant(call("exp", [f(1)], .float64)), .float(2.718281828459045))
        XCTAssertEqual(try evaluateConstant(call("pow", [f(2), f(10)], .float64)), .float(1024))
        XCTAssertEqual(try evaluateConstant(call("log2", [f(8)], .float64)), .float(3))
        XCTAssertEqual(try evaluateConstant(call("log10", [f(1000)], .float64)), .float(3))
        XCTAssertEqual(try evaluateConstant(call("abs", [lit(.int(-128), .int8)], .uint8)), .int(128))
        XCTAssertEqual(try evaluateConstant(call("abs", [f(-1.5)], .float64)), .float(1.5))
    }

    func testArrays() throws {
        let arrays = column(.array(.int32), [.array([.int(1), .int(2), .int(3)]), .array([])])
        let batch = Batch(columns: [arrays])
        let a = ref(0, .array(.int32))
        for (k, expected) in [(1, [Value.int(1), .int(0)]), (-1, [.int(3), .int(0)]), (0, [.int(0), .int(0)]), (4, [.int(0), .int(0)])] {
            XCTAssertEqual(try evaluate(call("arrayElement", [a, lit(.int(Int64(k)), .int64)], .int32), batch), expected, "\(k)")
        }
        XCTAssertEqual(try evaluate(call("has", [a, lit(.int(2), .int32)], .uint8), batch), [.int(1), .int(0)])
        XCTAssertEqual(try evaluate(call("arraySum", [a], .int64), batch), [.int(6), .int(0)])
        let built = call("array", [lit(.int(1), .int32), lit(.null, .nothing)], .array(.nullable(.int32)))
        XCTAssertEqual(try evaluateConstant(built), .array([.int(1), .null]))
        XCTAssertEqual(try evaluateConstant(call("has", [built, lit(.null, .nothing)], .uint8)), .int(1))
        let perRow = call("array", [a, a], .array(.array(.int32)))
        XCTAssertEqual(try evaluate(perRow, batch)[0], .array([.array([.int(1), .int(2), .int(3)]), .array([.int(1), .int(2), .int(3)])]))
        let strings = lit(.array([.string("x"), .string("y")]), .array(.string))
        XCTAssertEqual(try evaluateConstant(call("arrayElement", [strings, lit(.int(2), .int64)], .string)), .string("y"))
        XCTAssertEqual(try evaluateConstant(call("arrayElement", [strings, lit(.null, .nothing)], .nullable(.string))), .null)
    }

    func testTimeAndRandom() throws {
        XCTAssertEqual(try evaluateConstant(call("now", [], .dateTime)), .dateTime(1_700_000_000))
        XCTAssertEqual(try evaluateConstant(call("today", [], .date)), .date(19675))
        let batch = Batch(columns: [], count: 1000)
        let r = try evaluate(call("rand", [], .uint32), batch)
        XCTAssertGreaterThan(Set(r).count, 990, "rand() differs per row")
        XCTAssertTrue(r.allSatisfy { ($0.int64Value ?? -1) >= 0 && ($0.int64Value ?? Int64.max) <= Int64(UInt32.max) })
        XCTAssertGreaterThan(Set(try evaluate(call("rand64", [], .uint64), batch)).count, 990)
    }
}
