// A function argument during evaluation: either a full column or one constant standing for every
// row. Keeping constants unmaterialized lets kernels run `column ⊕ constant` loops without
// building a column of copies, and lets calls over constants be folded once per batch.

import LoupeCore

/// One evaluated argument: a column of the batch's row count, or a constant for every row.
enum Operand {
    case column(Column)
    case constant(Value, DataType)

    /// The argument's type.
    var type: DataType {
        switch self {
        case .column(let c): return c.type
        case .constant(_, let t): return t
        }
    }

    /// The constant, when this is one.
    var constant: Value? {
        if case .constant(let v, _) = self { return v }
        return nil
    }

    /// True when this is the constant NULL.
    var isConstantNull: Bool {
        if case .constant(let v, _) = self { return v.isNull }
        return false
    }

    /// NULL flags per row (nil when no row is NULL).
    func nulls(count: Int) -> [Bool]? {
        switch self {
        case .column(let c): return c.nulls
        case .constant(let v, _): return v.isNull ? [Bool](repeating: true, count: count) : nil
        }
    }

    /// A column of `count` rows holding this argument.
    func materialize(count: Int) -> Column {
        switch self {
        case .column(let c): return c
        case .constant(let v, let t): return Column(type: t, repeating: ValueCoercion.fit(v, to: t), count: count)
        }
    }

    /// Row `i` as a value (slow path).
    func value(at i: Int) -> Value {
        switch self {
        case .column(let c): return c.value(at: i)
        case .constant(let v, _): return v
        }
    }
}

/// Adjusts loosely typed constants (as literals arrive from the binder) to a type's value case.
enum ValueCoercion {
    /// `value` in the case a column of `type` holds (e.g. `.int(1)` for Bool becomes `.bool(true)`).
    static func fit(_ value: Value, to type: DataType) -> Value {
        if value.isNull { return value }
        switch type.nonNullable {
        case .bool: return .bool((value.doubleValue ?? 0) != 0)
        case .date:
            if case .date = value { return value }
            return .date(Int32(truncatingIfNeeded: value.int64Value ?? 0))
        case .dateTime:
            if case .dateTime = value { return value }
            return .dateTime(value.int64Value ?? 0)
        default: return value
        }
    }
}

/// Merges NULL flags of several arguments (a row is NULL when any argument is).
enum NullMask {
    /// The union of `masks` (nil when none has a NULL).
    static func union(_ masks: [[Bool]?], count: Int) -> [Bool]? {
        let present = masks.compactMap { $0 }
        if present.isEmpty { return nil }
        if present.count == 1 { return present[0] }
        var out = present[0]
        for m in present.dropFirst() {
            for i in 0..<count where m[i] { out[i] = true }
        }
        return out
    }

    /// `mask` unless it has no `true` flag.
    static func compact(_ mask: [Bool]?) -> [Bool]? {
        guard let mask, mask.contains(true) else { return nil }
        return mask
    }
}
