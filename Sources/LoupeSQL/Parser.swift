// The parser: hand-written recursive descent over the lexer's tokens, with precedence climbing
// for expressions (Parser+Expr.swift). This file holds the entry points, the token cursor, error
// reporting and the nesting limit; each statement family has its own `Parser+*.swift` file.
//
// Every error is a `LoupeError(.syntax)` located at the offending token, worded as
// "expected X after Y, found Z". Deeply nested input fails with a clear error at `maxDepth`
// instead of exhausting the stack.

import LoupeCore

/// Parses SQL text in the ClickHouse/MyScale dialect into `Statement`s and `Expr`s.
public struct Parser {
    /// The default limit on syntax tree depth (nesting and operator chains both count).
    public static let defaultMaxDepth = 200

    let source: [UInt8]
    let tokens: [Token]
    var position = 0
    var depth = 0
    let maxDepth: Int
    /// Positional `?` parameters seen so far in the current statement.
    var positionalParameters = 0
    /// Set when parsing stopped at `maxDepth`.
    private(set) var depthExceeded = false

    /// Lexes `sql`; parsing happens in the `parse...` methods.
    init(_ sql: String, maxDepth: Int = Parser.defaultMaxDepth) throws(LoupeError) {
        self.source = Array(sql.utf8)
        self.tokens = try Lexer.tokenize(sql)
        self.maxDepth = maxDepth
    }

    // MARK: - Entry points

    /// Parses a script: statements separated by `;` (the last `;` optional, empty statements
    /// skipped). Statement ranges are positions in the whole text.
    public static func parseScript(_ sql: String) throws(LoupeError) -> [Statement] {
        try withEnoughStack(sql) { (parser: inout Parser) throws(LoupeError) in try parser.parseStatements() }
    }

    /// Parses exactly one statement, optionally followed by `;`.
    public static func parseStatement(_ sql: String) throws(LoupeError) -> Statement {
        try withEnoughStack(sql) { (parser: inout Parser) throws(LoupeError) in
            while parser.accept(.semicolon) {}
            if parser.current.kind == .end {
                throw LoupeError(.syntax, "expected a statement, found end of input", at: parser.current.range)
            }
            let statement = try parser.parseStatement()
            while parser.accept(.semicolon) {}
            if parser.current.kind != .end {
                throw parser.error("expected end of input after statement")
            }
            return statement
        }
    }

    /// Parses one expression (aliases `x AS y` allowed), e.g. a column DEFAULT.
    public static func parseExpression(_ sql: String) throws(LoupeError) -> Expr {
        try withEnoughStack(sql) { (parser: inout Parser) throws(LoupeError) in
            let expr = try parser.parseExpressionAllowingAlias()
            if parser.current.kind != .end {
                throw parser.error("expected end of input after expression")
            }
            return expr
        }
    }

    /// Parses a type name alone, e.g. the `'Array(Float32)'` of `CAST(x, 'Array(Float32)')`.
    public static func parseType(_ sql: String) throws(LoupeError) -> TypeName {
        try withEnoughStack(sql) { (parser: inout Parser) throws(LoupeError) in
            let type = try parser.parseTypeName()
            if parser.current.kind != .end {
                throw parser.error("expected end of input after type name")
            }
            return type
        }
    }

    /// Runs `parse` on the caller's thread with a small depth budget and, when the input nests
    /// deeper, again on a thread with a large stack with the full `defaultMaxDepth`. Recursive
    /// descent needs stack in proportion to nesting; this keeps deep input from overflowing a
    /// small thread stack (Swift concurrency threads, debug builds) without costing shallow input.
    private static func withEnoughStack<T: Sendable>(
        _ sql: String, _ parse: @escaping @Sendable (inout Parser) throws(LoupeError) -> T
    ) throws(LoupeError) -> T {
        var parser = try Parser(sql, maxDepth: min(shallowDepth, defaultMaxDepth))
        var shallowError: LoupeError
        do {
            return try parse(&parser)
        } catch {
            guard parser.depthExceeded, defaultMaxDepth > shallowDepth else { throw error }
            shallowError = error
        }
        let deep = DeepStack.run { () throws(LoupeError) -> T in
            var deep = try Parser(sql)
            return try parse(&deep)
        }
        guard let deep else {
            shallowError.message += "; no thread with a larger stack could be started"
            throw shallowError
        }
        return try deep.get()
    }

