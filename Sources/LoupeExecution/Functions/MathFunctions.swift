// abs, sign, round/floor/ceil (with an optional digit count), sqrt, exp, log, log2, log10, pow,
// isNaN/isInfinite/isFinite, and rand/rand64. Rounding follows ClickHouse: floats round half to even after scaling by 10^n
// (`round(2.5) = 2`, `round(2.675, 2) = 2.68` because 2.675·100 is exactly 267.5 in binary);
// integers with negative n round half away from zero (`round(1250, -2) = 1300`).

import Foundation
import LoupeCore

/// Numeric functions.
enum MathFunctions {
    static let entries: [String: FunctionEntry] = [
        "abs": FunctionEntry(abs),
        "round": FunctionEntry { try rounding($0, .toNearestOrEven) },
        "floor": FunctionEntry { try rounding($0, .down) },
        "ceil": FunctionEntry { try rounding($0, .up) },
        "sqrt": FunctionEntry { try unaryDouble($0) { $0.squareRoot() } },
        "exp": FunctionEntry { try unaryDouble($0, Foundation.exp) },
        "log": FunctionEntry { try unaryDouble($0, Foundation.log) },
        "log2": FunctionEntry { try unaryDouble($0, Foundation.log2) },
        "log10": FunctionEntry { try unaryDouble($0, Foundation.log10) },
        "pow": FunctionEntry { call in
            try call.expectArguments(2)
            let r = NumericKernels.binary(
                call.arguments[0].doubleLane(), call.arguments[1].doubleLane(), count: call.count
            ) {
                Foundation.pow($0, $1)
            }
            return NumericKernels.column(double: r, type: call.resultType, nulls: nil)
        },
        "isNaN": FunctionEntry { try floatTest($0) { $0.isNaN } },
        "isInfinite": FunctionEntry { try floatTest($0) { $0.isInfinite } },
        "isFinite": FunctionEntry { try floatTest($0) { $0.isFinite } },
        "sign": FunctionEntry { call in
            try call.expectArguments(1)
            let r = NumericKernels.unary(call.arguments[0].doubleLane(), count: call.count) {
                Int64($0 > 0 ? 1 : ($0 < 0 ? -1 : 0))
            }
            return NumericKernels.column(int64: r, type: call.resultType, nulls: nil)
        },
        "rand": FunctionEntry(.propagate, deterministic: false) { call in
            let r = (0..<call.count).map { _ in call.context.random.next() >> 32 }
            return NumericKernels.column(uint64: r, type: call.resultType, nulls: nil)
        },
        "rand64": FunctionEntry(.propagate, deterministic: false) { call in
            let r = (0..<call.count).map { _ in call.context.random.next() }
            return NumericKernels.column(uint64: r, type: call.resultType, nulls: nil)
        },
    ]

    /// A Float64 → Float64 function.
    private static func unaryDouble(_ call: FunctionCall, _ f: (Double) -> Double) throws -> Column {
        try call.expectArguments(1)
        let r = NumericKernels.unary(call.arguments[0].doubleLane(), count: call.count, f)
        return NumericKernels.column(double: r, type: call.resultType, nulls: nil)
    }

    /// A test of a float's class (isNaN, isInfinite, isFinite) as 0/1.
    private static func floatTest(_ call: FunctionCall, _ test: (Double) -> Bool) throws -> Column {
        try call.expectArguments(1)
        let r = NumericKernels.unary(call.arguments[0].doubleLane(), count: call.count) { Int64(test($0) ? 1 : 0) }
        return Column(type: call.resultType, data: .int64(r))
    }

