// Which sort-key ranges a scan filter implies: comparisons and BETWEEN on the key narrow the
// range, mirrored comparisons count, anything else leaves it open.

import LoupeCore
import LoupePlanner
import LoupeStorage
import XCTest

@testable import LoupeExecution

final class KeyRangeExtractionTests: XCTestCase {
    private let key = BoundExpr.column(1, .uint64)

    private func call(_ name: String, _ a: BoundExpr, _ b: BoundExpr) -> BoundExpr {
        BoundExpr(.call(name, arguments: [a, b], parameters: []), type: .bool)
    }

    private func literal(_ v: UInt64) -> BoundExpr { .literal(.uint(v), .uint64) }

    func testBetweenAndMirroredComparisons() {
        let filter = call(
            FunctionNames.and, call(FunctionNames.greaterOrEquals, key, literal(5)),
            call(FunctionNames.and, call(FunctionNames.lessOrEquals, key, literal(10)), call(FunctionNames.less, literal(6), key)))
        XCTAssertEqual(
            KeyRangeExtraction.keyRange(of: filter, keyColumn: 3, columns: [0, 3]),
            KeyRange(column: 3, lower: .uint(6), upper: .uint(10)))
    }

    func testEqualityGivesAPoint() {
        let filter = call(FunctionNames.equals, key, literal(7))
        XCTAssertEqual(
            KeyRangeExtraction.keyRange(of: filter, keyColumn: 3, columns: [0, 3]),
            KeyRange(column: 3, lower: .uint(7), upper: .uint(7)))
    }

    func testOtherShapesLeaveTheRangeOpen() {
        let orFilter = call(FunctionNames.or, call(FunctionNames.equals, key, literal(1)), call(FunctionNames.equals, key, literal(2)))
        XCTAssertNil(KeyRangeExtraction.keyRange(of: orFilter, keyColumn: 3, columns: [0, 3]))
        let otherColumn = call(FunctionNames.equals, BoundExpr.column(0, .uint64), literal(1))
        XCTAssertNil(KeyRangeExtraction.keyRange(of: otherColumn, keyColumn: 3, columns: [0, 3]))
        XCTAssertNil(KeyRangeExtraction.keyRange(of: call(FunctionNames.equals, key, literal(1)), keyColumn: nil, columns: [0, 3]))
        XCTAssertNil(KeyRangeExtraction.keyRange(of: call(FunctionNames.equals, key, literal(1)), keyColumn: 2, columns: [0, 3]))
    }
}
