// plus, minus, multiply, divide, intDiv, modulo and negate. The computation domain follows the
// declared result type (Float64, Float32, UInt64, else Int64 with wrapping arithmetic narrowed to
// the result's width), so `UInt8 + UInt8` typed UInt16 and `Date + Int` both come out right.
// Integer division or modulo by zero is an error, as in ClickHouse; `/` always yields Float64.

import LoupeCore

/// Arithmetic operators.
enum ArithmeticFunctions {
    static let entries: [String: FunctionEntry] = [
        "plus": FunctionEntry { try binary($0, .plus) },
        "minus": FunctionEntry { try binary($0, .minus) },
        "multiply": FunctionEntry { try binary($0, .multiply) },
        "divide": FunctionEntry(divide),
        "intDiv": FunctionEntry { try integerDivision($0, remainder: false, orZero: false) },
        "intDivOrZero": FunctionEntry { try integerDivision($0, remainder: false, orZero: true) },
        "modulo": FunctionEntry(modulo),
        "negate": FunctionEntry(negate),
    ]

    /// The operators that share one shape: wrapping on integers, IEEE on floats.
    private enum Op {
        case plus, minus, multiply
    }

    /// A two-argument operator computed in the result type's domain.
    private static func binary(_ call: FunctionCall, _ op: Op) throws -> Column {
        try call.expectArguments(2)
        let (a, b, n, type) = (call.arguments[0], call.arguments[1], call.count, call.resultType)
        switch type.physicalKind {
        case .float64:
            return NumericKernels.column(
                double: floating(a.doubleLane(), b.doubleLane(), op, n), type: type, nulls: nil)
        case .float32:
            return NumericKernels.column(float: floating(a.floatLane(), b.floatLane(), op, n), type: type, nulls: nil)
        case .uint64:
            return NumericKernels.column(
                uint64: wrapping(a.uint64Lane(), b.uint64Lane(), op, n), type: type, nulls: nil)
        case .int64:
            if a.type.isFloat || b.type.isFloat {
                let d = floating(a.doubleLane(), b.doubleLane(), op, n)
                return NumericKernels.column(double: d, type: type, nulls: nil)
            }
            return NumericKernels.column(int64: wrapping(a.int64Lane(), b.int64Lane(), op, n), type: type, nulls: nil)
        default:
            throw call.error(.type, "function \(call.name) cannot produce \(type)")
        }
    }

    /// Integer arithmetic that wraps on overflow (one specialized loop per operator).
    @inline(__always)
    private static func wrapping<T: FixedWidthInteger>(_ a: Lane<T>, _ b: Lane<T>, _ op: Op, _ n: Int) -> [T] {
        switch op {
        case .plus: return NumericKernels.binary(a, b, count: n) { $0 &+ $1 }
        case .minus: return NumericKernels.binary(a, b, count: n) { $0 &- $1 }
        case .multiply: return NumericKernels.binary(a, b, count: n) { $0 &* $1 }
        }
    }

    /// Floating-point arithmetic (one specialized loop per operator).
    @inline(__always)
    private static func floating<T: BinaryFloatingPoint>(_ a: Lane<T>, _ b: Lane<T>, _ op: Op, _ n: Int) -> [T] {
        switch op {
        case .plus: return NumericKernels.binary(a, b, count: n) { $0 + $1 }
        case .minus: return NumericKernels.binary(a, b, count: n) { $0 - $1 }
        case .multiply: return NumericKernels.binary(a, b, count: n) { $0 * $1 }
        }
    }

