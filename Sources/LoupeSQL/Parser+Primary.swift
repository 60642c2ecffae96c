// Primary expressions: literals (numbers in every spelling, strings, NULL/TRUE/FALSE, inf/nan),
// names, calls (plain, DISTINCT, parametric), parentheses and tuples, arrays, subqueries,
// CASE, CAST, EXISTS, INTERVAL and parameters.

import LoupeCore

extension Parser {
    mutating func parsePrimary() throws(LoupeError) -> Expr {
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
        case .word:
            return try parseWord(token)
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
                if let numbers = try parseNumberList() { return Expr(.array(numbers), range: range(from: start)) }
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

    /// A primary starting with a word: a literal keyword, CASE/CAST/EXISTS/INTERVAL, a call, or a name.
    private mutating func parseWord(_ token: Token) throws(LoupeError) -> Expr {
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
    func specialFloat(_ token: Token) -> Double? {
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
        case .symbol(let s):
            return s == .leftParen || s == .minus || s == .question || s == .leftBrace || s == .leftBracket
        case .word:
            switch next.keyword {
            case .null, .true, .false, .case, .not: return true
            case let keyword?: return !keyword.isReserved || peek(2).kind == .symbol(.leftParen)
            case nil: return true
            }
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
        let operand = at(.when) || at(.end) ? nil : try parseExpression()
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
        if let value = Self.plainDecimal(text) { return .float(negative ? -value : value) }
        var magnitude: UInt64?
        let lower = text.lowercased().filter { $0 != "_" }
        if lower.hasPrefix("0x") {
            magnitude = UInt64(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0b") {
            magnitude = UInt64(lower.dropFirst(2), radix: 2)
        } else if !lower.contains(where: { $0 == "." || $0 == "e" }) {
            magnitude = UInt64(lower)
        } else {
            let digits = (lower.hasPrefix(".") ? "0" : "") + lower + (lower.hasSuffix(".") ? "0" : "")
            guard let value = Double(digits) else {
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

    /// The value of a plain decimal with a fraction or exponent (`0.25`, `-1e-3` after its sign,
    /// `.5`), read straight from the bytes: vector literals are hundreds of these per query.
    /// Nil for anything else (integers, `_`, hex, binary), which the general path reads.
    private static func plainDecimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
            var fractional = false
            for b in bytes {
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): fractional = true
                default: return nil
                }
            }
            guard fractional, bytes.last != UInt8(ascii: ".") else { return nil }
            var p = base
            let end = base + bytes.count
            guard let value = FloatParser.parseDouble(&p, end), p == end else { return nil }
            return value
        }
    }

    /// After `[`: the elements and the `]` when every element is a number literal, optionally
    /// negative (`[0.12, -3e-2, 7]`, an embedding); nil, consuming nothing, otherwise. Such lists
    /// run to hundreds of elements per query, so they skip the precedence climbing an element
    /// would otherwise go through.
    mutating func parseNumberList() throws(LoupeError) -> [Expr]? {
        let first = position
        var items: [Expr] = []
        while true {
            let start = current.range.start
            let negative = at(.minus)
            let numberToken = negative ? peek() : current
            guard case .number(let text) = numberToken.kind else { break }
            let after = negative ? peek(2) : peek()
            guard after.kind == .symbol(.comma) || after.kind == .symbol(.rightBracket) else { break }
            if negative { advance() }
            advance()
            items.append(Expr(.literal(try numberLiteral(text, negative: negative, range: range(from: start))), range: range(from: start)))
            advance()
            if after.kind == .symbol(.rightBracket) { return items }
        }
        position = first
        return nil
    }
}
