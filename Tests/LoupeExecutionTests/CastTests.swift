// Cast.convert and the to* conversion functions, pinned to ClickHouse's answers (CAST(300 AS
// UInt8) = 44, CAST(-1.9 AS Int32) = -1, toString(1e-7) = '1e-7', ...).

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class CastTests: XCTestCase {
    private func cast(_ values: [Value], _ from: DataType, _ to: DataType) throws -> [Value] {
        let result = try Cast.convert(column(from, values), to: to)
        XCTAssertEqual(result.type, to)
        return result.values
    }

    func testNumbersWrapAndTruncate() throws {
        XCTAssertEqual(try cast([.int(300), .int(-1)], .int64, .uint8), [.int(44), .int(255)])
        XCTAssertEqual(try cast([.int(200)], .int32, .int8), [.int(-56)])
        XCTAssertEqual(try cast([.int(-1)], .int8, .uint64), [.uint(UInt64.max)])
        XCTAssertEqual(try cast([.uint(UInt64.max)], .uint64, .int64), [.int(-1)])
        XCTAssertEqual(try cast([.float(1.9), .float(-1.9)], .float64, .int32), [.int(1), .int(-1)])
        XCTAssertEqual(try cast([.int(2), .int(0)], .int32, .bool), [.bool(true), .bool(false)])
        XCTAssertEqual(try cast([.float(0.5)], .float64, .bool), [.bool(true)])
        XCTAssertEqual(try cast([.int(7)], .int32, .float32), [.float(7)])
        XCTAssertEqual(try cast([.float(0.1)], .float64, .float32), [.float(Double(Float(0.1)))])
        // Out of range, as ClickHouse on x86: toInt32(5e9) = -2147483648, toUInt32(5e9) = 705032704,
        // toUInt32(toFloat32(1e20)) = 0, toInt64(1e20) = Int64.min, toUInt64(1e20) = 2^63, toUInt16(-1.0) = 65535.
        XCTAssertEqual(
            try cast([.float(5e9), .float(-5e9)], .float64, .int32), [.int(-2_147_483_648), .int(-2_147_483_648)])
        XCTAssertEqual(try cast([.float(5e9)], .float64, .uint32), [.int(705_032_704)])
        XCTAssertEqual(try cast([.float(1e20)], .float32, .uint32), [.int(0)])
        XCTAssertEqual(try cast([.float(1e20)], .float64, .int64), [.int(Int64.min)])
        XCTAssertEqual(try cast([.float(1e20), .float(-1)], .float64, .uint64), [.uint(1 << 63), .uint(UInt64.max)])
        XCTAssertEqual(
            try cast([.float(-1), .float(1e5), .float(1e10)], .float64, .uint16), [.int(65535), .int(34464), .int(0)])
        let e = loupeError { _ = try self.cast([.float(1), .float(.nan)], .float64, .int32) }
        XCTAssertEqual(e?.row, 2)
    }

    func testStringsParseStrictly() throws {
        XCTAssertEqual(
            try cast([.string("5"), .string("+5"), .string("300")], .string, .uint16), [.int(5), .int(5), .int(300)])
        XCTAssertEqual(try cast([.string("-5"), .string("+5")], .string, .int32), [.int(-5), .int(5)])
        // ClickHouse: toUInt8('300') = 44, toInt32('2147483648') = -2147483648.
        XCTAssertEqual(try cast([.string("300")], .string, .uint8), [.int(44)])
        XCTAssertEqual(try cast([.string("2147483648")], .string, .int32), [.int(-2_147_483_648)])
        XCTAssertEqual(
            try cast([.string("1e3"), .string("inf"), .string("-0.5")], .string, .float64),
            [.float(1000), .float(.infinity), .float(-0.5)])
        XCTAssertEqual(try cast([.string("true"), .string("0")], .string, .bool), [.bool(true), .bool(false)])
        for bad in [" 12", "12a", "1.5", ""] {
            let e = loupeError { _ = try self.cast([.string("1"), .string(bad)], .string, .int32) }
            XCTAssertEqual(e?.row, 2, bad)
            XCTAssertEqual(e?.kind, .type, bad)
            XCTAssertTrue(e?.message.contains("'\(bad)'") ?? false, e?.message ?? "")
        }
        XCTAssertNotNil(loupeError { _ = try self.cast([.string("-1")], .string, .uint8) })
        XCTAssertNotNil(loupeError { _ = try self.cast([.string(" 1.5")], .string, .float64) })
    }

    func testNumbersFormatAsClickHouse() throws {
        let doubles: [(Double, String)] = [
            (1e-7, "1e-7"), (1e20, "100000000000000000000"), (1e21, "1e21"), (0.1 + 0.2, "0.30000000000000004"),
            (123456789.0, "123456789"), (-0.0, "-0"), (1e-5, "0.00001"), (1e-6, "0.000001"), (1.5e-7, "1.5e-7"),
            (1.2345678901234568e20, "123456789012345680000"), (1.5e300, "1.5e300"), (-1.5e-10, "-1.5e-10"),
            (123.456, "123.456"), (.nan, "nan"), (-.infinity, "-inf"), (1.0 / 3, "0.3333333333333333"),
        ]
        for (d, text) in doubles {
            XCTAssertEqual(try cast([.float(d)], .float64, .string), [.string(text)], "\(d)")
        }
        XCTAssertEqual(try cast([.float(Double(Float(0.1)))], .float32, .string), [.string("0.1")])
        XCTAssertEqual(try cast([.float(16_777_216)], .float32, .string), [.string("16777216")])
        XCTAssertEqual(try cast([.int(-5)], .int32, .string), [.string("-5")])
        XCTAssertEqual(try cast([.bool(true)], .bool, .string), [.string("true")])
        XCTAssertEqual(try cast([.date(19727)], .date, .string), [.string("2024-01-05")])
        XCTAssertEqual(try cast([.dateTime(1_700_000_000)], .dateTime, .string), [.string("2023-11-14 22:13:20")])
        XCTAssertEqual(try cast([.vector([1, 2.5])], .array(.float32), .string), [.string("[1,2.5]")])
        XCTAssertEqual(try cast([.array([.string("a")])], .array(.string), .string), [.string("['a']")])
    }

    func testDatesAndTimes() throws {
        XCTAssertEqual(
            try cast([.string("2024-01-05"), .string("2024-1-5"), .string("20240105")], .string, .date),
            Array(repeating: .date(19727), count: 3))
        XCTAssertEqual(try cast([.string("2024-01-05 10:11:12")], .string, .date), [.date(19727)])
        XCTAssertEqual(
            try cast([.string("2024-01-05T10:11:12")], .string, .dateTime), [.dateTime(19727 * 86400 + 36672)])
        XCTAssertEqual(try cast([.string("2024-01-05")], .string, .dateTime), [.dateTime(19727 * 86400)])
        // Before the epoch clamps, as ClickHouse's unsigned Date does.
        XCTAssertEqual(try cast([.string("1960-01-01")], .string, .date), [.date(0)])
        XCTAssertEqual(try cast([.int(19000), .int(100000)], .int32, .date), [.date(19000), .date(1)])
        XCTAssertEqual(try cast([.dateTime(1_700_000_000)], .dateTime, .date), [.date(19675)])
        XCTAssertEqual(try cast([.date(1)], .date, .dateTime), [.dateTime(86400)])
        XCTAssertEqual(try cast([.date(19727)], .date, .uint32), [.int(19727)])
        // ClickHouse: toDateTime(-1) and toDateTime(5000000000) clamp to the UInt32 range.
        XCTAssertEqual(
            try cast([.int(-1), .int(5_000_000_000)], .int64, .dateTime), [.dateTime(0), .dateTime(4_294_967_295)])
        XCTAssertEqual(try cast([.string("2200-01-01")], .string, .date), [.date(65535)])
        let e = loupeError { _ = try self.cast([.string("abc")], .string, .date) }
        XCTAssertEqual(e?.row, 1)
    }

    func testNullability() throws {
        XCTAssertEqual(try cast([.int(1), .null], .nullable(.int32), .nullable(.int64)), [.int(1), .null])
        // NULL rows are not parsed.
        XCTAssertEqual(try cast([.string("7"), .null], .nullable(.string), .nullable(.int32)), [.int(7), .null])
        XCTAssertEqual(try cast([.int(1), .int(2)], .int32, .nullable(.int32)), [.int(1), .int(2)])
        XCTAssertEqual(try cast([.int(1)], .nullable(.int32), .int32), [.int(1)])
        let e = loupeError { _ = try self.cast([.int(1), .int(2), .null], .nullable(.int32), .int32) }
        XCTAssertEqual(e?.row, 3)
        XCTAssertEqual(try cast([.null], .nothing, .nullable(.string)), [.null])
        XCTAssertNotNil(loupeError { _ = try self.cast([.null], .nothing, .string) })
    }

    func testArraysAndFixedStrings() throws {
        XCTAssertEqual(
            try cast([.array([.float(1.5), .float(2)]), .array([])], .array(.float64), .array(.float32)),
            [.vector([1.5, 2]), .vector([])])
        XCTAssertEqual(
            try cast([.string("[1, 2,3]"), .string("[]")], .string, .array(.float32)),
            [.vector([1, 2, 3]), .vector([])])
        XCTAssertEqual(
            try cast([.string("['a','b\\'c']")], .string, .array(.string)), [.array([.string("a"), .string("b'c")])])
        XCTAssertEqual(
            try cast([.string("[[1],[2,3]]")], .string, .array(.array(.int32))),
            [.array([.array([.int(1)]), .array([.int(2), .int(3)])])])
        let bad = loupeError {
            _ = try self.cast(
                [.array([.string("1")]), .array([.string("2"), .string("x")])], .array(.string), .array(.int32))
        }
        XCTAssertEqual(bad?.row, 2)
        XCTAssertEqual(try cast([.string("ab")], .string, .fixedString(4)), [.string("ab\0\0")])
        // ClickHouse: toString of a FixedString drops the padding (length(toString('a\0b' :: FixedString(4))) = 3),
        // while CAST keeps it here so that length() of a FixedString counts its N bytes.
        let padded = column(.fixedString(4), [.string("ab\0\0"), .string("a\0b\0")])
        let text = try evaluate(call("toString", [ref(0, .fixedString(4))], .string), Batch(columns: [padded]))
        XCTAssertEqual(text, [.string("ab"), .string("a\0b")])
        let long = loupeError { _ = try self.cast([.string("abc")], .string, .fixedString(2)) }
        XCTAssertEqual(long?.row, 1)
    }

    func testConversionFunctions() throws {
        XCTAssertEqual(try evaluateConstant(call("toInt32", [lit(.string("42"), .string)], .int32)), .int(42))
        XCTAssertEqual(try evaluateConstant(call("toString", [lit(.float(0.5), .float64)], .string)), .string("0.5"))
        XCTAssertEqual(try evaluateConstant(call("toInt32OrZero", [lit(.string("x"), .string)], .int32)), .int(0))
        XCTAssertEqual(
            try evaluateConstant(call("toInt32OrNull", [lit(.string("x"), .string)], .nullable(.int32))), .null)
        XCTAssertEqual(
            try evaluateConstant(call("toTypeName", [lit(.null, .nothing)], .string)), .string("Nullable(Nothing)"))
        XCTAssertEqual(
            try evaluateConstant(call("toTypeName", [lit(.vector([1]), .array(.float32))], .string)),
            .string("Array(Float32)"))
        let strings = column(.nullable(.string), [.string("1"), .null, .string("x")])
        let batch = Batch(columns: [strings])
        XCTAssertEqual(
            try evaluate(call("toInt64OrNull", [ref(0, .nullable(.string))], .nullable(.int64)), batch),
            [.int(1), .null, .null])
        XCTAssertEqual(
            try evaluate(call("toInt64OrZero", [ref(0, .nullable(.string))], .nullable(.int64)), batch),
            [.int(1), .null, .int(0)])
        let cast = BoundExpr(.cast(ref(0, .nullable(.string))), type: .nullable(.int64))
        XCTAssertEqual(loupeError { _ = try evaluate(cast, batch) }?.row, 3)
    }
}
