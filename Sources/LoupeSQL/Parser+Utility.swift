// SHOW, DESCRIBE, USE, EXISTS, EXPLAIN, OPTIMIZE and SYSTEM.

import LoupeCore

extension Parser {
    /// `SHOW TABLES | DATABASES | CREATE [TABLE] ...`.
    mutating func parseShow() throws(LoupeError) -> Statement {
        let start = current.range.start
        advance()
        if accept(.tables) {
            var database: Identifier?
            if accept(.from) || accept(.in) { database = try parseIdentifier("a database name") }
            let pattern = try parseLikePattern()
            return .showTables(ShowTables(database: database, pattern: pattern, range: range(from: start)))
        }
        if accept(.databases) {
            return .showDatabases(ShowDatabases(pattern: try parseLikePattern(), range: range(from: start)))
        }
        if accept(.create) {
            _ = accept(.table)
            let table = try parseTableName()
            return .showCreateTable(ShowCreateTable(table: table, range: range(from: start)))
        }
        throw error("expected TABLES, DATABASES or CREATE after SHOW")
    }

    private mutating func parseLikePattern() throws(LoupeError) -> LikePattern? {
        let negated = at(.not) && (peek().keyword == .like || peek().keyword == .ilike)
        if negated { advance() }
        guard at(.like) || at(.ilike) else { return nil }
        let caseInsensitive = at(.ilike)
        advance()
        let pattern = try parseString("a pattern string after LIKE")
        return LikePattern(pattern: pattern, caseInsensitive: caseInsensitive, negated: negated)
    }

    /// `DESCRIBE|DESC [TABLE] [db.]t`.
    mutating func parseDescribe() throws(LoupeError) -> Describe {
        let start = current.range.start
        advance()
        _ = accept(.table)
        return Describe(table: try parseTableName(), range: range(from: start))
    }

    /// `USE db`.
    mutating func parseUse() throws(LoupeError) -> Use {
        let start = current.range.start
        advance()
        return Use(database: try parseIdentifier("a database name"), range: range(from: start))
    }

    /// `EXISTS [TABLE] [db.]t`.
    mutating func parseExistsTable() throws(LoupeError) -> ExistsTable {
        let start = current.range.start
        advance()
        _ = accept(.table)
        return ExistsTable(table: try parseTableName(), range: range(from: start))
    }

    /// `EXPLAIN [PLAN|AST|SYNTAX|PIPELINE] [name = value, ...] statement`.
    mutating func parseExplain() throws(LoupeError) -> Explain {
        let start = current.range.start
        advance()
        var kind: ExplainKind?
        if let keyword = current.keyword, let k = ExplainKind(rawValue: keyword.rawValue) {
            kind = k
            advance()
        }
        var settings: [Setting] = []
        if atIdentifier && peek().kind == .symbol(.equal) { settings = try parseSettingList() }
        let statement = try parseStatement()
        return Explain(kind: kind, settings: settings, statement: statement, range: range(from: start))
    }

    /// `OPTIMIZE TABLE [db.]t [FINAL]`.
    mutating func parseOptimize() throws(LoupeError) -> Optimize {
        let start = current.range.start
        advance()
        try expect(.table, "after OPTIMIZE")
        let table = try parseTableName()
        return Optimize(table: table, final: accept(.final), range: range(from: start))
    }

    /// `SYSTEM word ...` up to the end of the statement; dotted names stay one word.
    mutating func parseSystem() throws(LoupeError) -> SystemCommand {
        let start = current.range.start
        advance()
        var words: [String] = []
        while true {
            switch current.kind {
            case .word(let w), .number(let w):
                if let last = words.last, last.hasSuffix(".") {
                    words[words.count - 1] = last + w
                } else {
                    words.append(w)
                }
                advance()
            case .symbol(.dot) where !words.isEmpty && !words[words.count - 1].hasSuffix("."):
                words[words.count - 1] += "."
                advance()
            case .end, .symbol(.semicolon):
                if words.isEmpty || words[words.count - 1].hasSuffix(".") {
                    throw error("expected a word in SYSTEM command")
                }
                return SystemCommand(words: words, range: range(from: start))
            default:
                throw error("expected a word in SYSTEM command")
            }
        }
    }
}
