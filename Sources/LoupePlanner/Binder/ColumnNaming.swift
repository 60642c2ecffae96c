// Default names of SELECT columns without an alias, spelled as ClickHouse spells them: a column
// keeps its name, a call prints as `name(args)`, and operators print as their function names
// (`a + 1` is `plus(a, 1)`, `count(*)` is `count()`).

import LoupeCore
import LoupeSQL

/// ClickHouse-style names for unaliased expressions.
enum ColumnNaming {
    /// The output column name of `expr`.
    static func name(of expr: Expr) -> String {
        switch expr.kind {
        case .identifier(let parts):
            return parts.last?.name ?? ""
        case .alias(_, let name):
            return name.name
        default:
            return text(expr)
        }
    }

    private static func text(_ expr: Expr) -> String {
        func list(_ items: [Expr]) -> String { items.map(text).joined(separator: ", ") }
        switch expr.kind {
        case .literal(let l):
            let v = Binder.value(of: l)
            if case .float(let f) = v, f == f.rounded(), abs(f) < 1e15 { return ValueFormatter.formatDouble(f) + "." }
            return ValueFormatter.text(v, quoteStrings: true)
        case .identifier(let parts): return parts.map(\.name).joined(separator: ".")
        case .star(let q): return (q.map(\.name) + ["*"]).joined(separator: ".")
        case .parameter(.positional(let n)): return "?\(n)"
        case .parameter(.named(let n, let t)): return "{\(n.name):\(t)}"
        case .unary(.negate, let e): return "negate(\(text(e)))"
        case .unary(.not, let e): return "not(\(text(e)))"
        case .binary(let op, let l, let r): return "\(Binder.functionName(of: op))(\(text(l)), \(text(r)))"
        case .between(let v, let lo, let hi, let negated):
            return "\(negated ? "not" : "")between(\(list([v, lo, hi])))"
        case .in(let v, let target, let negated):
            let rhs: String
            switch target {
            case .list(let items): rhs = "(" + list(items) + ")"
            case .subquery: rhs = "(subquery)"
            case .expr(let e): rhs = text(e)
            }
            return "\(negated ? "notIn" : "in")(\(text(v)), \(rhs))"
        case .isNull(let e, let negated): return "\(negated ? "isNotNull" : "isNull")(\(text(e)))"
        case .ternary(let c, let t, let e): return "if(\(list([c, t, e])))"
        case .case(_, let branches, let e):
            let parts = branches.flatMap { [$0.condition, $0.result] } + (e.map { [$0] } ?? [])
            return "multiIf(\(list(parts)))"
        case .cast(let e, let t, _): return "CAST(\(text(e)), '\(t)')"
        case .function(let call):
            let params = call.parameters.map { "(" + list($0) + ")" } ?? ""
            let args = call.arguments.map { a -> String in
                if case .star(let q) = a.kind, q.isEmpty, call.name.name.lowercased() == "count" { return "" }
                return text(a)
            }.filter { !$0.isEmpty }.joined(separator: ", ")
            return "\(call.name.name)\(params)(\(call.distinct ? "DISTINCT " : "")\(args))"
        case .lambda(let ps, let body): return "lambda(tuple(\(ps.map(\.name).joined(separator: ", "))), \(text(body)))"
        case .subscript(let b, let i): return "arrayElement(\(text(b)), \(text(i)))"
        case .tupleElement(let e, let i): return "tupleElement(\(text(e)), \(i))"
        case .array(let items):
            if items.count > ExprPrinter.maxArrayElements { return "[" + list(Array(items.prefix(3))) + ", ...]" }
            return "[" + list(items) + "]"
        case .tuple(let items): return "(" + list(items) + ")"
        case .subquery: return "_subquery"
        case .exists: return "exists(_subquery)"
        case .interval(let e, let unit): return "toInterval\(unit.rawValue.capitalized)(\(text(e)))"
        case .alias(let e, _): return text(e)
        }
    }
}
