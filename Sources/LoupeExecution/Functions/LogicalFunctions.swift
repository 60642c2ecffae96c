// and, or, not and xor with ClickHouse's three-valued logic: `and` is 0 when any argument is 0,
// else NULL when any is NULL, else 1; `or` is 1 when any argument is non-zero, else NULL when any
// is NULL, else 0. Any number counts as true when non-zero. Results are UInt8, or Bool when an
// argument is Bool.

import LoupeCore

/// Boolean connectives.
enum LogicalFunctions {
    static let entries: [String: FunctionEntry] = [
        "and": FunctionEntry(.custom) { try connective($0, isAnd: true) },
        "or": FunctionEntry(.custom) { try connective($0, isAnd: false) },
        "not": FunctionEntry { call in
            try call.expectArguments(1)
            return Column(
                type: call.resultType, data: .int64(truth(call.arguments[0], count: call.count).map { $0 ? 0 : 1 }))
        },
        "xor": FunctionEntry { call in
            try call.expectArguments(2, Int.max)
            var acc = [Bool](repeating: false, count: call.count)
            for arg in call.arguments {
                let t = truth(arg, count: call.count)
                for i in 0..<call.count { acc[i] = acc[i] != t[i] }
            }
            return Column(type: call.resultType, data: .int64(acc.map { $0 ? 1 : 0 }))
        },
    ]

    /// Row truth values (non-zero), ignoring NULL flags.
    static func truth(_ operand: Operand, count: Int) -> [Bool] {
        switch operand {
        case .constant(let v, _):
            return [Bool](repeating: (v.doubleValue ?? 0) != 0, count: count)
        case .column(let c):
            switch c.data {
            case .int64(let a): return a.map { $0 != 0 }
            case .uint64(let a): return a.map { $0 != 0 }
            default: return c.doubleValues().map { $0 != 0 }
            }
        }
    }

    /// n-ary `and` / `or`.
    private static func connective(_ call: FunctionCall, isAnd: Bool) throws -> Column {
        try call.expectArguments(1, Int.max)
        let n = call.count
        // The value that decides the result on its own: 0 for and, 1 for or.
        let decisive: Int64 = isAnd ? 0 : 1
        var out = [Int64](repeating: 1 - decisive, count: n)
        var sawNull = [Bool](repeating: false, count: n)
        var anyNull = false
        for arg in call.arguments {
            if arg.isConstantNull {
                anyNull = true
                for i in 0..<n { sawNull[i] = true }
                continue
            }
            let nulls = arg.nulls(count: n)
            if nulls == nil, case .column(let c) = arg, case .int64(let a) = c.data {
                // The common case (a comparison's 0/1 column): one branch-free loop.
                // Safe: `a` and `out` both hold n rows.
                a.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { o in
                        if isAnd {
                            for i in 0..<n { o[i] &= p[i] != 0 ? 1 : 0 }
                        } else {
                            for i in 0..<n { o[i] |= p[i] != 0 ? 1 : 0 }
                        }
                    }
                }
                continue
            }
            let t = truth(arg, count: n)
            if nulls != nil { anyNull = true }
            for i in 0..<n {
                if let nulls, nulls[i] {
                    sawNull[i] = true
                } else if t[i] == (decisive == 1) {
                    out[i] = decisive
                }
            }
        }
        var flags: [Bool]? = nil
        if anyNull && call.resultType.isNullable {
            flags = (0..<n).map { sawNull[$0] && out[$0] != decisive }
            for i in 0..<n where flags![i] { out[i] = 0 }
        }
        return Column(type: call.resultType, data: .int64(out), nulls: NullMask.compact(flags))
    }
}
