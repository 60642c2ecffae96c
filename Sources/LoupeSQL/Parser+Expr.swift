// Expression parsing by precedence climbing, with ClickHouse's precedence (lowest first):
//
//   1 lambda `->`    2 ternary `? :`    3 OR    4 AND    5 NOT (prefix)    6 IS [NOT] NULL
//   7 [NOT] BETWEEN  9 comparisons, [NOT] LIKE/ILIKE, [NOT] IN    10 `||`    11 `+ -`
//   12 `* / % DIV MOD`    13 unary `-`    14 postfix `a[i]`, `t.1`, `x::T`
//
// Binary operators are left-associative; a `-` directly before a number makes a negative literal.
// Primaries (literals, names, calls, CASE, ...) are parsed in Parser+Primary.swift.

import LoupeCore

extension Parser {
    /// Precedence levels (see the table above).
    enum Precedence {
        static let or = 3
        static let and = 4
        static let not = 5
        static let isNull = 6
        static let between = 7
        static let comparison = 9
        static let concat = 10
        static let additive = 11
        static let multiplicative = 12
        static let unary = 13
    }

    /// A full expression, including lambdas and the ternary operator.
    mutating func parseExpression() throws(LoupeError) -> Expr {
        try enter()
        defer { leave() }
        let start = current.range.start
        let condition = try parseBinary(Precedence.or)
        if accept(.arrow) {
            let parameters = try lambdaParameters(condition)
            let body = try parseExpression()
            return Expr(.lambda(parameters: parameters, body: body), range: range(from: start))
        }
        guard accept(.question) else { return condition }
        let then = try parseExpression()
        try expect(.colon, "after the true branch of '?'")
        let otherwise = try parseExpression()
        return Expr(.ternary(condition, then: then, else: otherwise), range: range(from: start))
    }

    /// An expression optionally followed by `AS alias` (in parentheses and argument lists).
    mutating func parseExpressionAllowingAlias() throws(LoupeError) -> Expr {
        let start = current.range.start
        let expr = try parseExpression()
        guard accept(.as) else { return expr }
        let alias = try parseAlias()
        return Expr(.alias(expr, alias), range: range(from: start))
    }

    /// Comma-separated expressions (aliases allowed) up to `closing`, which is consumed.
    mutating func parseExpressionList(until closing: Symbol, _ what: String) throws(LoupeError) -> [Expr] {
        var items: [Expr] = []
        if accept(closing) { return items }
        repeat {
            items.append(try parseExpressionAllowingAlias())
        } while accept(.comma)
        try expect(closing, "after \(what)")
        return items
    }

    private func lambdaParameters(_ expr: Expr) throws(LoupeError) -> [Identifier] {
        switch expr.kind {
        case .identifier(let parts) where parts.count == 1:
            return parts
        case .tuple(let items):
            var names: [Identifier] = []
            for item in items {
                guard case .identifier(let parts) = item.kind, parts.count == 1 else {
                    throw LoupeError(.syntax, "expected lambda parameter names before '->'", at: item.range)
                }
                names.append(parts[0])
            }
            return names
        default:
            throw LoupeError(.syntax, "expected lambda parameter names before '->'", at: expr.range)
        }
    }

    // MARK: - Binary operators

    /// Operators binding at least as tightly as `minPrecedence`.
    mutating func parseBinary(_ minPrecedence: Int) throws(LoupeError) -> Expr {
        let start = current.range.start
        var lhs = try parsePrefix()
        var chain = 0
        defer { depth -= chain }
        while true {
            guard let precedence = infixPrecedence(), precedence >= minPrecedence else { return lhs }
            // A left-deep chain `a + b + c ...` is as deep as it is long.
            chain += 1
            try enter()
            lhs = try parseInfix(lhs, precedence: precedence, start: start)
        }
    }

    /// The precedence of the infix operator at the current token, if there is one.
    private func infixPrecedence() -> Int? {
        switch current.kind {
        case .symbol(let s):
            switch s {
            case .equal, .doubleEqual, .notEqual, .lessGreater, .less, .lessOrEqual, .greater, .greaterOrEqual:
                return Precedence.comparison
            case .concat: return Precedence.concat
            case .plus, .minus: return Precedence.additive
            case .star, .slash, .percent: return Precedence.multiplicative
            default: return nil
            }
        case .word:
            switch current.keyword {
            case .or: return Precedence.or
            case .and: return Precedence.and
            case .is: return Precedence.isNull
            case .between: return Precedence.between
            case .like, .ilike, .in: return Precedence.comparison
            case .global where peek().keyword == .in || peek().keyword == .not: return Precedence.comparison
            case .div, .mod: return Precedence.multiplicative
            case .not:
                switch peek().keyword {
                case .like, .ilike, .in: return Precedence.comparison
                case .between: return Precedence.between
                default: return Precedence.comparison  // reported by parseInfix
                }
            default: return nil
            }
        default:
            return nil
        }
    }