    /// `a / b` in Float64 (Float32 when so declared); division by zero gives inf or nan.
    private static func divide(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2)
        let (a, b) = (call.arguments[0], call.arguments[1])
        if call.resultType.physicalKind == .float32 {
            let r = NumericKernels.binary(a.floatLane(), b.floatLane(), count: call.count) { $0 / $1 }
            return NumericKernels.column(float: r, type: call.resultType, nulls: nil)
        }
        let r = NumericKernels.binary(a.doubleLane(), b.doubleLane(), count: call.count) { $0 / $1 }
        return NumericKernels.column(double: r, type: call.resultType, nulls: nil)
    }

    /// True when a non-NULL row has a zero divisor.
    private static func hasZeroDivisor<T: Numeric>(_ lane: Lane<T>, _ call: FunctionCall) -> Bool {
        switch lane {
        case .scalar(let s): return s == 0 && (0..<call.count).contains { !call.isNull($0) }
        case .array(let a): return a.indices.contains { a[$0] == 0 && !call.isNull($0) }
        }
    }

    /// Replaces zero divisors (in NULL rows, or for the OrZero variant) by one.
    private static func safeDivisor<T: Numeric>(_ lane: Lane<T>) -> Lane<T> {
        switch lane {
        case .scalar(let s): return .scalar(s == 0 ? 1 : s)
        case .array(let a): return a.contains(0) ? .array(a.map { $0 == 0 ? 1 : $0 }) : lane
        }
    }

    /// `intDiv(a, b)` (quotient truncated toward zero), or with `remainder` the integer modulo.
    private static func integerDivision(_ call: FunctionCall, remainder: Bool, orZero: Bool) throws -> Column {
        try call.expectArguments(2)
        let (a, b, n, type) = (call.arguments[0], call.arguments[1], call.count, call.resultType)
        let zeroError = call.error(.runtime, "division by zero in \(call.name)")
        if a.type.isFloat || b.type.isFloat {
            let divisor = b.doubleLane()
            if !orZero, hasZeroDivisor(divisor, call) { throw zeroError }
            let q = NumericKernels.binary(a.doubleLane(), divisor, count: n) { x, y in
                y == 0 ? 0 : (x / y).rounded(.towardZero)
            }
            return NumericKernels.column(double: q, type: type, nulls: nil)
        }
        let unsigned = a.type.nonNullable == .uint64 && b.type.isUnsignedInteger
        if unsigned {
            let divisor = b.uint64Lane()
            if !orZero, hasZeroDivisor(divisor, call) { throw zeroError }
            let zeroRows = orZero ? zeroMask(divisor, n) : nil
            var q = NumericKernels.binary(a.uint64Lane(), safeDivisor(divisor), count: n) {
                remainder ? $0 % $1 : $0 / $1
            }
            if let zeroRows { for i in 0..<n where zeroRows[i] { q[i] = 0 } }
            return NumericKernels.column(uint64: q, type: type, nulls: nil)
        }
        let divisor = b.int64Lane()
        if !orZero, hasZeroDivisor(divisor, call) { throw zeroError }
        let zeroRows = orZero ? zeroMask(divisor, n) : nil
        var q = NumericKernels.binary(a.int64Lane(), safeDivisor(divisor), count: n) { x, y in
            remainder
                ? x.remainderReportingOverflow(dividingBy: y).partialValue
                : x.dividedReportingOverflow(by: y).partialValue
        }
        if let zeroRows { for i in 0..<n where zeroRows[i] { q[i] = 0 } }
        return NumericKernels.column(int64: q, type: type, nulls: nil)
    }

    private static func zeroMask<T: Numeric>(_ lane: Lane<T>, _ n: Int) -> [Bool] {
        switch lane {
        case .scalar(let s): return [Bool](repeating: s == 0, count: n)
        case .array(let a): return a.map { $0 == 0 }
        }
    }

    /// `a % b`: the sign follows the dividend; floats use fmod (zero divisor gives nan).
    private static func modulo(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2)
        let (a, b) = (call.arguments[0], call.arguments[1])
        if call.resultType.isFloat || a.type.isFloat || b.type.isFloat {
            let r = NumericKernels.binary(a.doubleLane(), b.doubleLane(), count: call.count) {
                $0.truncatingRemainder(dividingBy: $1)
            }
            return NumericKernels.column(double: r, type: call.resultType, nulls: nil)
        }
        return try integerDivision(call, remainder: true, orZero: false)
    }

    /// `-a`.
    private static func negate(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1)
        let a = call.arguments[0]
        switch call.resultType.physicalKind {
        case .float64:
            return NumericKernels.column(
                double: NumericKernels.unary(a.doubleLane(), count: call.count) { -$0 }, type: call.resultType,
                nulls: nil)
        case .float32:
            return NumericKernels.column(
                float: NumericKernels.unary(a.floatLane(), count: call.count) { -$0 }, type: call.resultType, nulls: nil
            )
        case .uint64:
            return NumericKernels.column(
                uint64: NumericKernels.unary(a.uint64Lane(), count: call.count) { 0 &- $0 }, type: call.resultType,
                nulls: nil)
        default:
            return NumericKernels.column(
                int64: NumericKernels.unary(a.int64Lane(), count: call.count) { 0 &- $0 }, type: call.resultType,
                nulls: nil)
        }
    }
}
