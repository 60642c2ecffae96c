// SQL text of expressions that the catalog stores (DEFAULT, CHECK, ORDER BY and PRIMARY KEY of a
// table): the AST printed back in a canonical form that parses to the same expression.

import LoupeCore
import LoupeSQL

/// Prints expressions as SQL.
enum SQLText {
    /// `expr` as SQL text.
    static func text(_ expr: Expr) -> String {
        func list(_ items: [Expr]) -> String { items.map(text).joined(separator: ", ") }
        func name(_ id: Identifier) -> String { quoteIfNeeded(id.name) }
        switch expr.kind {
        case .literal(let l):
            let v = Binder.value(of: l)
            if case .float(let f) = v, f.isFinite, f == f.rounded(), abs(f) < 1e15 {
                return ValueFormatter.formatDouble(f) + ".0"
            }
            return ValueFormatter.text(v, quoteStrings: true)
        case .identifier(let parts): return parts.map(name).joined(separator: ".")
        case .star(let q): return (q.map(name) + ["*"]).joined(separator: ".")
        case .parameter(.positional): return "?"
        case .parameter(.named(let n, let t)): return "{\(n.name):\(t)}"
        case .unary(.negate, let e): return "-\(operand(e))"
        case .unary(.not, let e): return "NOT \(operand(e))"
        case .binary(let op, let l, let r): return "\(operand(l)) \(op.rawValue) \(operand(r))"
        case .between(let v, let lo, let hi, let negated):
            return "\(operand(v)) \(negated ? "NOT " : "")BETWEEN \(operand(lo)) AND \(operand(hi))"
        case .in(let v, let target, let negated):
            let rhs: String
            switch target {
            case .list(let items): rhs = "(" + list(items) + ")"
            case .subquery: rhs = "(SELECT ...)"
            case .expr(let e): rhs = text(e)
            }
            return "\(operand(v)) \(negated ? "NOT IN" : "IN") \(rhs)"
        case .isNull(let e, let negated): return "\(operand(e)) IS \(negated ? "NOT " : "")NULL"
        case .ternary(let c, let t, let e): return "if(\(list([c, t, e])))"
        case .case(let operandExpr, let branches, let e):
            var parts = ["CASE"]
            if let operandExpr { parts.append(text(operandExpr)) }
            for b in branches { parts.append("WHEN \(text(b.condition)) THEN \(text(b.result))") }
            if let e { parts.append("ELSE \(text(e))") }
            return (parts + ["END"]).joined(separator: " ")
        case .cast(let e, let t, _): return "CAST(\(text(e)) AS \(t))"
        case .function(let call):
            let params = call.parameters.map { "(" + list($0) + ")" } ?? ""
            return "\(call.name.name)\(params)(\(call.distinct ? "DISTINCT " : "")\(list(call.arguments)))"
        case .lambda(let ps, let body): return "(\(ps.map(name).joined(separator: ", "))) -> \(text(body))"
        case .subscript(let b, let i): return "\(operand(b))[\(text(i))]"
        case .tupleElement(let e, let i): return "\(operand(e)).\(i)"
        case .array(let items): return "[" + list(items) + "]"
        case .tuple(let items): return "(" + list(items) + ")"
        case .subquery: return "(SELECT ...)"
        case .exists: return "EXISTS (SELECT ...)"
        case .interval(let e, let unit): return "INTERVAL \(operand(e)) \(unit.rawValue)"
        case .alias(let e, let n): return "\(operand(e)) AS \(name(n))"
        }
    }

    /// A sub-expression, parenthesised when it is itself an operator expression.
    private static func operand(_ expr: Expr) -> String {
        switch expr.kind {
        case .binary, .between, .in, .isNull, .unary, .alias: return "(\(text(expr)))"
        default: return text(expr)
        }
    }

    /// An identifier, back-quoted unless it is a plain word.
    static func quoteIfNeeded(_ name: String) -> String {
        let plain =
            !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        return plain ? name : "`" + name.replacingOccurrences(of: "`", with: "\\`") + "`"
    }
}
