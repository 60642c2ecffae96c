// Expression parsing by precedence climbing, with ClickHouse's precedence (lowest first):
//
//   1 lambda `->`    2 ternary `? :`    3 OR    4 AND    5 NOT (prefix)    6 IS [NOT] NULL
//   7 [NOT] BETWEEN  9 comparisons, [NOT] LIKE/ILIKE, [NOT] IN    10 `||`    11 `+ -`
//   12 `* / % DIV MOD`    13 unary `-`    14 postfix `a[i]`, `t.1`, `x::T`
//
// Binary operators are left-associative; a `-` directly before a number makes a negative literal.

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
                default: return nil
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
    private mutating func parsePostfix(_ base: Expr, start: SourceLocation) throws(LoupeError) -> Expr {
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

    // MARK: - Primaries

    private mutating func parsePrimary() throws(LoupeError) -> Expr {
        let token = current
        let start = token.range.start
        switch token.kind {
        case .number(let text):
            advance()
            return Expr(.literal(try numberLiteral(text, negative: false, range: token.range)), range: token.range)
        case .string(let s):
            advance()
            return Expr(.literal(.string(s)), range: token.range)
        case .quotedIdentifier:
            if peek().kind == .symbol(.leftParen) { return try parseFunctionCall() }
            return try parseCompoundIdentifier()
        case .word(let word):
            return try parseWord(word, token: token)
        case .symbol(let s):
            switch s {
            case .star:
                advance()
                return Expr(.star(qualifier: []), range: token.range)
            case .leftParen:
                return try parseParenthesized()
            case .leftBracket:
                advance()
                try enter()
                defer { leave() }
                let items = try parseExpressionList(until: .rightBracket, "array elements")
                return Expr(.array(items), range: range(from: start))
            case .question:
                advance()
                positionalParameters += 1
                return Expr(.parameter(.positional(positionalParameters)), range: token.range)
            case .leftBrace:
                advance()
                let name = try parseAlias()
                try expect(.colon, "after parameter name '\(name.name)'")
                let type = try parseTypeName()
                try expect(.rightBrace, "after parameter type")
                return Expr(.parameter(.named(name, type)), range: range(from: start))
            default:
                throw error("expected an expression")
            }
        case .end:
            throw error("expected an expression")
        }
    }

    private mutating func parseWord(_ word: String, token: Token) throws(LoupeError) -> Expr {
        let start = token.range.start
        let next = peek()
        switch token.keyword {
        case .null:
            advance()
            return Expr(.literal(.null), range: token.range)
        case .true, .false:
            advance()
            return Expr(.literal(.bool(token.keyword == .true)), range: token.range)
        case .case:
            return try parseCase()
        case .cast where next.kind == .symbol(.leftParen):
            return try parseCast()
        case .exists where next.kind == .symbol(.leftParen) && startsQuery(peek(2)):
            advance()
            advance()
            let query = try parseQuery()
            try expect(.rightParen, "after EXISTS subquery")
            return Expr(.exists(query), range: range(from: start))
        case .interval where startsIntervalValue(next):
            advance()
            let value = try parseBinary(Precedence.unary)
            guard case .word(let unitWord) = current.kind, let unit = IntervalUnit(rawValue: unitWord.uppercased())
            else {
                throw error("expected an interval unit (SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR)")
            }
            advance()
            return Expr(.interval(value, unit), range: range(from: start))
        default:
            break
        }
        if next.kind == .symbol(.leftParen) { return try parseFunctionCall() }
        if let special = specialFloat(token), next.kind != .symbol(.dot) {
            advance()
            return Expr(.literal(.float(special)), range: token.range)
        }
        if token.keyword?.isReserved == true { throw error("expected an expression") }
        return try parseCompoundIdentifier()
    }

    /// `inf` and `nan` (any case) are float literals, not names.
    private func specialFloat(_ token: Token) -> Double? {
        guard case .word(let word) = token.kind, word.count == 3 else { return nil }
        switch word.lowercased() {
        case "inf": return .infinity
        case "nan": return .nan
        default: return nil
        }
    }

    /// INTERVAL is a unit expression only when a value follows (so a column may be named `interval`).
    private func startsIntervalValue(_ next: Token) -> Bool {
        switch next.kind {
        case .number, .string, .quotedIdentifier: return true
        case .symbol(let s): return s == .leftParen || s == .minus || s == .question || s == .leftBrace
        case .word: return !(next.keyword?.isReserved ?? false)
        case .end: return false
        }
    }

    /// `a`, `t.a`, `db.t.a`, `t.*`.
    private mutating func parseCompoundIdentifier() throws(LoupeError) -> Expr {
        let start = current.range.start
        var parts = [try parseNamePart()]
        while at(.dot) {
            switch peek().kind {
            case .symbol(.star):
                advance()
                advance()
                return Expr(.star(qualifier: parts), range: range(from: start))
            case .word, .quotedIdentifier:
                advance()
                parts.append(try parseNamePart())
            default:
                return Expr(.identifier(parts), range: range(from: start))
            }
        }
        return Expr(.identifier(parts), range: range(from: start))
    }

    /// One part of a dotted name: after a dot any word is a name (`t.end`, `default.t`).
    private mutating func parseNamePart() throws(LoupeError) -> Identifier {
        switch current.kind {
        case .word(let name), .quotedIdentifier(let name):
            let identifier = Identifier(name, range: current.range)
            advance()
            return identifier
        default:
            throw error("expected a name")
        }
    }

    /// `f(args)`, `f(DISTINCT args)`, `f(params)(args)`.
    mutating func parseFunctionCall() throws(LoupeError) -> Expr {
        let start = current.range.start
        let name = try parseNamePart()
        try expect(.leftParen, "after function name")
        try enter()
        defer { leave() }
        var distinct = accept(.distinct)
        var arguments = try parseExpressionList(until: .rightParen, "function arguments")
        var parameters: [Expr]?
        if at(.leftParen) {
            if distinct { throw error("expected no DISTINCT in the parameters of '\(name.name)'") }
            advance()
            parameters = arguments
            distinct = accept(.distinct)
            arguments = try parseExpressionList(until: .rightParen, "function arguments")
        }
        let call = FunctionCall(
            name: name, parameters: parameters, arguments: arguments, distinct: distinct, range: range(from: start))
        return Expr(.function(call), range: range(from: start))
    }

    /// `(expr)`, `(a, b)`, `()`, `(SELECT ...)`.
    private mutating func parseParenthesized() throws(LoupeError) -> Expr {
        let start = current.range.start
        advance()
        try enter()
        defer { leave() }
        if startsQuery(current) {
            let query = try parseQuery()
            try expect(.rightParen, "after subquery")
            return Expr(.subquery(query), range: range(from: start))
        }
        let items = try parseExpressionList(until: .rightParen, "expression")
        if items.count == 1 { return items[0] }
        return Expr(.tuple(items), range: range(from: start))
    }

    /// `CASE [operand] WHEN c THEN r ... [ELSE e] END`.
    private mutating func parseCase() throws(LoupeError) -> Expr {
        let start = current.range.start
        advance()
        try enter()
        defer { leave() }
        let operand = at(.when) ? nil : try parseExpression()
        var branches: [CaseBranch] = []
        while at(.when) {
            let branchStart = current.range.start
            advance()
            let condition = try parseExpression()
            try expect(.then, "after WHEN condition")
            let result = try parseExpression()
            branches.append(CaseBranch(condition: condition, result: result, range: range(from: branchStart)))
        }
        if branches.isEmpty { throw error("expected WHEN in CASE") }
        let otherwise = accept(.else) ? try parseExpression() : nil
        try expect(.end, "to close CASE")
        return Expr(.case(operand: operand, branches: branches, else: otherwise), range: range(from: start))
    }

    /// `CAST(x AS Type)`; `CAST(x, 'Type')` is an ordinary call.
    private mutating func parseCast() throws(LoupeError) -> Expr {
        let start = current.range.start
        guard case .word(let word) = current.kind else { throw error("expected CAST") }
        let name = Identifier(word, range: current.range)
        advance()
        advance()
        try enter()
        defer { leave() }
        let value = try parseExpression()
        if accept(.as) {
            let type = try parseTypeName()
            try expect(.rightParen, "after CAST type")
            return Expr(.cast(value, type, syntax: .function), range: range(from: start))
        }
        var arguments = [value]
        if accept(.comma) {
            repeat { arguments.append(try parseExpressionAllowingAlias()) } while accept(.comma)
        }
        try expect(.rightParen, "after CAST arguments")
        let call = FunctionCall(name: name, arguments: arguments, range: range(from: start))
        return Expr(.function(call), range: range(from: start))
    }

    // MARK: - Numbers

    /// The literal a number token spells (negated when written after a prefix `-`).
    func numberLiteral(_ text: String, negative: Bool, range: SourceRange) throws(LoupeError) -> Literal {
        var magnitude: UInt64?
        let lower = text.lowercased()
        if lower.hasPrefix("0x") {
            magnitude = UInt64(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0b") {
            magnitude = UInt64(lower.dropFirst(2), radix: 2)
        } else if !lower.contains(where: { $0 == "." || $0 == "e" }) {
            magnitude = UInt64(lower)
        } else {
            guard let value = Double(lower.hasPrefix(".") ? "0" + lower : lower) else {
                throw LoupeError(.syntax, "malformed number '\(text)'", at: range)
            }
            return .float(negative ? -value : value)
        }
        guard let magnitude else {
            if lower.hasPrefix("0x") || lower.hasPrefix("0b") {
                throw LoupeError(.syntax, "integer literal '\(text)' is too large", at: range)
            }
            guard let value = Double(lower) else {
                throw LoupeError(.syntax, "malformed number '\(text)'", at: range)
            }
            return .float(negative ? -value : value)
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(.min) }
            return .float(-Double(magnitude))
        }
        return magnitude <= UInt64(Int64.max) ? .int(Int64(magnitude)) : .uint(magnitude)
    }
}
