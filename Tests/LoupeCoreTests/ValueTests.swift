// Core value types: dates, formatting and column round trips.
import XCTest
@testable import LoupeCore

final class ValueTests: XCTestCase {
    func testCivilDateRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = ValueFormatter.civilFromDays(Int64(days))
            XCTAssertEqual(ValueFormatter.daysFromCivil(year: y, month: m, day: d), Int64(days))
        }
        XCTAssertEqual(ValueFormatter.formatDate(days: 0), "1970-01-01")
        XCTAssertEqual(ValueFormatter.formatDateTime(seconds: 86_399), "1970-01-01 23:59:59")
        XCTAssertEqual(ValueFormatter.formatDate(days: 19_723), "2024-01-01")
    }

    func testColumnRoundTripAndGather() {
        let type = DataType.nullable(.string)
        let values: [Value] = [.string("a"), .null, .string("héllo"), .string("")]
        let column = Column(type: type, values: values)
        XCTAssertEqual(column.count, 4)
        XCTAssertEqual(column.values, values)
        XCTAssertEqual(column.gather([2, -1, 0]).values, [.string("héllo"), .null, .string("a")])
    }

    func testVectorColumnIsFlat() {
        let column = Column(type: .array(.float32), values: [.vector([1, 2]), .vector([3, 4, 5])])
        guard case .array(let offsets, let elements) = column.data, case .float32(let flat) = elements.data else {
            return XCTFail("expected flat float storage")
        }
        XCTAssertEqual(offsets, [0, 2, 5])
        XCTAssertEqual(flat, [1, 2, 3, 4, 5])
        XCTAssertEqual(column.gather([1]).value(at: 0), .vector([3, 4, 5]))
        let both = Column.concatenate([column, column], type: column.type)
        XCTAssertEqual(both.value(at: 3), .vector([3, 4, 5]))
    }

    func testErrorDescriptionNamesLineAndColumn() {
        let e = LoupeError(.syntax, "unexpected ')'", at: SourceRange(at: SourceLocation(offset: 9, line: 2, column: 4)))
        XCTAssertEqual(e.description, "Error at line 2, column 4: unexpected ')'")
    }
}

final class FloatFormattingTests: XCTestCase {
    /// Pinned against ClickHouse's TSV output (chdb 4.4).
    func testDoublesPrintAsClickHouseDoes() {
        let cases: [(Double, String)] = [
            (1e-7, "1e-7"), (1e16, "10000000000000000"), (1e20, "100000000000000000000"),
            (0.1 + 0.2, "0.30000000000000004"), (1e300, "1e300"), (123456789.125, "123456789.125"),
            (-0.0, "-0"), (1.0 / 3, "0.3333333333333333"), (2.5e-5, "0.000025"), (1e15, "1000000000000000"),
            (123456789012345680000.0, "123456789012345680000"), (1.5, "1.5"), (-2e-3, "-0.002"),
            (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (0, "0"), (1e21, "1e21"), (1.25e-7, "1.25e-7"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(ValueFormatter.formatDouble(value), text, "\(value)")
        }
    }

    func testFloat32PrintsShortest() {
        XCTAssertEqual(ValueFormatter.formatFloat(0.1), "0.1")
        XCTAssertEqual(ValueFormatter.formatFloat(1e10), "10000000000")
        XCTAssertEqual(ValueFormatter.formatFloat(16_777_217), "16777216")
        XCTAssertEqual(ValueFormatter.text(.float(Double(Float(0.1))), type: .float32), "0.1")
    }
}
