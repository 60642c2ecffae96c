// Printing expressions and queries. Each expression has a precedence (the parser's table in
// Parser+Expr.swift, primaries highest); a child is parenthesised when its precedence is below
// what its position needs, so printing adds exactly the parentheses reparsing requires.

import LoupeCore

extension Printer {
    /// The lowest precedence a full expression position accepts (everything but `AS` aliases).
    static let fullExpression = 1

    /// The precedence of an expression's outermost operator.
    static func precedence(_ expr: Expr) -> Int {
        switch expr.kind {
        case .alias: return 0
        case .lambda: return 1
        case .ternary: return 2
        case .binary(let op, _, _):
            switch op {
            case .or: return Parser.Precedence.or
            case .and: return Parser.Precedence.and
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .like, .notLike, .ilike,
                .notILike:
                return Parser.Precedence.comparison
            case .concat: return Parser.Precedence.concat
            case .add, .subtract: return Parser.Precedence.additive
            case .multiply, .divide, .modulo, .intDivide: return Parser.Precedence.multiplicative
            }
        case .unary(.not, _): return Parser.Precedence.not
        case .unary(.negate, _): return Parser.Precedence.unary
        case .isNull: return Parser.Precedence.isNull
        case .between: return Parser.Precedence.between
        case .in: return Parser.Precedence.comparison
        case .subscript, .tupleElement, .cast(_, _, .doubleColon): return 14
        default: return 15
        }
    }

    /// Prints `e`, in parentheses when its precedence is below `minimum`.
    mutating func expr(_ e: Expr, _ minimum: Int = Printer.fullExpression) {
        if Printer.precedence(e) < minimum {
            write("(")
            exprBody(e)
            write(")")
        } else {
            exprBody(e)
        }
    }

    private mutating func exprBody(_ e: Expr) {
        switch e.kind {
        case .literal(let literal): self.literal(literal)
        case .identifier(let parts):
            for (i, part) in parts.enumerated() {
                if i > 0 { write(".") }
                name(part)
            }
        case .star(let qualifier):
            for part in qualifier {
                name(part)
                write(".")
            }
            write("*")
        case .parameter(.positional): write("?")
        case .parameter(.named(let name, let type)):
            write("{")
            self.name(name)
            write(":")
            typeName(type)
            write("}")
        case .unary(.not, let operand):
            write("NOT ")
            expr(operand, Parser.Precedence.not + 1)
        case .unary(.negate, let operand):
            var inner = Printer()
            inner.expr(operand, Parser.Precedence.unary)
            let text = inner.out
            if startsWithNumber(text) {
                write("-(" + text + ")")
            } else {
                write(text.hasPrefix("-") ? "- " + text : "-" + text)
            }
        case .binary(let op, let lhs, let rhs):
            let p = Printer.precedence(e)
            expr(lhs, p)
            write(" \(op.rawValue) ")
            expr(rhs, p + 1)
        case .between(let x, let low, let high, let negated):
            expr(x, Parser.Precedence.between)
            write(negated ? " NOT BETWEEN " : " BETWEEN ")
            expr(low, Parser.Precedence.between + 1)
            write(" AND ")
            expr(high, Parser.Precedence.between + 1)
        case .in(let x, let target, let negated):
            expr(x, Parser.Precedence.comparison)
            write(negated ? " NOT IN " : " IN ")
            switch target {
            case .list(let items):
                write("(")
                exprList(items)
                write(")")
            case .subquery(let q):
                write("(")
                query(q)
                write(")")
            case .expr(let t):
                // A prefix operator the parser took as the target (`IN NOT (SELECT ...)`) prints
                // as written: parentheses would turn it into a one-element list.
                if Printer.precedence(t) < Parser.Precedence.concat { exprBody(t) } else { expr(t, Parser.Precedence.concat) }
            }
        case .isNull(let x, let negated):
            expr(x, Parser.Precedence.isNull)
            write(negated ? " IS NOT NULL" : " IS NULL")
        case .ternary(let c, let t, let f):
            expr(c, Parser.Precedence.or)
            write(" ? ")
            expr(t, 2)
            write(" : ")
            expr(f, 2)
        case .case(let operand, let branches, let otherwise):
            write("CASE")
            if let operand {
                write(" ")
                expr(operand)
            }
            for branch in branches {
                write(" WHEN ")
                expr(branch.condition)
                write(" THEN ")
                expr(branch.result)
            }
            if let otherwise {
                write(" ELSE ")
                expr(otherwise)
            }
            write(" END")
        case .cast(let x, let type, .function):
            write("CAST(")
            expr(x)
            write(" AS ")
            typeName(type)
            write(")")
        case .cast(let x, let type, .doubleColon):
            expr(x, 14)
            write("::")
            typeName(type)
        case .function(let call): functionCall(call)
        case .lambda(let parameters, let body):
            if parameters.count == 1 {
                name(parameters[0])
            } else {
                write("(")
                list(parameters) { $0.name($1) }
                write(")")
            }
            write(" -> ")
            expr(body, 1)
        case .subscript(let base, let index):
            expr(base, 14)
            write("[")
            expr(index)
            write("]")
        case .tupleElement(let base, let index):
            switch base.kind {
            case .identifier, .function, .subscript, .tupleElement: expr(base, 14)
            default:
                write("(")
                exprBody(base)
                write(")")
            }
            write(".\(index)")
        case .array(let items):
            write("[")
            exprList(items)
            write("]")
        case .tuple(let items):
            write(items.count == 1 ? "tuple(" : "(")
            exprList(items)
            write(")")
        case .subquery(let q):
            write("(")
            query(q)
            write(")")
        case .exists(let q):
            write("EXISTS (")
            query(q)
            write(")")
        case .interval(let value, let unit):
            write("INTERVAL ")
            expr(value, Parser.Precedence.unary)
            write(" " + unit.rawValue)
        case .alias(let x, let alias):
            expr(x)
            write(" AS ")
            name(alias)
        }
    }

    private func startsWithNumber(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: ".") { return true }
        let lower = text.lowercased()
        return lower.hasPrefix("inf") || lower.hasPrefix("nan")
    }

    private mutating func literal(_ literal: Literal) {
        switch literal {
        case .null: write("NULL")
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i): write(String(i))
        case .uint(let u): write(String(u))
        case .float(let f):
            if f.isNaN {
                write(f.sign == .minus ? "-nan" : "nan")
            } else if f.isInfinite {
                write(f < 0 ? "-inf" : "inf")
            } else {
                write(f.description)
            }
        case .string(let s): string(s)
        }
    }

    /// Words that mean something other than a call when followed by `(`.
    static let specialBeforeParenthesis: Set<String> = [
        "null", "true", "false", "case", "cast", "exists", "interval", "not",
    ]

    private mutating func functionCall(_ call: FunctionCall) {
        let lower = call.name.name.lowercased()
        if lower == "cast" && !call.distinct && call.parameters == nil && !call.arguments.isEmpty
            && !call.arguments[0].isAlias
        {
            // `CAST(x, 'T')` reads back as an ordinary call.
            write(call.name.name)
        } else if SQLPrinter.isWord(call.name.name) && !Printer.specialBeforeParenthesis.contains(lower) {
            write(call.name.name)
        } else {
            write(SQLPrinter.backquote(call.name.name))
        }
        if let parameters = call.parameters {
            write("(")
            exprList(parameters)
            write(")")
        }
        write(call.distinct ? "(DISTINCT " : "(")
        exprList(call.arguments)
        write(")")
    }
}

extension Expr {
    /// True for `expr AS name`.
    var isAlias: Bool {
        if case .alias = kind { return true }
        return false
    }
}
