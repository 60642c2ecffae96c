// Arithmetic, comparison and logical operators, with answers checked against ClickHouse.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class FunctionOperatorTests: XCTestCase {
    func testArithmeticWrapsToTheResultWidth() throws {
        let a = column(.uint8, [.int(200), .int(255)])
        let b = column(.uint8, [.int(100), .int(1)])
        let batch = Batch(columns: [a, b])
        // ClickHouse: UInt8 + UInt8 is UInt16, so no overflow.
        XCTAssertEqual(
            try evaluate(call("plus", [ref(0, .uint8), ref(1, .uint8)], .uint16), batch), [.int(300), .int(256)])
        // A declared UInt8 result wraps.
        XCTAssertEqual(
            try evaluate(call("plus", [ref(0, .uint8), ref(1, .uint8)], .uint8), batch), [.int(44), .int(0)])
        // ClickHouse: 0 - 1 as UInt8 operands is Int16 -1.
        XCTAssertEqual(
            try evaluate(call("minus", [ref(1, .uint8), ref(0, .uint8)], .int16), batch), [.int(-100), .int(-254)])
        let big = try evaluateConstant(call("plus", [lit(.int(Int64.max), .int64), lit(.int(1), .uint8)], .int64))
        XCTAssertEqual(big, .int(Int64.min))
        let u = try evaluateConstant(
            call("multiply", [lit(.uint(UInt64.max), .uint64), lit(.int(2), .uint8)], .uint64))
        XCTAssertEqual(u, .uint(UInt64.max - 1))
    }

    func testDivisionAndModulo() throws {
        XCTAssertEqual(
            try evaluateConstant(call("divide", [lit(.int(7), .uint8), lit(.int(2), .uint8)], .float64)), .float(3.5))
        XCTAssertEqual(
            try evaluateConstant(call("divide", [lit(.int(1), .uint8), lit(.int(0), .uint8)], .float64)),
            .float(.infinity))
        XCTAssertEqual(
            try evaluateConstant(call("intDiv", [lit(.int(-7), .int8), lit(.int(2), .uint8)], .int16)), .int(-3))
        XCTAssertEqual(
            try evaluateConstant(call("modulo", [lit(.int(-7), .int8), lit(.int(2), .uint8)], .int16)), .int(-1))
        XCTAssertEqual(
            try evaluateConstant(call("modulo", [lit(.float(7.5), .float64), lit(.int(2), .uint8)], .float64)),
            .float(1.5))
        XCTAssertEqual(
            try evaluateConstant(call("intDivOrZero", [lit(.int(7), .int8), lit(.int(0), .uint8)], .int8)), .int(0))
        let e = loupeError {
            _ = try evaluateConstant(call("intDiv", [lit(.int(1), .uint8), lit(.int(0), .uint8)], .uint8))
        }
        XCTAssertEqual(e?.kind, .runtime)
        // A NULL row's divisor slot is ignored.
        let divisors = column(.nullable(.int32), [.int(2), .null])
        let batch = Batch(columns: [divisors])
        let q = call("intDiv", [lit(.int(9), .uint8), ref(0, .nullable(.int32))], .nullable(.int32))
        XCTAssertEqual(try evaluate(q, batch), [.int(4), .null])
        XCTAssertEqual(try evaluateConstant(call("negate", [lit(.int(5), .uint8)], .int16)), .int(-5))
    }

    func testFloatAndDateArithmetic() throws {
        let f = column(.float32, [.float(1.5), .float(-2)])
        let batch = Batch(columns: [f])
        XCTAssertEqual(
            try evaluate(call("multiply", [ref(0, .float32), lit(.int(2), .uint8)], .float64), batch),
            [.float(3), .float(-4)])
        let day = try evaluateConstant(call("plus", [lit(.date(19000), .date), lit(.int(1), .uint8)], .date))
        XCTAssertEqual(day, .date(19001))
        // ClickHouse: toDate('2024-01-01') + 100000 = 2118-05-12 (Date is a UInt16 day count).
        let wrapped = try evaluateConstant(
            call("plus", [lit(.date(19723), .date), lit(.int(100_000), .uint32)], .date))
        XCTAssertEqual(wrapped, .date(54187))
    }

    func testComparisonsAcrossDomains() throws {
        let cases: [(Value, DataType, Value, DataType, String, Int64)] = [
            (.int(-1), .int64, .uint(UInt64.max), .uint64, "less", 1),
            (.uint(UInt64.max), .uint64, .int(-1), .int8, "greater", 1),
            (.int(3), .int32, .float(2.5), .float64, "greater", 1),
            (.float(.nan), .float64, .float(.nan), .float64, "equals", 0),
            (.string("abc"), .string, .string("abd"), .string, "less", 1),
            (.string("b"), .string, .string("abc"), .string, "greater", 1),
            (.string(""), .string, .string(""), .string, "equals", 1),
            (.date(19727), .date, .string("2024-01-05"), .string, "equals", 1),
            (.int(5), .int32, .string("5"), .string, "equals", 1),
            (.array([.int(1), .int(2)]), .array(.int32), .array([.int(1), .int(3)]), .array(.int32), "less", 1),
        ]
        for (a, ta, b, tb, op, expected) in cases {
            let r = try evaluateConstant(call(op, [lit(a, ta), lit(b, tb)], .uint8))
            XCTAssertEqual(r, .int(expected), "\(a) \(op) \(b)")
        }
        let strings = column(.string, [.string("apple"), .string("b"), .string("")])
        let other = column(.string, [.string("apple"), .string("a"), .string("x")])
        let batch = Batch(columns: [strings, other])
        XCTAssertEqual(
            try evaluate(call("equals", [ref(0, .string), ref(1, .string)], .uint8), batch),
            [.int(1), .int(0), .int(0)])
        XCTAssertEqual(
            try evaluate(call("greater", [ref(0, .string), ref(1, .string)], .uint8), batch),
            [.int(0), .int(1), .int(0)])
        XCTAssertEqual(
            try evaluate(call("notEquals", [ref(0, .string), lit(.string("b"), .string)], .uint8), batch),
            [.int(1), .int(0), .int(1)])
        XCTAssertEqual(
            try evaluate(call("lessOrEquals", [lit(.string("b"), .string), ref(0, .string)], .uint8), batch),
            [.int(0), .int(1), .int(0)])
    }

    func testGreatestAndLeast() throws {
        let r = try evaluateConstant(
            call("greatest", [lit(.int(3), .uint8), lit(.float(4.5), .float64), lit(.int(-1), .int8)], .float64))
        XCTAssertEqual(r, .float(4.5))
        let s = try evaluateConstant(call("least", [lit(.string("b"), .string), lit(.string("a"), .string)], .string))
        XCTAssertEqual(s, .string("a"))
        // ClickHouse: greatest(nan, 0) = 0, greatest(0, nan) = nan, least(nan, 0) = 0; NULLs are skipped.
        let nan = lit(.float(.nan), .float64)
        let zero = lit(.float(0), .float64)
        XCTAssertEqual(try evaluateConstant(call("greatest", [nan, zero], .float64)), .float(0))
        XCTAssertTrue(try evaluateConstant(call("greatest", [zero, nan], .float64)).doubleValue!.isNaN)
        XCTAssertEqual(try evaluateConstant(call("least", [nan, zero], .float64)), .float(0))
        let n = column(.nullable(.int32), [.null, .int(3), .int(-2)])
        let batch = Batch(columns: [n])
        let g = call("greatest", [ref(0, .nullable(.int32)), lit(.int(1), .int32)], .nullable(.int32))
        XCTAssertEqual(try evaluate(g, batch), [.int(1), .int(3), .int(1)])
        let allNull = call("least", [ref(0, .nullable(.int32)), lit(.null, .nothing)], .nullable(.int32))
        XCTAssertEqual(try evaluate(allNull, batch), [.null, .int(3), .int(-2)])
    }

    /// ClickHouse: NULL AND 0 = 0, NULL AND 1 = NULL, NULL OR 1 = 1, NULL OR 0 = NULL, NOT NULL = NULL.
    func testThreeValuedLogic() throws {
        let values: [Value] = [.int(0), .int(1), .null]
        let a = column(.nullable(.uint8), values.flatMap { v in [v, v, v] })
        let b = column(.nullable(.uint8), Array([values, values, values].joined()))
        let batch = Batch(columns: [a, b])
        let args = [ref(0, .nullable(.uint8)), ref(1, .nullable(.uint8))]
        let and = try evaluate(call("and", args, .nullable(.uint8)), batch)
        XCTAssertEqual(and, [.int(0), .int(0), .int(0), .int(0), .int(1), .null, .int(0), .null, .null])
        let or = try evaluate(call("or", args, .nullable(.uint8)), batch)
        XCTAssertEqual(or, [.int(0), .int(1), .null, .int(1), .int(1), .int(1), .null, .int(1), .null])
        let not = try evaluate(call("not", [args[0]], .nullable(.uint8)), batch)
        XCTAssertEqual(not, [.int(1), .int(1), .int(1), .int(0), .int(0), .int(0), .null, .null, .null])
        // Any non-zero number is true; constants fold.
        XCTAssertEqual(
            try evaluateConstant(call("and", [lit(.float(0.5), .float64), lit(.int(2), .uint8)], .uint8)), .int(1))
        XCTAssertEqual(
            try evaluateConstant(call("and", [lit(.null, .nothing), lit(.int(0), .uint8)], .nullable(.uint8))), .int(0))
        XCTAssertEqual(
            try evaluateConstant(call("or", [lit(.null, .nothing), lit(.int(0), .uint8)], .nullable(.uint8))), .null)
        XCTAssertEqual(
            try evaluateConstant(call("xor", [lit(.int(1), .uint8), lit(.int(1), .uint8)], .uint8)), .int(0))
    }

    func testNullFunctions() throws {
        let x = column(.nullable(.int32), [.int(1), .null, .int(3)])
        let y = column(.nullable(.int32), [.null, .null, .int(30)])
        let batch = Batch(columns: [x, y])
        let nx = ref(0, .nullable(.int32))
        let ny = ref(1, .nullable(.int32))
        XCTAssertEqual(try evaluate(call("isNull", [nx], .uint8), batch), [.int(0), .int(1), .int(0)])
        XCTAssertEqual(try evaluate(call("isNotNull", [nx], .uint8), batch), [.int(1), .int(0), .int(1)])
        XCTAssertEqual(try evaluate(call("coalesce", [ny, nx], .nullable(.int32)), batch), [.int(1), .null, .int(30)])
        XCTAssertEqual(
            try evaluate(call("ifNull", [nx, lit(.int(0), .uint8)], .int32), batch), [.int(1), .int(0), .int(3)])
        XCTAssertEqual(
            try evaluate(call("nullIf", [nx, lit(.int(3), .uint8)], .nullable(.int32)), batch), [.int(1), .null, .null])
        XCTAssertEqual(try evaluate(call("assumeNotNull", [nx], .int32), batch), [.int(1), .int(0), .int(3)])
    }
}
