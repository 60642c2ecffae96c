// The function registry and the type rules on their own: canonical names, case-insensitive
// lookup, argument casts, result types, supertypes and literal conversions.

import LoupeCore
import LoupePlanner
import XCTest

final class FunctionRegistryTests: XCTestCase {
    func testCanonicalNamesAndCasts() throws {
        let plus = try FunctionRegistry.resolve(name: "PLUS", argumentTypes: [.uint8, .nullable(.int32)])
        XCTAssertEqual(
            plus,
            ResolvedFunction(name: "plus", argumentTypes: [.int64, .nullable(.int64)], resultType: .nullable(.int64)))
        XCTAssertEqual(
            try FunctionRegistry.resolve(name: "substr", argumentTypes: [.string, .uint8]).name, "substring")
        XCTAssertEqual(try FunctionRegistry.resolve(name: "TRIM", argumentTypes: [.string]).name, "trimBoth")
        XCTAssertEqual(
            try FunctionRegistry.resolve(name: "length", argumentTypes: [.fixedString(4)]).argumentTypes,
            [.fixedString(4)])
        XCTAssertEqual(
            try FunctionRegistry.resolve(name: "l2distance", argumentTypes: [.array(.float32), .array(.float32)]),
            ResolvedFunction(
                name: "L2Distance", argumentTypes: [.array(.float32), .array(.float32)], resultType: .float32))
        XCTAssertEqual(
            try FunctionRegistry.resolve(name: "equals", argumentTypes: [.uint8, .int8]).argumentTypes,
            [.int16, .int16])
        XCTAssertEqual(
            try FunctionRegistry.resolve(name: "divide", argumentTypes: [.int32, .uint8]).argumentTypes,
            [.float64, .float64])
    }

    func testAggregates() throws {
        XCTAssertTrue(FunctionRegistry.isAggregate("COUNT"))
        XCTAssertFalse(FunctionRegistry.isAggregate("length"))
        XCTAssertEqual(try FunctionRegistry.resolveAggregate(name: "count", argumentTypes: []).resultType, .uint64)
        XCTAssertEqual(try FunctionRegistry.resolveAggregate(name: "sum", argumentTypes: [.int8]).resultType, .int64)
        XCTAssertEqual(try FunctionRegistry.resolveAggregate(name: "sum", argumentTypes: [.uint8]).resultType, .uint64)
        XCTAssertEqual(try FunctionRegistry.resolveAggregate(name: "avg", argumentTypes: [.uint8]).resultType, .float64)
        XCTAssertEqual(
            try FunctionRegistry.resolveAggregate(name: "max", argumentTypes: [.nullable(.string)]).resultType,
            .nullable(.string))
        XCTAssertThrowsError(try FunctionRegistry.resolve(name: "count", argumentTypes: []))
        XCTAssertThrowsError(try FunctionRegistry.resolveAggregate(name: "sum", argumentTypes: [.string]))
    }

    func testDeterminism() {
        XCTAssertFalse(FunctionRegistry.isDeterministic("rand"))
        XCTAssertFalse(FunctionRegistry.isDeterministic("now"))
        XCTAssertTrue(FunctionRegistry.isDeterministic("plus"))
    }

    func testSupertypes() throws {
        XCTAssertEqual(TypeRules.supertype(.uint8, .int8), .int16)
        XCTAssertEqual(TypeRules.supertype(.uint32, .int64), .int64)
        XCTAssertEqual(TypeRules.supertype(.uint8, .float32), .float32)
        XCTAssertEqual(TypeRules.supertype(.int32, .float32), .float64)
        XCTAssertEqual(TypeRules.supertype(.nothing, .string), .nullable(.string))
        XCTAssertEqual(TypeRules.supertype(.date, .dateTime), .dateTime)
        XCTAssertEqual(TypeRules.supertype(.array(.uint8), .array(.float64)), .array(.float64))
        XCTAssertEqual(TypeRules.supertype(.fixedString(3), .string), .string)
        XCTAssertNil(TypeRules.supertype(.string, .uint8))
        XCTAssertThrowsError(try TypeRules.supertype(of: [.string, .date]))
    }

    func testLiteralConversion() throws {
        XCTAssertEqual(try LiteralConversion.convert(.int(300), to: .uint8, mode: .cast), .int(44))
        XCTAssertEqual(try LiteralConversion.convert(.int(-1), to: .uint8, mode: .cast), .int(255))
        XCTAssertThrowsError(try LiteralConversion.convert(.int(300), to: .uint8))
        XCTAssertThrowsError(try LiteralConversion.convert(.float(1.5), to: .int32))
        XCTAssertEqual(try LiteralConversion.convert(.float(1.7), to: .int32, mode: .cast), .int(1))
        XCTAssertEqual(try LiteralConversion.convert(.string("18446744073709551615"), to: .uint64), .uint(.max))
        XCTAssertEqual(
            try LiteralConversion.convert(.string("2024-01-02 03:04:05"), to: .dateTime), .dateTime(1_704_164_645))
        XCTAssertEqual(
            try LiteralConversion.convert(.array([.int(1), .float(0.5)]), to: .array(.float32)), .vector([1, 0.5]))
        XCTAssertEqual(try LiteralConversion.convert(.null, to: .nullable(.uint8)), .null)
        XCTAssertThrowsError(try LiteralConversion.convert(.null, to: .uint8))
        XCTAssertEqual(try LiteralConversion.convert(.float(2.5), to: .string), .string("2.5"))
        XCTAssertThrowsError(try LiteralConversion.convert(.string("abcd"), to: .fixedString(3)))
    }

    /// Array text (a `--param_v='[1, 0]'` parameter, a string constant) converts as ClickHouse reads it.
    func testArrayTextConversion() throws {
        XCTAssertEqual(try LiteralConversion.convert(.string("[1, 0]"), to: .array(.float32)), .vector([1, 0]))
        XCTAssertEqual(
            try LiteralConversion.convert(.string("[[1], [2, 3]]"), to: .array(.array(.uint8))),
            .array([.array([.int(1)]), .array([.int(2), .int(3)])]))
        XCTAssertEqual(
            try LiteralConversion.convert(.string("['a', NULL]"), to: .array(.nullable(.string))),
            .array([.string("a"), .null]))
        XCTAssertThrowsError(try LiteralConversion.convert(.string("[1, 2"), to: .array(.int32)))
        XCTAssertThrowsError(try LiteralConversion.convert(.string("[300]"), to: .array(.uint8)))
    }

    /// Casts fold at plan time only where run time could not give another answer.
    func testFoldedCast() {
        XCTAssertEqual(LiteralConversion.foldedCast(.int(5), to: .uint64), .uint(5))
        XCTAssertEqual(LiteralConversion.foldedCast(.array([.int(1), .float(0.5)]), to: .array(.float32)), .vector([1, 0.5]))
        XCTAssertEqual(LiteralConversion.foldedCast(.null, to: .nullable(.date)), .null)
        XCTAssertNil(LiteralConversion.foldedCast(.int(300), to: .uint8))
        XCTAssertNil(LiteralConversion.foldedCast(.float(1.7), to: .int32))
        XCTAssertNil(LiteralConversion.foldedCast(.string("2024-01-02"), to: .date))
        XCTAssertNil(LiteralConversion.foldedCast(.string("[1,2]"), to: .array(.int32)))
        XCTAssertNil(LiteralConversion.foldedCast(.null, to: .int32))
    }
}
