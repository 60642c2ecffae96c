// Query parsing: UNION chains of SELECTs with their clauses, FROM sources and joins, and the
// output clauses (INTO OUTFILE, FORMAT, trailing SETTINGS).

import LoupeCore

extension Parser {
    /// A complete query, at `SELECT`, `WITH` or `(`.
    mutating func parseQuery() throws(LoupeError) -> Query {
        let start = current.range.start
        try enter()
        defer { leave() }
        let body = try parseQueryBody()
        var outfile: OutfileClause?
        if at(.into) {
            let outfileStart = current.range.start
            advance()
            try expect(.outfile, "after INTO")
            var clause = OutfileClause(path: try parseString("a file name after INTO OUTFILE"))
            if accept(.and) {
                guard acceptWord("STDOUT") else { throw error("expected STDOUT after INTO OUTFILE ... AND") }
                clause.andStdout = true
            }
            if acceptWord("APPEND") {
                clause.existingFile = .append
            } else if accept(.truncate) {
                clause.existingFile = .truncate
            }
            if accept(.compression) {
                clause.compression = try parseString("a compression name after COMPRESSION")
                if acceptWord("LEVEL") {
                    guard case .number(let text) = current.kind, let level = Int(text) else {
                        throw error("expected a number after LEVEL")
                    }
                    advance()
                    clause.level = level
                }
            }
            clause.range = range(from: outfileStart)
            outfile = clause
        }
        var format: Identifier?
        if accept(.format) { format = try parseAlias() }
        var settings: [Setting] = []
        if format != nil || outfile != nil, accept(.settings) { settings = try parseSettingList() }
        return Query(body: body, outfile: outfile, format: format, settings: settings, range: range(from: start))
    }

    private mutating func parseQueryBody() throws(LoupeError) -> QueryBody {
        var body = try parseQueryTerm()
        var chain = 0
        defer { depth -= chain }
        while accept(.union) {
            var mode = UnionMode.distinct
            if accept(.all) {
                mode = .all
            } else {
                _ = accept(.distinct)
            }
            chain += 1
            try enter()
            body = .union(body, mode, try parseQueryTerm())
        }
        return body
    }

    private mutating func parseQueryTerm() throws(LoupeError) -> QueryBody {
        if accept(.leftParen) {
            guard startsQuery(current) || at(.leftParen) else { throw error("expected SELECT after '('") }
            let query = try parseQuery()
            try expect(.rightParen, "after parenthesised query")
            return .parenthesized(query)
        }
        return .select(try parseSelect())
    }

    /// One SELECT with its clauses.
    private mutating func parseSelect() throws(LoupeError) -> Select {
        let start = current.range.start
        var with: [WithItem] = []
        if accept(.with) {
            repeat { with.append(try parseWithItem()) } while accept(.comma)
        }
        try expect(.select, with.isEmpty ? "to start a query" : "after WITH list")
        var select = Select(with: with, distinct: accept(.distinct), items: [])
        if !select.distinct { _ = accept(.all) }
        repeat { select.items.append(try parseSelectItem()) } while accept(.comma)
        if accept(.from) { select.from = try parseFrom() }
        if accept(.prewhere) { select.prewhere = try parseExpression() }
        if accept(.where) { select.where = try parseExpression() }
        if accept(.group) {
            try expect(.by, "after GROUP")
            repeat { select.groupBy.append(try parseExpression()) } while accept(.comma)
            if at(.with) && peek().keyword == .totals {
                advance()
                advance()
                select.withTotals = true
            }
        }
        if accept(.having) { select.having = try parseExpression() }
        if accept(.order) {
            try expect(.by, "after ORDER")
            repeat { select.orderBy.append(try parseOrderingTerm()) } while accept(.comma)
        }
        try parseLimits(into: &select)
        if select.limit == nil && accept(.offset) {
            select.offset = try parseExpression()
            if case .word(let w) = current.kind, ["ROW", "ROWS"].contains(w.uppercased()) { advance() }
        }
        if accept(.settings) { select.settings = try parseSettingList() }
        select.range = range(from: start)
        return select
    }

    private mutating func parseWithItem() throws(LoupeError) -> WithItem {
        let start = current.range.start
        if atIdentifier && peek().keyword == .as && peek(2).kind == .symbol(.leftParen) && startsQuery(peek(3)) {
            let name = try parseIdentifier("a name")
            advance()
            advance()
            let query = try parseQuery()
            try expect(.rightParen, "after WITH subquery")
            return WithItem(.subquery(name: name, query), range: range(from: start))
        }
        let expr = try parseExpression()
        try expect(.as, "after WITH expression")
        let name = try parseAlias()
        return WithItem(.expression(expr, name: name), range: range(from: start))
    }

    private mutating func parseSelectItem() throws(LoupeError) -> SelectItem {
        let start = current.range.start
        let expr = try parseExpression()
        let alias = try parseOptionalAlias()
        return SelectItem(expr: expr, alias: alias, range: range(from: start))
    }

