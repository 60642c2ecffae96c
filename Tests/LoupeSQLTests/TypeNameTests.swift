// Type names: parsing shapes and resolution to LoupeCore.DataType, with errors for unknown
// names and wrong arguments.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class TypeNameTests: XCTestCase {
    private func resolve(_ spelling: String) throws -> DataType {
        guard case .cast(_, let type, _) = try Parser.parseExpression("CAST(x AS \(spelling))").kind else {
            throw LoupeError(.syntax, "not a cast")
        }
        return try type.resolve()
    }

    func testResolution() throws {
        let cases: [(String, DataType)] = [
            ("Int8", .int8), ("Int16", .int16), ("Int32", .int32), ("Int64", .int64), ("UInt8", .uint8),
            ("UInt16", .uint16), ("UInt32", .uint32), ("UInt64", .uint64), ("Float32", .float32), ("Float64", .float64),
            ("String", .string), ("FixedString(16)", .fixedString(16)), ("Bool", .bool), ("Boolean", .bool),
            ("Date", .date), ("DateTime", .dateTime), ("DateTime('Asia/Tokyo')", .dateTime),
            ("Array(Float32)", .array(.float32)), ("Array(Array(UInt8))", .array(.array(.uint8))),
            ("Nullable(String)", .nullable(.string)), ("Array(Nullable(Int32))", .array(.nullable(.int32))),
            ("LowCardinality(String)", .string), ("LowCardinality(Nullable(String))", .nullable(.string)),
            ("INT", .int32), ("integer", .int32), ("BIGINT", .int64), ("SMALLINT", .int16), ("TINYINT", .int8),
            ("REAL", .float32), ("FLOAT", .float32), ("DOUBLE", .float64), ("double precision", .float64),
            ("TEXT", .string), ("VARCHAR(255)", .string), ("CHAR(3)", .string), ("INT UNSIGNED", .uint32),
            ("BIGINT UNSIGNED", .uint64), ("date", .date), ("dateTime", .dateTime), ("bool", .bool),
        ]
        for (spelling, expected) in cases {
            XCTAssertEqual(try resolve(spelling), expected, spelling)
        }
    }

    func testErrors() {
        let cases: [(String, LoupeError.Kind, String)] = [
            ("Decimal(10, 2)", .unknownName, "unknown data type 'Decimal'"),
            ("Strin", .unknownName, "unknown data type 'Strin'"),
            ("FixedString", .type, "type FixedString needs one positive integer length"),
            ("FixedString(0)", .type, "type FixedString needs one positive integer length"),
            ("Array(Int8, Int8)", .type, "type Array needs one type argument"),
            ("Array(3)", .type, "type Array needs one type argument"),
            ("Nullable(Nullable(Int8))", .type, "type Nullable cannot wrap a Nullable type"),
            ("Nullable(Array(Int8))", .type, "type Nullable cannot wrap an Array (use Array(Nullable(T)))"),
            ("Int32(5, 6)", .type, "type Int32 takes no arguments"),
            ("DateTime(3)", .type, "type DateTime takes a time zone string"),
            ("Array(Foo)", .unknownName, "unknown data type 'Foo'"),
            ("uint64", .unknownName, "unknown data type 'uint64'; did you mean 'UInt64'?"),
            ("Array(string)", .unknownName, "unknown data type 'string'; did you mean 'String'?"),
        ]
        for (spelling, kind, message) in cases {
            XCTAssertThrowsError(try resolve(spelling), spelling) { error in
                XCTAssertEqual((error as? LoupeError)?.kind, kind, spelling)
                XCTAssertEqual((error as? LoupeError)?.message, message, spelling)
                XCTAssertNotNil((error as? LoupeError)?.range, spelling)
            }
        }
    }

    func testErrorPointsAtTheInnerType() throws {
        guard case .createTable(let t) = try Parser.parseStatement("CREATE TABLE t (v Array(Floa32)) ORDER BY v") else {
            return XCTFail()
        }
        XCTAssertThrowsError(try t.columns[0].type.resolve()) { error in
            XCTAssertEqual((error as? LoupeError)?.range?.start.column, 25)
        }
    }

    func testNullModifierMakesTheColumnNullable() throws {
        guard
            case .createTable(let t) = try assertRoundTrip(
                "CREATE TABLE t (a Int32 NULL, b String NOT NULL, c Float64, d Nullable(Int8) NULL, e Array(Int8) NULL) ORDER BY b")
        else { return XCTFail() }
        XCTAssertEqual(t.columns.map(\.nullable), [true, false, nil, true, true])
        XCTAssertEqual(try t.columns[0].resolvedType(), .nullable(.int32))
        XCTAssertEqual(try t.columns[1].resolvedType(), .string)
        XCTAssertEqual(try t.columns[2].resolvedType(), .float64)
        XCTAssertEqual(try t.columns[3].resolvedType(), .nullable(.int8))
        XCTAssertThrowsError(try t.columns[4].resolvedType())
    }

    func testPrinting() throws {
        XCTAssertEqual(try printed("CAST(x AS Array(Nullable(Float32)))"), "CAST(x AS Array(Nullable(Float32)))")
        XCTAssertEqual(try printed("x::DateTime('UTC')"), "x::DateTime('UTC')")
        XCTAssertEqual(try printed("CAST(x AS INT UNSIGNED)"), "CAST(x AS INT UNSIGNED)")
    }
}
