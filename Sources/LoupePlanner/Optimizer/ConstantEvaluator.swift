// Evaluates the few pure functions the planner computes on constant arguments, exactly as the
// execution layer does: arithmetic, comparisons, boolean logic, NULL tests and array construction.
// Anything else (string, date and conversion functions, whose one implementation is the execution
// layer's, and any error, such as integer division by zero) is left for run time, where the
// execution layer evaluates it once per batch and reports errors with the row they happened on.

import LoupeCore

/// Plan-time evaluation of calls whose arguments are all constants.
enum ConstantEvaluator {
    /// Functions that return NULL when any argument is NULL.
    private static let nullPropagating: Set<String> = [
        FunctionNames.plus, FunctionNames.minus, FunctionNames.multiply, FunctionNames.divide, FunctionNames.intDiv,
        FunctionNames.modulo, FunctionNames.negate, FunctionNames.equals, FunctionNames.notEquals, FunctionNames.less,
        FunctionNames.lessOrEquals, FunctionNames.greater, FunctionNames.greaterOrEquals,
    ]

    /// The value of `name(arguments)` with result type `type`, or nil when it is not computed here.
    static func evaluate(_ name: String, _ arguments: [Value], type: DataType) -> Value? {
        if nullPropagating.contains(name) && arguments.contains(where: \.isNull) { return .null }
        switch name {
        case FunctionNames.plus, FunctionNames.minus, FunctionNames.multiply, FunctionNames.divide,
            FunctionNames.intDiv, FunctionNames.modulo:
            return arithmetic(name, arguments[0], arguments[1], type: type)
        case FunctionNames.negate:
            return arithmetic(FunctionNames.minus, .int(0), arguments[0], type: type)
        case FunctionNames.equals, FunctionNames.notEquals, FunctionNames.less, FunctionNames.lessOrEquals,
            FunctionNames.greater, FunctionNames.greaterOrEquals:
            guard let order = compare(arguments[0], arguments[1]) else { return nil }
            let result: Bool
            switch name {
            case FunctionNames.equals: result = order == 0
            case FunctionNames.notEquals: result = order != 0
            case FunctionNames.less: result = order < 0
            case FunctionNames.lessOrEquals: result = order <= 0
            case FunctionNames.greater: result = order > 0
            default: result = order >= 0
            }
            return boolean(result, type: type)
        case FunctionNames.and, FunctionNames.or:
            let isAnd = name == FunctionNames.and
            var sawNull = false
            for a in arguments {
                guard let truth = truth(a) else {
                    sawNull = true
                    continue
                }
                if truth != isAnd { return boolean(!isAnd, type: type) }
            }
            return sawNull ? .null : boolean(isAnd, type: type)
        case FunctionNames.not:
            return truth(arguments[0]).map { boolean(!$0, type: type) } ?? .null
        case FunctionNames.isNull: return boolean(arguments[0].isNull, type: type)
        case FunctionNames.isNotNull: return boolean(!arguments[0].isNull, type: type)
        case FunctionNames.array:
            return LiteralConversion.foldedCast(.array(arguments), to: type)
        default:
            return nil
        }
    }

    /// A truth value as a constant of `type`: Bool (`and` of a Bool is Bool) or UInt8 0/1.
    static func boolean(_ value: Bool, type: DataType) -> Value {
        type.nonNullable == .bool ? .bool(value) : .int(value ? 1 : 0)
    }

    /// True/false for a boolean-like constant; nil for NULL.
    static func truth(_ value: Value) -> Bool? {
        if value.isNull { return nil }
        return (value.doubleValue ?? 0) != 0
    }

    private static func arithmetic(_ name: String, _ a: Value, _ b: Value, type: DataType) -> Value? {
        let target = type.nonNullable
        if target.isFloat || name == FunctionNames.divide || a.isFloatValue || b.isFloatValue {
            guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
            let r: Double
            switch name {
            case FunctionNames.plus: r = x + y
            case FunctionNames.minus: r = x - y
            case FunctionNames.multiply: r = x * y
            case FunctionNames.divide: r = x / y
            case FunctionNames.modulo:
                guard y != 0 else { return nil }
                r = x.truncatingRemainder(dividingBy: y)
            default:
                guard y != 0 else { return nil }
                r = (x / y).rounded(.towardZero)
            }
            return try? LiteralConversion.convert(.float(r), to: target, mode: .cast)
        }
        if case .uint(let x) = a, case .uint(let y) = b {
            let r: UInt64
            switch name {
            case FunctionNames.plus: r = x &+ y
            case FunctionNames.minus: r = x &- y
            case FunctionNames.multiply: r = x &* y
            default:
                guard y != 0 else { return nil }
                r = name == FunctionNames.modulo ? x % y : x / y
            }
            return try? LiteralConversion.convert(.uint(r), to: target, mode: .cast)
        }
        guard let x = a.wrappingInt64, let y = b.wrappingInt64 else { return nil }
        let r: Int64
        switch name {
        case FunctionNames.plus: r = x &+ y
        case FunctionNames.minus: r = x &- y
        case FunctionNames.multiply: r = x &* y
        default:
            guard y != 0, !(x == .min && y == -1) else { return nil }
            r = name == FunctionNames.modulo ? x % y : x / y
        }
        if target == .date || target == .dateTime || target == .int32 && (a.isDateLike || b.isDateLike) {
            return target == .date ? .date(Int32(truncatingIfNeeded: r)) : target == .dateTime ? .dateTime(r) : .int(r)
        }
        return try? LiteralConversion.convert(.int(r), to: target, mode: .cast)
    }

    /// -1, 0, 1 comparing two non-NULL constants of one type (after the binder's casts).
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return x == y ? 0 : (Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : 1)
        case (.uint(let x), .uint(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.int(let x), .int(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default:
            if let xs = a.arrayElements, let ys = b.arrayElements {
                for (x, y) in zip(xs, ys) {
                    guard let c = compare(x, y) else { return nil }
                    if c != 0 { return c }
                }
                return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
            }
            guard let x = a.doubleValue, let y = b.doubleValue, !x.isNaN, !y.isNaN else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

extension Value {
    fileprivate var isFloatValue: Bool {
        if case .float = self { return true }
        return false
    }

    fileprivate var isDateLike: Bool {
        switch self {
        case .date, .dateTime: return true
        default: return false
        }
    }

    fileprivate var wrappingInt64: Int64? {
        if case .uint(let u) = self { return Int64(bitPattern: u) }
        return int64Value
    }
}
