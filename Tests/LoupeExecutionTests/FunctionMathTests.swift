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
            (1250, -2, "round", 1300), (1350, -2, "round", 1400), (1251, -2, "round", 1300),
            (-1250, -2, "round", -1300),
            (1234, -2, "floor", 1200), (1234, -2, "ceil", 1300), (-1234, -2, "floor", -1300), (7, 0, "round", 7),
        ]
        for (x, n, name, expected) in ints {
            let r = try evaluateConstant(call(name, [lit(.int(x), .int32), lit(.int(n), .int64)], .int32))
            XCTAssertEqual(r, .int(expected), "\(name)(\(x), \(n))")
        }
        XCTAssertEqual(try evaluateConstant(call("round", [lit(.float(2.5), .float32)], .float32)), .float(2))
        XCTAssertEqual(
            try evaluateConstant(call("round", [f(123.4), lit(.int(Int64.min), .int64)], .float64)), .float(0))
        XCTAssertEqual(
            try evaluateConstant(call("round", [f(123.4), lit(.int(Int64.max), .int64)], .float64)), .float(123.4))
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
        for (k, expected) in [
            (1, [Value.int(1), .int(0)]), (-1, [.int(3), .int(0)]), (0, [.int(0), .int(0)]), (4, [.int(0), .int(0)]),
        ] {
            XCTAssertEqual(
                try evaluate(call("arrayElement", [a, lit(.int(Int64(k)), .int64)], .int32), batch), expected, "\(k)")
        }
        let extreme = try evaluate(call("arrayElement", [a, lit(.int(Int64.min), .int64)], .int32), batch)
        XCTAssertEqual(extreme, [.int(0), .int(0)])
        XCTAssertEqual(try evaluate(call("has", [a, lit(.int(2), .int32)], .uint8), batch), [.int(1), .int(0)])
        XCTAssertEqual(try evaluate(call("indexOf", [a, lit(.int(3), .int32)], .uint64), batch), [.uint(3), .uint(0)])
        XCTAssertEqual(try evaluate(call("arraySum", [a], .int64), batch), [.int(6), .int(0)])
        let built = call("array", [lit(.int(1), .int32), lit(.null, .nothing)], .array(.nullable(.int32)))
        XCTAssertEqual(try evaluateConstant(built), .array([.int(1), .null]))
        XCTAssertEqual(try evaluateConstant(call("has", [built, lit(.null, .nothing)], .uint8)), .int(1))
        // ClickHouse: indexOf([1, NULL], NULL) = 2.
        XCTAssertEqual(try evaluateConstant(call("indexOf", [built, lit(.null, .nothing)], .uint64)), .uint(2))
        let perRow = call("array", [a, a], .array(.array(.int32)))
        XCTAssertEqual(
            try evaluate(perRow, batch)[0],
            .array([.array([.int(1), .int(2), .int(3)]), .array([.int(1), .int(2), .int(3)])]))
        let strings = lit(.array([.string("x"), .string("y")]), .array(.string))
        XCTAssertEqual(
            try evaluateConstant(call("arrayElement", [strings, lit(.int(2), .int64)], .string)), .string("y"))
        XCTAssertEqual(
            try evaluateConstant(call("arrayElement", [strings, lit(.null, .nothing)], .nullable(.string))), .null)
    }

    func testFloatClassesAndSign() throws {
        let x = column(.float64, [.float(.nan), .float(.infinity), .float(-2)])
        let batch = Batch(columns: [x])
        XCTAssertEqual(try evaluate(call("isNaN", [ref(0, .float64)], .uint8), batch), [.int(1), .int(0), .int(0)])
        XCTAssertEqual(
            try evaluate(call("isInfinite", [ref(0, .float64)], .uint8), batch), [.int(0), .int(1), .int(0)])
        XCTAssertEqual(try evaluate(call("isFinite", [ref(0, .float64)], .uint8), batch), [.int(0), .int(0), .int(1)])
        XCTAssertEqual(try evaluate(call("sign", [ref(0, .float64)], .int8), batch)[2], .int(-1))
    }

    /// ClickHouse: toDayOfWeek('2024-01-07') = 7 (Sunday), toStartOfHour('2024-01-05 10:11:12') = 10:00:00.
    func testCalendarParts() throws {
        let t = lit(.dateTime(19727 * 86400 + 36672), .dateTime)
        let d = lit(.date(19729), .date)
        XCTAssertEqual(try evaluateConstant(call("toYear", [t], .uint16)), .int(2024))
        XCTAssertEqual(try evaluateConstant(call("toMonth", [t], .uint8)), .int(1))
        XCTAssertEqual(try evaluateConstant(call("toDayOfMonth", [d], .uint8)), .int(7))
        XCTAssertEqual(try evaluateConstant(call("toDayOfWeek", [d], .uint8)), .int(7))
        XCTAssertEqual(try evaluateConstant(call("toDayOfWeek", [lit(.date(0), .date)], .uint8)), .int(4))
        XCTAssertEqual(try evaluateConstant(call("toHour", [t], .uint8)), .int(10))
        XCTAssertEqual(try evaluateConstant(call("toMinute", [t], .uint8)), .int(11))
        XCTAssertEqual(try evaluateConstant(call("toSecond", [t], .uint8)), .int(12))
        XCTAssertEqual(try evaluateConstant(call("toYYYYMM", [t], .uint32)), .int(202401))
        XCTAssertEqual(try evaluateConstant(call("toStartOfHour", [t], .dateTime)), .dateTime(19727 * 86400 + 36000))
        XCTAssertEqual(try evaluateConstant(call("toStartOfDay", [t], .dateTime)), .dateTime(19727 * 86400))
        XCTAssertEqual(try evaluateConstant(call("toStartOfMonth", [d], .date)), .date(19723))
        XCTAssertEqual(try evaluateConstant(call("toStartOfYear", [d], .date)), .date(19723))
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
