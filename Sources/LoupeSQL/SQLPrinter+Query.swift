// Printing queries: UNION chains, SELECT clauses in ClickHouse order, FROM sources and joins.

import LoupeCore

extension Printer {
    mutating func query(_ q: Query) {
        queryBody(q.body)
        if let outfile = q.outfile {
            write(" INTO OUTFILE ")
            string(outfile.path)
            if outfile.andStdout { write(" AND STDOUT") }
            if let mode = outfile.existingFile { write(" " + mode.rawValue) }
            if let compression = outfile.compression {
                write(" COMPRESSION ")
                string(compression)
                if let level = outfile.level { write(" LEVEL \(level)") }
            }
        }
        if let format = q.format {
            write(" FORMAT ")
            name(format)
        }
        if !q.settings.isEmpty {
            write(" SETTINGS ")
            settings(q.settings)
        }
    }

    private mutating func queryBody(_ body: QueryBody) {
        switch body {
        case .select(let s): select(s)
        case .parenthesized(let q):
            write("(")
            query(q)
            write(")")
        case .union(let left, let mode, let right):
            queryBody(left)
            write(" UNION \(mode.rawValue) ")
            queryBody(right)
        }
    }

    private mutating func select(_ s: Select) {
        if !s.with.isEmpty {
            write("WITH ")
            list(s.with) { p, item in
                switch item.kind {
                case .expression(let e, let name):
                    p.expr(e)
                    p.write(" AS ")
                    p.name(name)
                case .subquery(let name, let q):
                    p.name(name)
                    p.write(" AS (")
                    p.query(q)
                    p.write(")")
                }
            }
            write(" ")
        }
        write(s.distinct ? "SELECT DISTINCT " : "SELECT ")
        list(s.items) { p, item in
            p.expr(item.expr)
            if let alias = item.alias {
                p.write(" AS ")
                p.name(alias)
            }
        }
        if let from = s.from {
            write(" FROM ")
            tableSource(from)
        }
        if let prewhere = s.prewhere {
            write(" PREWHERE ")
            expr(prewhere)
        }
        if let condition = s.where {
            write(" WHERE ")
            expr(condition)
        }
        if !s.groupBy.isEmpty {
            write(" GROUP BY ")
            exprList(s.groupBy)
            if s.withTotals { write(" WITH TOTALS") }
        }
        if let having = s.having {
            write(" HAVING ")
            expr(having)
        }
        if !s.orderBy.isEmpty {
            write(" ORDER BY ")
            list(s.orderBy) { p, term in
                p.expr(term.expr)
                if let direction = term.direction { p.write(" " + direction.rawValue) }
                if let nulls = term.nulls { p.write(" NULLS " + nulls.rawValue) }
            }
        }
        if let limitBy = s.limitBy {
            limit(count: limitBy.count, offset: limitBy.offset)
            write(" BY ")
            exprList(limitBy.by)
        }
        if let limit = s.limit { self.limit(count: limit.count, offset: limit.offset) }
        if let offset = s.offset {
            write(" OFFSET ")
            expr(offset)
        }
        if !s.settings.isEmpty {
            write(" SETTINGS ")
            settings(s.settings)
        }
    }

    private mutating func limit(count: Expr, offset: Expr?) {
        write(" LIMIT ")
        expr(count)
        if let offset {
            write(" OFFSET ")
            expr(offset)
        }
    }

    mutating func tableSource(_ source: TableSource) {
        switch source.kind {
        case .table(let table, let alias, let final):
            tableName(table)
            self.alias(alias)
            if final { write(" FINAL") }
        case .subquery(let q, let alias):
            write("(")
            query(q)
            write(")")
            self.alias(alias)
        case .function(let call, let alias):
            expr(Expr(.function(call)))
            self.alias(alias)
        case .join(let join):
            tableSource(join.left)
            if join.kind == .comma {
                write(", ")
            } else {
                write(" ")
                if let strictness = join.strictness { write(strictness.rawValue + " ") }
                write(join.kind.rawValue + " JOIN ")
            }
            tableSource(join.right)
            switch join.constraint {
            case .on(let condition):
                write(" ON ")
                expr(condition)
            case .using(let columns):
                write(" USING (")
                list(columns) { $0.name($1) }
                write(")")
            case nil:
                break
            }
        }
    }

    private mutating func alias(_ alias: Identifier?) {
        guard let alias else { return }
        write(" AS ")
        name(alias)
    }
}
