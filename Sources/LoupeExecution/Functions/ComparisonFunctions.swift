// equals, notEquals, less, lessOrEquals, greater, greaterOrEquals, greatest and least.
// Comparisons yield UInt8 0/1 and pick a domain from both argument types: Int64 slots (all small
// integers, Bool, Date, DateTime), UInt64, mixed signed/unsigned, Double, or bytewise strings;
// arrays compare element by element on the row-at-a-time path. A WHERE of a column against a
// constant has its own loop that emits selected row positions without building a mask.

import LoupeCore
import LoupePlanner

/// Comparison operators.
enum ComparisonFunctions {
    /// A comparison operator.
    enum Op: String, CaseIterable {
        case equals, notEquals, less, lessOrEquals, greater, greaterOrEquals

        /// The same test with the arguments swapped.
        var flipped: Op {
            switch self {
            case .equals, .notEquals: return self
            case .less: return .greater
            case .lessOrEquals: return .greaterOrEquals
            case .greater: return .less
            case .greaterOrEquals: return .lessOrEquals
            }
        }

        /// Whether a three-way comparison result (-1, 0, 1) passes.
        func test(_ c: Int) -> Bool {
            switch self {
            case .equals: return c == 0
            case .notEquals: return c != 0
            case .less: return c < 0
            case .lessOrEquals: return c <= 0
            case .greater: return c > 0
            case .greaterOrEquals: return c >= 0
            }
        }
    }

    static let entries: [String: FunctionEntry] = {
        var all: [String: FunctionEntry] = [:]
        for op in Op.allCases {
            all[op.rawValue] = FunctionEntry { call in
                try call.expectArguments(2)
                let r = try compare(call.arguments[0], call.arguments[1], op, count: call.count)
                return Column(type: call.resultType, data: .int64(r))
            }
        }
        all["greatest"] = FunctionEntry(.custom) { try extreme($0, greatest: true) }
        all["least"] = FunctionEntry(.custom) { try extreme($0, greatest: false) }
        return all
    }()

    /// `a op b` for every row, as 0/1.
    static func compare(_ a: Operand, _ b: Operand, _ op: Op, count: Int) throws -> [Int64] {
        var (a, b) = (a, b)
        let (ta, tb) = (a.type.nonNullable, b.type.nonNullable)
        if ta.isString != tb.isString, ta != .nothing, tb != .nothing {
            // A string constant against a number or date is read as that type.
            if ta.isString, let converted = try convertConstant(a, to: tb) { a = converted }
            if tb.isString, let converted = try convertConstant(b, to: ta) { b = converted }
        }
        let (sa, sb) = (a.type.nonNullable, b.type.nonNullable)
        if sa.isString && sb.isString {
            return StringComparison.compare(a, b, op, count: count)
        }
        if sa.physicalKind == .array || sb.physicalKind == .array || sa.isString || sb.isString {
            return (0..<count).map { i in op.test(ValueOrder.compare(a.value(at: i), b.value(at: i))) ? 1 : 0 }
        }
        if sa.isFloat || sb.isFloat {
            return apply(a.doubleLane(), b.doubleLane(), op, count: count)
        }
        switch (sa.physicalKind, sb.physicalKind) {
        case (.uint64, .uint64):
            return apply(a.uint64Lane(), b.uint64Lane(), op, count: count)
        case (.uint64, _):
            return apply(a.uint64Lane().map(Mixed.unsigned), b.int64Lane().map(Mixed.signed), op, count: count)
        case (_, .uint64):
            return apply(a.int64Lane().map(Mixed.signed), b.uint64Lane().map(Mixed.unsigned), op, count: count)
        default:
            return apply(a.int64Lane(), b.int64Lane(), op, count: count)
        }
    }

    /// A string constant converted to `type` for comparison (nil when `operand` is a column).
    private static func convertConstant(_ operand: Operand, to type: DataType) throws -> Operand? {
        guard case .constant(let v, let t) = operand, !v.isNull, type.physicalKind != .array else { return nil }
        let target: DataType = type.isInteger || type.isFloat ? .float64 : type
        let converted = try Cast.convert(Column(type: t.nonNullable, values: [v]), to: target)
        return .constant(converted.value(at: 0), target)
    }

