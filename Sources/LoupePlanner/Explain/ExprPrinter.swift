// Bound expressions as readable SQL-like text, for EXPLAIN and for the default names of SELECT
// columns computed by the planner. Column references print as the input field's name; operators
// print infix; long literal arrays are abbreviated (`[..512 floats]`) so plans stay one line per
// node.

import LoupeCore

/// Text forms of bound expressions.
public enum ExprPrinter {
    /// Literal arrays longer than this print abbreviated.
    public static let maxArrayElements = 8

    private static let infix: [String: String] = [
        FunctionNames.plus: "+", FunctionNames.minus: "-", FunctionNames.multiply: "*", FunctionNames.divide: "/",
        FunctionNames.modulo: "%", FunctionNames.equals: "=", FunctionNames.notEquals: "!=", FunctionNames.less: "<",
        FunctionNames.lessOrEquals: "<=", FunctionNames.greater: ">", FunctionNames.greaterOrEquals: ">=",
        FunctionNames.and: "AND", FunctionNames.or: "OR", FunctionNames.like: "LIKE",
        FunctionNames.notLike: "NOT LIKE", FunctionNames.ilike: "ILIKE", FunctionNames.notILike: "NOT ILIKE",
    ]

    /// `expr` as text; `names[i]` is the name of input column `i`.
    public static func text(_ expr: BoundExpr, names: [String]) -> String {
        text(expr, names: names, nested: false)
    }

    private static func text(_ expr: BoundExpr, names: [String], nested: Bool) -> String {
        func sub(_ e: BoundExpr) -> String { text(e, names: names, nested: true) }
        func top(_ e: BoundExpr) -> String { text(e, names: names, nested: false) }
        switch expr.kind {
        case .column(let i):
            return i < names.count ? names[i] : "#\(i)"
        case .literal(let v):
            return literal(v)
        case .parameter(let i):
            return "$\(i + 1)"
        case .call(let name, let args, let params):
            if let op = infix[name], args.count >= 2 {
                let joined = args.map(sub).joined(separator: " \(op) ")
                return nested ? "(\(joined))" : joined
            }
            if name == FunctionNames.negate, args.count == 1 { return "-" + sub(args[0]) }
            if name == FunctionNames.not, args.count == 1 { return "NOT " + sub(args[0]) }
            if name == FunctionNames.arrayElement, args.count == 2 { return "\(sub(args[0]))[\(top(args[1]))]" }
            if name == FunctionNames.array { return "[" + args.map(top).joined(separator: ", ") + "]" }
            let paramText = params.isEmpty ? "" : "(" + params.map(literal).joined(separator: ", ") + ")"
            return "\(name)\(paramText)(" + args.map(top).joined(separator: ", ") + ")"
        case .cast(let inner):
            return "CAST(\(top(inner)) AS \(expr.type))"
        case .caseWhen(let branches, let otherwise):
            var parts = ["CASE"]
            for b in branches { parts.append("WHEN \(top(b.condition)) THEN \(top(b.result))") }
            if let otherwise { parts.append("ELSE \(top(otherwise))") }
            parts.append("END")
            return parts.joined(separator: " ")
        case .inList(let value, let list, let negated):
            let body = "\(sub(value)) \(negated ? "NOT IN" : "IN") (" + list.map(top).joined(separator: ", ") + ")"
            return nested ? "(\(body))" : body
        case .inSubquery(let value, _, let negated):
            let body = "\(sub(value)) \(negated ? "NOT IN" : "IN") (subquery)"
            return nested ? "(\(body))" : body
        case .scalarSubquery:
            return "(subquery)"
        case .exists:
            return "EXISTS (subquery)"
        }
    }

    /// A literal as SQL text, long arrays abbreviated.
    public static func literal(_ value: Value) -> String {
        switch value {
        case .vector(let v) where v.count > maxArrayElements:
            return "[..\(v.count) floats]"
        case .array(let a) where a.count > maxArrayElements:
            return "[..\(a.count) values]"
        case .array(let a):
            return "[" + a.map(literal).joined(separator: ", ") + "]"
        case .vector(let v):
            return "[" + v.map { ValueFormatter.formatFloat($0) }.joined(separator: ", ") + "]"
        case .date, .dateTime:
            return ValueFormatter.quote(ValueFormatter.text(value, quoteStrings: false))
        default:
            return ValueFormatter.text(value, quoteStrings: true)
        }
    }
}