    /// The depth parsed on the caller's stack before moving to a large-stack thread.
    static let shallowDepth = 24

    /// Parses all statements up to the end of the text.
    mutating func parseStatements() throws(LoupeError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while accept(.semicolon) {}
            if current.kind == .end { return statements }
            positionalParameters = 0
            statements.append(try parseStatement())
            if current.kind != .end && !at(.semicolon) {
                throw error("expected ';' or end of input after statement")
            }
        }
    }

    /// Parses one statement at the current token.
    mutating func parseStatement() throws(LoupeError) -> Statement {
        try enter()
        defer { leave() }
        if at(.leftParen) { return .select(try parseQuery()) }
        guard let keyword = current.keyword else {
            throw error(
                "expected a statement (SELECT, INSERT, CREATE, ALTER, DROP, SHOW, ...)")
        }
        switch keyword {
        case .select, .with: return .select(try parseQuery())
        case .insert: return .insert(try parseInsert())
        case .create: return try parseCreate()
        case .drop: return try parseDrop()
        case .truncate: return .truncateTable(try parseTruncate())
        case .alter: return .alterTable(try parseAlterTable())
        case .delete: return .delete(try parseDelete())
        case .show: return try parseShow()
        case .describe, .desc: return .describe(try parseDescribe())
        case .use: return .use(try parseUse())
        case .exists: return .exists(try parseExistsTable())
        case .explain: return .explain(try parseExplain())
        case .optimize: return .optimize(try parseOptimize())
        case .system: return .system(try parseSystem())
        default:
            throw error("expected a statement (SELECT, INSERT, CREATE, ALTER, DROP, SHOW, ...)")
        }
    }

    // MARK: - Token cursor

    var current: Token { tokens[position] }

    /// The token `ahead` places after the current one (the end token past the end).
    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(position + ahead, tokens.count - 1)]
    }

    /// The end of the most recently consumed token.
    var lastEnd: SourceLocation {
        position == 0 ? current.range.start : tokens[position - 1].range.end
    }

    /// The range from `start` to the end of the last consumed token.
    func range(from start: SourceLocation) -> SourceRange {
        SourceRange(start: start, end: max(start, lastEnd))
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func at(_ keyword: Keyword) -> Bool { current.keyword == keyword }

    func at(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

    mutating func accept(_ keyword: Keyword) -> Bool {
        guard at(keyword) else { return false }
        advance()
        return true
    }

    mutating func accept(_ symbol: Symbol) -> Bool {
        guard at(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes a bare word that is not a keyword (`STDOUT`, `APPEND`), matched case-insensitively.
    mutating func acceptWord(_ word: String) -> Bool {
        guard case .word(let w) = current.kind, current.keyword == nil, w.uppercased() == word else { return false }
        advance()
        return true
    }

    /// Consumes `keyword` or fails with "expected 'KEYWORD' <context>, found ...".
    mutating func expect(_ keyword: Keyword, _ context: String) throws(LoupeError) {
        guard accept(keyword) else { throw error("expected '\(keyword.rawValue)' \(context)") }
    }

    /// Consumes `symbol` or fails with "expected 'symbol' <context>, found ...".
    mutating func expect(_ symbol: Symbol, _ context: String) throws(LoupeError) {
        guard accept(symbol) else { throw error("expected '\(symbol.rawValue)' \(context)") }
    }

    /// Consumes `IF EXISTS` when present.
    mutating func acceptIfExists() throws(LoupeError) -> Bool {
        guard accept(.if) else { return false }
        try expect(.exists, "after IF")
        return true
    }

    /// Consumes `IF NOT EXISTS` when present.
    mutating func acceptIfNotExists() throws(LoupeError) -> Bool {
        guard accept(.if) else { return false }
        try expect(.not, "after IF")
        try expect(.exists, "after IF NOT")
        return true
    }

    // MARK: - Names

    /// True when the current token can be an identifier: a quoted name or an unreserved word.
    var atIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .word: return !(current.keyword?.isReserved ?? false)
        default: return false
        }
    }

    /// An identifier: a quoted name or a word that is not a reserved keyword.
    mutating func parseIdentifier(_ what: String) throws(LoupeError) -> Identifier {
        switch current.kind {
        case .quotedIdentifier(let name), .word(let name):
            if case .word = current.kind, current.keyword?.isReserved == true {
                throw error("expected \(what)")
            }
            let identifier = Identifier(name, range: current.range)
            advance()
            return identifier
        default:
            throw error("expected \(what)")
        }
    }

    /// A name after `AS`: any word (reserved or not) or a quoted name.
    mutating func parseAlias() throws(LoupeError) -> Identifier {
        switch current.kind {
        case .quotedIdentifier(let name), .word(let name):
            let identifier = Identifier(name, range: current.range)
            advance()
            return identifier
        default:
            throw error("expected an alias after AS")
        }
    }

    /// `[AS] alias` after a select item or table; the alias without AS must not be reserved.
    mutating func parseOptionalAlias() throws(LoupeError) -> Identifier? {
        if accept(.as) { return try parseAlias() }
        return atIdentifier ? try parseIdentifier("an alias") : nil
    }

    /// `[db.]name`.
    mutating func parseTableName(_ what: String = "a table name") throws(LoupeError) -> TableName {
        let start = current.range.start
        let first = try parseIdentifier(what)
        if accept(.dot) {
            let name = try parseIdentifier("a table name after '\(first.name).'")
            return TableName(database: first, name: name, range: range(from: start))
        }
        return TableName(name: first, range: range(from: start))
    }

    /// A string literal's value.
    mutating func parseString(_ what: String) throws(LoupeError) -> String {
        guard case .string(let s) = current.kind else { throw error("expected \(what)") }
        advance()
        return s
    }

    /// `(a, b, c)`: a parenthesised, comma-separated list of identifiers.
    mutating func parseIdentifierList(_ what: String) throws(LoupeError) -> [Identifier] {
        try expect(.leftParen, "before \(what)")
        var names = [try parseIdentifier("a column name")]
        while accept(.comma) { names.append(try parseIdentifier("a column name")) }
        try expect(.rightParen, "after \(what)")
        return names
    }

    /// `name = value, ...` (a SETTINGS list, after the SETTINGS keyword).
    mutating func parseSettingList() throws(LoupeError) -> [Setting] {
        var settings: [Setting] = []
        repeat {
            let start = current.range.start
            let name = try parseIdentifier("a setting name")
            try expect(.equal, "after setting name '\(name.name)'")
            let value = try parseExpression()
            settings.append(Setting(name: name, value: value, range: range(from: start)))
        } while accept(.comma)
        return settings
    }

    // MARK: - Errors and depth

    /// A syntax error at the current token: "<message>, found <token>".
    func error(_ message: String) -> LoupeError {
        LoupeError(.syntax, "\(message), found \(current.quotedDescription)", at: current.range)
    }

    /// Enters one level of nesting; fails past `maxDepth`.
    mutating func enter() throws(LoupeError) {
        depth += 1
        if depth > maxDepth {
            depthExceeded = true
            throw LoupeError(
                .syntax, "query is nested too deeply (more than \(maxDepth) levels)", at: current.range)
        }
    }

    mutating func leave() {
        depth -= 1
    }
}
