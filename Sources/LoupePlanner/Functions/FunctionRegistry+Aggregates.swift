// The aggregate functions and their result types, as ClickHouse gives them: `count` is UInt64,
// `sum` of integers is Int64 or UInt64 and of floats Float64, `avg` is Float64, `min`/`max`/`any`
// keep their argument's type. The `-If` forms take a condition as their last argument. `uniq` is
// computed exactly here, so it equals `uniqExact`. Aggregate arguments are not cast.

import LoupeCore

extension FunctionRegistry {
    static let aggregates: [String: FunctionSignature] = baseAggregates.merging(withIfCombinator) { plain, _ in plain }

    private static let baseAggregates: [String: FunctionSignature] = table([
        (["count"], FunctionSignature(name: "count", arity: 0...1) { t in (t, .uint64) }),
        (["sum"], FunctionSignature(name: "sum", arity: 1...1) { t in sumType(t[0]).map { (t, $0) } }),
        (
            ["avg"],
            FunctionSignature(name: "avg", arity: 1...1) { t in
                isNumericOrNull(t[0].nonNullable) ? (t, nullableIf(t[0], .float64)) : nil
            }
        ),
        (["min"], same("min")),
        (["max"], same("max")),
        (["any"], same("any")),
        (["anyLast"], same("anyLast")),
        (["uniq"], FunctionSignature(name: "uniq", arity: 1...Int.max) { t in (t, .uint64) }),
        (["uniqExact"], FunctionSignature(name: "uniqExact", arity: 1...Int.max) { t in (t, .uint64) }),
        (["groupArray"], FunctionSignature(name: "groupArray", arity: 1...1) { t in (t, .array(t[0].nonNullable)) }),
    ])

    /// `fIf(args..., condition)` for every aggregate `f`: `f` over the rows where the condition
    /// holds (`countIf`, `sumIf`, `minIf`, ...).
    private static var withIfCombinator: [String: FunctionSignature] {
        let bases = ["count", "sum", "avg", "min", "max", "any", "anyLast", "uniq", "uniqExact", "groupArray"]
        var result: [String: FunctionSignature] = [:]
        for base in bases {
            guard let plain = baseAggregates[base.lowercased()] else { continue }
            let upper = plain.arity.upperBound == Int.max ? Int.max : plain.arity.upperBound + 1
            let arity = (plain.arity.lowerBound + 1)...upper
            result[(base + "If").lowercased()] = FunctionSignature(name: base + "If", arity: arity) { t in
                guard let condition = t.last, TypeRules.isBooleanLike(condition),
                    let typed = plain.typing(Array(t.dropLast()))
                else { return nil }
                return (typed.arguments + [condition], typed.result)
            }
        }
        return result
    }

    /// Sum of integers is 64-bit of the same signedness; of floats, Float64.
    private static func sumType(_ t: DataType) -> DataType? {
        let a = t.nonNullable
        guard a.isNumeric else { return nil }
        let r: DataType = a.isFloat ? .float64 : a.isSignedInteger ? .int64 : .uint64
        return nullableIf(t, r)
    }

    private static func nullableIf(_ argument: DataType, _ result: DataType) -> DataType {
        argument.isNullable ? result.asNullable : result
    }

    private static func same(_ name: String) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...1) { t in (t, t[0]) }
    }
}
