// Helpers for the expression, function, cast and aggregate tests: columns and calls built from
// literals, and evaluation that returns plain values to compare against.

import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

/// A column from values.
func column(_ type: DataType, _ values: [Value]) -> Column {
    Column(type: type, values: values)
}

/// A call expression.
func call(_ name: String, _ arguments: [BoundExpr], _ type: DataType, parameters: [Value] = []) -> BoundExpr {
    BoundExpr(.call(name, arguments: arguments, parameters: parameters), type: type)
}

/// A reference to column `i` of the batch.
func ref(_ i: Int, _ type: DataType) -> BoundExpr { .column(i, type) }

/// A literal.
func lit(_ v: Value, _ type: DataType) -> BoundExpr { .literal(v, type) }

/// A context with a fixed statement time (2023-11-14 22:13:20 UTC).
func testContext() -> EvaluationContext { EvaluationContext(statementTime: 1_700_000_000) }

/// The values of `expr` over `batch`, checking the result's type and row count.
func evaluate(
    _ expr: BoundExpr, _ batch: Batch, file: StaticString = #filePath, line: UInt = #line
) throws -> [Value] {
    let result = try ExpressionEvaluator(context: testContext()).evaluate(expr, on: batch)
    XCTAssertEqual(result.count, batch.count, "row count", file: file, line: line)
    XCTAssertEqual(result.type, expr.type, "result type", file: file, line: line)
    return result.values
}

/// The value of `expr` over a one-row batch without columns.
func evaluateConstant(_ expr: BoundExpr) throws -> Value {
    try evaluate(expr, Batch(columns: [], count: 1))[0]
}

/// The error thrown by `body`, as a `LoupeError`.
func loupeError(_ body: () throws -> Void) -> LoupeError? {
    do {
        try body()
        return nil
    } catch let e as LoupeError {
        return e
    } catch {
        return nil
    }
}