    private mutating func parseOrderingTerm() throws(LoupeError) -> OrderingTerm {
        let start = current.range.start
        var term = OrderingTerm(expr: try parseExpression())
        if accept(.asc) {
            term.direction = .ascending
        } else if accept(.desc) {
            term.direction = .descending
        }
        if accept(.nulls) {
            if accept(.first) {
                term.nulls = .first
            } else if accept(.last) {
                term.nulls = .last
            } else {
                throw error("expected FIRST or LAST after NULLS")
            }
        }
        term.range = range(from: start)
        return term
    }

    /// `LIMIT n [OFFSET m] BY exprs` and/or `LIMIT n [OFFSET m]` (also `LIMIT m, n`).
    private mutating func parseLimits(into select: inout Select) throws(LoupeError) {
        while at(.limit) {
            let start = current.range.start
            advance()
            var count = try parseExpression()
            var offset: Expr?
            if accept(.comma) {
                offset = count
                count = try parseExpression()
            } else if accept(.offset) {
                offset = try parseExpression()
            }
            if accept(.by) {
                if select.limitBy != nil || select.limit != nil { throw error("expected one LIMIT BY clause") }
                var by: [Expr] = []
                repeat { by.append(try parseExpression()) } while accept(.comma)
                select.limitBy = LimitBy(count: count, offset: offset, by: by, range: range(from: start))
            } else {
                if select.limit != nil { throw error("expected one LIMIT clause") }
                select.limit = Limit(count: count, offset: offset, range: range(from: start))
                return
            }
        }
    }

    // MARK: - FROM

    /// Sources joined left to right: `a JOIN b ON ...`, `a, b`.
    private mutating func parseFrom() throws(LoupeError) -> TableSource {
        let start = current.range.start
        var source = try parseTablePrimary()
        var chain = 0
        defer { depth -= chain }
        while true {
            let joinKind: JoinKind
            var strictness: JoinStrictness?
            if accept(.comma) {
                joinKind = .comma
            } else if let (kind, strict) = try parseJoinOperator() {
                joinKind = kind
                strictness = strict
            } else {
                return source
            }
            chain += 1
            try enter()
            let right = try parseTablePrimary()
            var constraint: JoinConstraint?
            if joinKind != .comma && joinKind != .cross {
                if accept(.on) {
                    constraint = .on(try parseExpression())
                } else if accept(.using) {
                    if at(.leftParen) {
                        constraint = .using(try parseIdentifierList("USING column list"))
                    } else {
                        var names = [try parseIdentifier("a column name after USING")]
                        while accept(.comma) { names.append(try parseIdentifier("a column name")) }
                        constraint = .using(names)
                    }
                } else {
                    throw error("expected ON or USING after joined table")
                }
            }
            let join = Join(
                left: source, right: right, kind: joinKind, strictness: strictness, constraint: constraint,
                range: range(from: start))
            source = TableSource(.join(join), range: range(from: start))
        }
    }

    /// `[GLOBAL] [strictness] [INNER|LEFT [OUTER]|RIGHT [OUTER]|FULL [OUTER]|CROSS] [strictness] JOIN`.
    private mutating func parseJoinOperator() throws(LoupeError) -> (JoinKind, JoinStrictness?)? {
        let save = position
        _ = accept(.global)
        var strictness = parseStrictness()
        var kind: JoinKind = .inner
        if accept(.inner) {
            kind = .inner
        } else if accept(.left) {
            kind = .left
        } else if accept(.right) {
            kind = .right
        } else if accept(.full) {
            kind = .full
        } else if accept(.cross) {
            kind = .cross
        }
        if kind == .left || kind == .right || kind == .full { _ = accept(.outer) }
        if strictness == nil { strictness = parseStrictness() }
        if accept(.join) { return (kind, strictness) }
        if position == save { return nil }
        throw error("expected JOIN")
    }

    private mutating func parseStrictness() -> JoinStrictness? {
        let strictness: JoinStrictness?
        switch current.keyword {
        case .any: strictness = .any
        case .all: strictness = .all
        case .asof: strictness = .asof
        case .semi: strictness = .semi
        case .anti: strictness = .anti
        default: strictness = nil
        }
        if strictness != nil { advance() }
        return strictness
    }

    /// A table, `(subquery)`, or table function, with an optional alias.
    private mutating func parseTablePrimary() throws(LoupeError) -> TableSource {
        let start = current.range.start
        if at(.leftParen) {
            guard startsQuery(peek()) || peek().kind == .symbol(.leftParen) else {
                advance()
                throw error("expected SELECT after '(' in FROM")
            }
            advance()
            let query = try parseQuery()
            try expect(.rightParen, "after subquery in FROM")
            let alias = try parseOptionalAlias()
            return TableSource(.subquery(query, alias: alias), range: range(from: start))
        }
        if peek().kind == .symbol(.leftParen), atIdentifier {
            guard case .function(let call) = try parseFunctionCall().kind else {
                throw error("expected a table function")
            }
            let alias = try parseOptionalAlias()
            return TableSource(.function(call, alias: alias), range: range(from: start))
        }
        let name = try parseTableName("a table name")
        var final = accept(.final)
        let alias = try parseOptionalAlias()
        if !final { final = accept(.final) }
        return TableSource(.table(name, alias: alias, final: final), range: range(from: start))
    }
}