    /// `abs(x)`; signed integers yield their unsigned type (abs(-128 :: Int8) = 128 :: UInt8).
    private static func abs(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1)
        let a = call.arguments[0]
        if a.type.isFloat {
            let r = NumericKernels.unary(a.doubleLane(), count: call.count) { Swift.abs($0) }
            return NumericKernels.column(double: r, type: call.resultType, nulls: nil)
        }
        if a.type.nonNullable == .uint64 {
            let r = NumericKernels.unary(a.uint64Lane(), count: call.count) { $0 }
            return NumericKernels.column(uint64: r, type: call.resultType, nulls: nil)
        }
        let r = NumericKernels.unary(a.int64Lane(), count: call.count) { UInt64(bitPattern: $0 < 0 ? 0 &- $0 : $0) }
        return NumericKernels.column(uint64: r, type: call.resultType, nulls: nil)
    }

    /// round / floor / ceil with an optional (constant or per-row) number of decimal digits.
    private static func rounding(_ call: FunctionCall, _ rule: FloatingPointRoundingRule) throws -> Column {
        try call.expectArguments(1, 2)
        let x = call.arguments[0]
        let digits = call.arguments.count == 2 ? call.arguments[1].int64Lane() : .scalar(0)
        let type = call.resultType
        if x.type.isFloat || type.isFloat {
            // Beyond ±400 digits every double rounds the same; clamping keeps the count an Int.
            let clamped = digits.map { Double(min(max($0, -400), 400)) }
            let r = NumericKernels.binary(x.doubleLane(), clamped, count: call.count) { v, n in
                roundDouble(v, digits: Int(n), rule)
            }
            return NumericKernels.column(double: r, type: type, nulls: nil)
        }
        if x.type.nonNullable == .uint64 {
            let r = NumericKernels.binary(x.uint64Lane(), digits.map { UInt64(bitPattern: $0) }, count: call.count) {
                v, n in
                let d = Int64(bitPattern: n)
                return UInt64(bitPattern: roundInteger(Int64(bitPattern: v), digits: d, rule, unsigned: true))
            }
            return NumericKernels.column(uint64: r, type: type, nulls: nil)
        }
        let r = NumericKernels.binary(x.int64Lane(), digits, count: call.count) { v, n in
            roundInteger(v, digits: n, rule, unsigned: false)
        }
        return NumericKernels.column(int64: r, type: type, nulls: nil)
    }

    /// A float rounded to `digits` decimal places (negative: to tens, hundreds, ...).
    static func roundDouble(_ v: Double, digits: Int, _ rule: FloatingPointRoundingRule) -> Double {
        if digits == 0 || !v.isFinite { return v.rounded(rule) }
        let scale = Foundation.pow(10.0, Double(Swift.abs(digits)))
        if !scale.isFinite { return digits > 0 ? v : 0 }
        if digits > 0 {
            let scaled = v * scale
            return scaled.isFinite ? scaled.rounded(rule) / scale : v
        }
        return (v / scale).rounded(rule) * scale
    }

    /// An integer rounded to `digits` (only negative digit counts change it).
    static func roundInteger(_ v: Int64, digits: Int64, _ rule: FloatingPointRoundingRule, unsigned: Bool) -> Int64 {
        guard digits < 0 else { return v }
        if digits < -19 { return 0 }
        var p: UInt64 = 1
        for _ in 0..<(-digits) { p = p &* 10 }
        if unsigned {
            let u = UInt64(bitPattern: v)
            let (q, r) = u.quotientAndRemainder(dividingBy: p)
            let up: Bool
            switch rule {
            case .down: up = false
            case .up: up = r != 0
            default: up = r >= p - r
            }
            return Int64(bitPattern: (up ? q &+ 1 : q) &* p)
        }
        guard p <= UInt64(Int64.max) else { return 0 }
        let ps = Int64(p)
        let q = v / ps
        let r = v % ps
        var adjusted = q
        switch rule {
        case .down: if r < 0 { adjusted -= 1 }
        case .up: if r > 0 { adjusted += 1 }
        default: if Swift.abs(r) >= ps - Swift.abs(r) { adjusted += r < 0 ? -1 : 1 }
        }
        return adjusted &* ps
    }
}