    /// The comparison loop for one domain.
    @inline(__always)
    static func apply<T: Comparable>(_ a: Lane<T>, _ b: Lane<T>, _ op: Op, count: Int) -> [Int64] {
        switch op {
        case .equals: return NumericKernels.binary(a, b, count: count) { $0 == $1 ? 1 : 0 }
        case .notEquals: return NumericKernels.binary(a, b, count: count) { $0 != $1 ? 1 : 0 }
        case .less: return NumericKernels.binary(a, b, count: count) { $0 < $1 ? 1 : 0 }
        case .lessOrEquals: return NumericKernels.binary(a, b, count: count) { $0 <= $1 ? 1 : 0 }
        case .greater: return NumericKernels.binary(a, b, count: count) { $0 > $1 ? 1 : 0 }
        case .greaterOrEquals: return NumericKernels.binary(a, b, count: count) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// `greatest(a, b, ...)` / `least(a, b, ...)` in the result type's domain. As in ClickHouse,
    /// NULL arguments are skipped (the result is NULL only when all are), and each step keeps the
    /// value so far only when it is strictly greater (less), so `greatest(nan, 0)` is 0.
    private static func extreme(_ call: FunctionCall, greatest: Bool) throws -> Column {
        try call.expectArguments(1, Int.max)
        let (type, n) = (call.resultType, call.count)
        let wide = type.asNullable
        var acc = try call.arguments[0].converted(to: wide).materialize(count: n)
        for arg in call.arguments.dropFirst() {
            let next = try arg.converted(to: wide).materialize(count: n)
            let accWins = try compare(.column(acc), .column(next), greatest ? .greater : .less, count: n)
            let rows = (0..<n).map { i in
                next.isNull(i) || (!acc.isNull(i) && accWins[i] != 0) ? i : n + i
            }
            acc = Column.concatenate([acc, next], type: wide).gather(rows)
        }
        return Column(type: type, data: acc.data, nulls: type.isNullable ? NullMask.compact(acc.nulls) : nil)
    }

    /// Positions (among `within`, or all rows) where `column op constant` holds, for a WHERE over a
    /// plain numeric column without NULLs; nil when the predicate has another shape.
    static func selectFast(_ predicate: BoundExpr, on batch: Batch, within: [Int]?) throws -> [Int]? {
        guard case .call(let name, let args, _) = predicate.kind, args.count == 2, var op = Op(rawValue: name) else {
            return nil
        }
        var (columnExpr, constantExpr) = (args[0], args[1])
        if constantExpr.constantValue == nil {
            (columnExpr, constantExpr) = (args[1], args[0])
            op = op.flipped
        }
        guard case .column(let index) = columnExpr.kind, let value = constantExpr.constantValue, !value.isNull,
            index < batch.columns.count, batch.columns[index].nulls == nil
        else { return nil }
        let column = batch.columns[index]
        let constantIsFloat: Bool
        if case .float = value { constantIsFloat = true } else { constantIsFloat = false }
        switch column.data {
        case .int64(let a):
            if !constantIsFloat, let c = value.int64Value { return select(a, c, op, within) }
            guard let c = value.doubleValue else { return nil }
            return select(a.map { Double($0) }, c, op, within)
        case .float64(let a):
            guard let c = value.doubleValue else { return nil }
            return select(a, c, op, within)
        case .float32(let a):
            guard let c = value.doubleValue else { return nil }
            if Double(Float(c)) == c { return select(a, Float(c), op, within) }
            return select(a.map { Double($0) }, c, op, within)
        default:
            return nil
        }
    }

    /// The selection loop for one operator.
    @inline(__always)
    private static func select<T: Comparable>(_ a: [T], _ c: T, _ op: Op, _ within: [Int]?) -> [Int] {
        switch op {
        case .equals: return select(a, within) { $0 == c }
        case .notEquals: return select(a, within) { $0 != c }
        case .less: return select(a, within) { $0 < c }
        case .lessOrEquals: return select(a, within) { $0 <= c }
        case .greater: return select(a, within) { $0 > c }
        case .greaterOrEquals: return select(a, within) { $0 >= c }
        }
    }

    /// Branch-free selection loop: writes every candidate position and advances only past matches.
    @inline(__always)
    private static func select<T>(_ a: [T], _ within: [Int]?, _ keep: (T) -> Bool) -> [Int] {
        let count = within?.count ?? a.count
        return [Int](unsafeUninitializedCapacity: count) { out, n in
            var k = 0
            // Safe: k <= j < count, the capacity of `out`; candidate positions are rows of `a`.
            a.withUnsafeBufferPointer { p in
                if let within {
                    for i in within {
                        out[k] = i
                        k &+= keep(p[i]) ? 1 : 0
                    }
                } else {
                    for i in 0..<p.count {
                        out[k] = i
                        k &+= keep(p[i]) ? 1 : 0
                    }
                }
            }
            n = k
        }
    }
}

/// Signed and unsigned 64-bit values mapped to one order (for comparing Int64 with UInt64).
private enum Mixed {
    static func signed(_ v: Int64) -> Order { Order(negative: v < 0, bits: UInt64(bitPattern: v)) }
    static func unsigned(_ v: UInt64) -> Order { Order(negative: false, bits: v) }

    struct Order: Comparable {
        let negative: Bool
        let bits: UInt64
        static func < (l: Order, r: Order) -> Bool {
            if l.negative != r.negative { return l.negative }
            return l.bits < r.bits
        }
    }
}

extension Lane {
    /// The lane with `f` applied to every value.
    func map<U>(_ f: (T) -> U) -> Lane<U> {
        switch self {
        case .array(let a): return .array(a.map(f))
        case .scalar(let s): return .scalar(f(s))
        }
    }
}

extension Operand {
    /// The argument converted to `type` (constants converted once).
    func converted(to type: DataType) throws -> Operand {
        if self.type == type { return self }
        switch self {
        case .column(let c): return .column(try Cast.convert(c, to: type))
        case .constant(let v, let t):
            if v.isNull { return .constant(.null, type) }
            let c = try Cast.convert(
                Column(type: t.nonNullable, values: [ValueCoercion.fit(v, to: t.nonNullable)]), to: type)
            return .constant(c.value(at: 0), type)
        }
    }
}