    private mutating func parseInfix(
        _ lhs: Expr, precedence: Int, start: SourceLocation
    ) throws(LoupeError) -> Expr {
        let opToken = current
        if opToken.keyword == .global { advance() }  // GLOBAL IN means IN for a single node
        if let op = simpleBinaryOperator() {
            advance()
            let rhs = try parseBinary(precedence + 1)
            return Expr(.binary(op, lhs, rhs), range: range(from: start))
        }
        let negated = accept(.not)
        switch current.keyword {
        case .is:
            advance()
            let isNot = accept(.not)
            try expect(.null, isNot ? "after IS NOT" : "after IS")
            return Expr(.isNull(lhs, negated: isNot), range: range(from: start))
        case .between:
            advance()
            let low = try parseBinary(Precedence.between + 1)
            try expect(.and, "after the lower bound of BETWEEN")
            let high = try parseBinary(Precedence.between + 1)
            return Expr(.between(lhs, low: low, high: high, negated: negated), range: range(from: start))
        case .like, .ilike:
            let ci = current.keyword == .ilike
            advance()
            let rhs = try parseBinary(precedence + 1)
            let op: BinaryOperator = ci ? (negated ? .notILike : .ilike) : (negated ? .notLike : .like)
            return Expr(.binary(op, lhs, rhs), range: range(from: start))
        case .in:
            advance()
            let target = try parseInTarget()
            return Expr(.in(lhs, target, negated: negated), range: range(from: start))
        default:
            throw error("expected LIKE, ILIKE, IN or BETWEEN after NOT")
        }
    }

    /// The operator at the current token when it is a plain binary operator.
    private func simpleBinaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(let s):
            switch s {
            case .equal, .doubleEqual: return .equal
            case .notEqual, .lessGreater: return .notEqual
            case .less: return .less
            case .lessOrEqual: return .lessOrEqual
            case .greater: return .greater
            case .greaterOrEqual: return .greaterOrEqual
            case .concat: return .concat
            case .plus: return .add
            case .minus: return .subtract
            case .star: return .multiply
            case .slash: return .divide
            case .percent: return .modulo
            default: return nil
            }
        default:
            switch current.keyword {
            case .or: return .or
            case .and: return .and
            case .div: return .intDivide
            case .mod: return .modulo
            default: return nil
            }
        }
    }

    /// `IN (list)`, `IN (SELECT ...)` or `IN expr`.
    private mutating func parseInTarget() throws(LoupeError) -> InTarget {
        guard at(.leftParen) else { return .expr(try parseBinary(Precedence.concat)) }
        if startsQuery(peek()) {
            advance()
            let query = try parseQuery()
            try expect(.rightParen, "after subquery")
            return .subquery(query)
        }
        advance()
        return .list(try parseExpressionList(until: .rightParen, "IN list"))
    }

    /// True when `token` begins a query (`SELECT` or `WITH`).
    func startsQuery(_ token: Token) -> Bool {
        token.keyword == .select || token.keyword == .with
    }

    // MARK: - Prefix and postfix

    /// `NOT x`, `-x`, or a primary with its postfix operators.
    private mutating func parsePrefix() throws(LoupeError) -> Expr {
        let start = current.range.start
        if at(.not) {
            advance()
            try enter()
            defer { leave() }
            let operand = try parseBinary(Precedence.not + 1)
            return Expr(.unary(.not, operand), range: range(from: start))
        }
        if at(.minus) {
            advance()
            if case .number(let text) = current.kind {
                advance()
                let literal = try numberLiteral(text, negative: true, range: range(from: start))
                return try parsePostfix(Expr(.literal(literal), range: range(from: start)), start: start)
            }
            if let special = specialFloat(current), peek().kind != .symbol(.leftParen), peek().kind != .symbol(.dot) {
                advance()
                return try parsePostfix(Expr(.literal(.float(-special)), range: range(from: start)), start: start)
            }
            try enter()
            defer { leave() }
            let operand = try parseBinary(Precedence.unary)
            return Expr(.unary(.negate, operand), range: range(from: start))
        }
        return try parsePostfix(try parsePrimary(), start: start)
    }

    /// `a[i]`, `t.1`, `x::Type` after a primary.
    mutating func parsePostfix(_ base: Expr, start: SourceLocation) throws(LoupeError) -> Expr {
        var expr = base
        var chain = 0
        defer { depth -= chain }
        while true {
            if accept(.leftBracket) {
                let index = try parseExpression()
                try expect(.rightBracket, "after array index")
                expr = Expr(.subscript(expr, index: index), range: range(from: start))
            } else if at(.dot), case .number(let text) = peek().kind {
                advance()
                guard let index = Int(text), index > 0 else {
                    throw error("expected a tuple element number (1, 2, ...) after '.'")
                }
                advance()
                expr = Expr(.tupleElement(expr, index: index), range: range(from: start))
            } else if accept(.doubleColon) {
                let type = try parseTypeName()
                expr = Expr(.cast(expr, type, syntax: .doubleColon), range: range(from: start))
            } else {
                return expr
            }
            chain += 1
            try enter()
        }
    }
}
