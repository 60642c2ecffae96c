// The aggregate functions and their result types, as ClickHouse gives them: `count` is UInt64,
// `sum` of integers is Int64 or UInt64 and of floats Float64, `avg` is Float64, `min`/`max`/`any`
// keep their argument's type, as do `argMin`/`argMax` (the type of the value) and `quantileExact`;
// `quantile(level)`/`median` and the variances are Float64 (Float32 variances of Float32). The
// `-If` forms take a condition as their last argument. `uniq` is computed exactly here, so it
// equals `uniqExact`. Aggregate arguments are not cast.

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
        (["argMin"], FunctionSignature(name: "argMin", arity: 2...2) { t in (t, t[0]) }),
        (["argMax"], FunctionSignature(name: "argMax", arity: 2...2) { t in (t, t[0]) }),
        (["quantile"], quantile("quantile", exact: false)),
        (["median"], quantile("median", exact: false)),
        (["quantileExact"], quantile("quantileExact", exact: true)),
        (["medianExact"], quantile("medianExact", exact: true)),
        (["varPop"], variance("varPop")),
        (["varSamp"], variance("varSamp")),
        (["stddevPop"], variance("stddevPop")),
        (["stddevSamp"], variance("stddevSamp")),
    ])

    /// `fIf(args..., condition)` for every aggregate `f`: `f` over the rows where the condition
    /// holds (`countIf`, `sumIf`, `minIf`, ...).
    private static var withIfCombinator: [String: FunctionSignature] {
        let bases = [
            "count", "sum", "avg", "min", "max", "any", "anyLast", "uniq", "uniqExact", "groupArray", "argMin", "argMax",
            "quantile", "median", "quantileExact", "medianExact", "varPop", "varSamp", "stddevPop", "stddevSamp",
        ]
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

    /// `quantile(level)(x)` / `median(x)` of numbers is Float64 (interpolated), of dates their
    /// type; `quantileExact` / `medianExact` keep the argument's type. The level is a parameter.
    private static func quantile(_ name: String, exact: Bool) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...1) { t in
            let a = t[0].nonNullable
            if a == .date || a == .dateTime { return (t, t[0]) }
            guard isNumericOrNull(a) else { return nil }
            return (t, exact ? t[0] : nullableIf(t[0], .float64))
        }
    }

    /// Variances and standard deviations: Float32 of Float32, else Float64.
    private static func variance(_ name: String) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...1) { t in
            let a = t[0].nonNullable
            guard isNumericOrNull(a) else { return nil }
            return (t, nullableIf(t[0], a == .float32 ? .float32 : .float64))
        }
    }

    private static func nullableIf(_ argument: DataType, _ result: DataType) -> DataType {
        argument.isNullable ? result.asNullable : result
    }

    private static func same(_ name: String) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...1) { t in (t, t[0]) }
    }
}
