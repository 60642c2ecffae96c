// NULL-aware functions: isNull, isNotNull, coalesce, ifNull, nullIf, assumeNotNull and
// toNullable. (`if`, `multiIf` and CASE evaluate their branches lazily and live with the
// evaluator, in ExpressionEvaluator+Case.swift.)

import LoupeCore

/// Functions that inspect or produce NULLs.
enum ConditionalFunctions {
    static let entries: [String: FunctionEntry] = [
        "isNull": FunctionEntry(.custom) { call in
            try call.expectArguments(1)
            let nulls = call.arguments[0].nulls(count: call.count)
            return Column(type: call.resultType, data: .int64(nulls?.map { $0 ? 1 : 0 } ?? zeros(call.count)))
        },
        "isNotNull": FunctionEntry(.custom) { call in
            try call.expectArguments(1)
            let nulls = call.arguments[0].nulls(count: call.count)
            return Column(
                type: call.resultType,
                data: .int64(nulls?.map { $0 ? 0 : 1 } ?? [Int64](repeating: 1, count: call.count)))
        },
        "coalesce": FunctionEntry(.custom, coalesce),
        "ifNull": FunctionEntry(.custom) { call in
            try call.expectArguments(2)
            return try coalesce(call)
        },
        "nullIf": FunctionEntry(.custom, nullIf),
        "assumeNotNull": FunctionEntry(.custom) { call in
            try call.expectArguments(1)
            let c = try call.arguments[0].converted(to: call.resultType.asNullable).materialize(count: call.count)
            return Column(type: call.resultType, data: c.data, nulls: call.resultType.isNullable ? c.nulls : nil)
        },
        "toNullable": FunctionEntry(.custom) { call in
            try call.expectArguments(1)
            return try call.arguments[0].converted(to: call.resultType).materialize(count: call.count)
        },
    ]

    private static func zeros(_ n: Int) -> [Int64] { [Int64](repeating: 0, count: n) }

    /// The first non-NULL argument per row.
    private static func coalesce(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1, Int.max)
        let n = call.count
        let wide = call.resultType.asNullable
        var columns: [Column] = []
        var chosen = [Int](repeating: -1, count: n)
        var open = n
        for arg in call.arguments where open > 0 {
            if arg.isConstantNull { continue }
            let c = try arg.converted(to: wide).materialize(count: n)
            let base = columns.count * n
            for i in 0..<n where chosen[i] < 0 && !c.isNull(i) {
                chosen[i] = base + i
                open -= 1
            }
            columns.append(c)
        }
        columns.append(Column(type: wide, repeating: .null, count: 1))
        let missing = columns.count * n - n
        let picked = Column.concatenate(columns, type: wide).gather(chosen.map { $0 < 0 ? missing : $0 })
        let flags = call.resultType.isNullable ? NullMask.compact(picked.nulls) : nil
        return Column(type: call.resultType, data: picked.data, nulls: flags)
    }

    /// `nullIf(a, b)`: NULL where `a = b`, else `a`.
    private static func nullIf(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2)
        let (a, b) = (call.arguments[0], call.arguments[1])
        let n = call.count
        let same = try ComparisonFunctions.compare(a, b, .equals, count: n)
        let bNulls = b.nulls(count: n)
        let base = try a.converted(to: call.resultType).materialize(count: n)
        var flags = base.nulls ?? [Bool](repeating: false, count: n)
        for i in 0..<n where same[i] != 0 && !(bNulls?[i] ?? false) { flags[i] = true }
        return Column(type: call.resultType, data: base.data, nulls: NullMask.compact(flags))
    }
}
