// INSERT, ALTER TABLE and DELETE.

import LoupeCore

extension Parser {
    /// `INSERT INTO [TABLE] [db.]t [(cols)] [FROM INFILE 'f' [COMPRESSION 'c']] [SETTINGS ...]`
    /// `VALUES ... | SELECT ... | FORMAT ...` (after FROM INFILE only `FORMAT name`, optional).
    mutating func parseInsert() throws(LoupeError) -> Insert {
        let start = current.range.start
        advance()
        try expect(.into, "after INSERT")
        _ = accept(.table)
        let table = try parseTableName()
        let columns = at(.leftParen) ? try parseIdentifierList("column list") : nil
        var infile: (path: String, compression: String?)?
        if accept(.from) {
            try expect(.infile, "after FROM")
            let path = try parseString("a file name after FROM INFILE")
            let compression = accept(.compression) ? try parseString("a compression name after COMPRESSION") : nil
            infile = (path, compression)
        }
        let settings = accept(.settings) ? try parseSettingList() : []
        let source: InsertSource
        if let infile {
            let format = accept(.format) ? try parseAlias() : nil
            source = .infile(path: infile.path, compression: infile.compression, format: format)
        } else if accept(.values) {
            var rows: [[Expr]] = []
            repeat {
                try expect(.leftParen, "before row values")
                try enter()
                rows.append(try parseExpressionList(until: .rightParen, "row values"))
                leave()
                _ = accept(.comma)
            } while at(.leftParen)
            source = .values(rows)
        } else if startsQuery(current) || at(.leftParen) {
            source = .select(try parseQuery())
        } else if accept(.format) {
            let format = try parseAlias()
            source = .format(format, data: inlineData())
        } else {
            throw error("expected VALUES, SELECT, FORMAT or FROM INFILE after table name")
        }
        return Insert(table: table, columns: columns, source: source, settings: settings, range: range(from: start))
    }

    /// The text from the current token up to the end of the statement (nil if none), skipping
    /// those tokens: the inline data after `INSERT ... FORMAT name`.
    private mutating func inlineData() -> String? {
        guard current.kind != .end && !at(.semicolon) else { return nil }
        let begin = current.range.start.offset
        while current.kind != .end && !at(.semicolon) { advance() }
        return String(decoding: source[begin..<lastEnd.offset], as: UTF8.self)
    }

    /// `ALTER TABLE [db.]t command, ...`.
    mutating func parseAlterTable() throws(LoupeError) -> AlterTable {
        let start = current.range.start
        advance()
        try expect(.table, "after ALTER")
        let table = try parseTableName()
        var commands: [AlterCommand] = []
        repeat { commands.append(try parseAlterCommand()) } while accept(.comma)
        return AlterTable(table: table, commands: commands, range: range(from: start))
    }

    private mutating func parseAlterCommand() throws(LoupeError) -> AlterCommand {
        let start = current.range.start
        if accept(.add) {
            if accept(.vector) {
                try expect(.index, "after ADD VECTOR")
                let ifNotExists = try acceptIfNotExists()
                let index = try parseVectorIndexDefinition(start: current.range.start)
                return AlterCommand(.addVectorIndex(index, ifNotExists: ifNotExists), range: range(from: start))
            }
            try expect(.column, "after ADD (or VECTOR INDEX)")
            let ifNotExists = try acceptIfNotExists()
            let column = try parseColumnDefinition()
            var position: ColumnPosition?
            if accept(.first) {
                position = .first
            } else if accept(.after) {
                position = .after(try parseIdentifier("a column name after AFTER"))
            }
            return AlterCommand(
                .addColumn(column, ifNotExists: ifNotExists, position: position), range: range(from: start))
        }
        if accept(.drop) {
            if accept(.vector) {
                try expect(.index, "after DROP VECTOR")
                let ifExists = try acceptIfExists()
                let name = try parseIdentifier("an index name")
                return AlterCommand(.dropVectorIndex(name, ifExists: ifExists), range: range(from: start))
            }
            try expect(.column, "after DROP (or VECTOR INDEX)")
            let ifExists = try acceptIfExists()
            let name = try parseIdentifier("a column name")
            return AlterCommand(.dropColumn(name, ifExists: ifExists), range: range(from: start))
        }
        if accept(.delete) {
            try expect(.where, "after DELETE")
            return AlterCommand(.delete(where: try parseExpression()), range: range(from: start))
        }
        if accept(.update) {
            var assignments: [Assignment] = []
            repeat {
                let assignmentStart = current.range.start
                let column = try parseIdentifier("a column name")
                try expect(.equal, "after column name in UPDATE")
                let value = try parseExpression()
                assignments.append(Assignment(column: column, value: value, range: range(from: assignmentStart)))
            } while accept(.comma)
            try expect(.where, "after UPDATE assignments")
            return AlterCommand(.update(assignments, where: try parseExpression()), range: range(from: start))
        }
        throw error("expected ADD, DROP, DELETE or UPDATE in ALTER TABLE")
    }

    /// `DELETE FROM [db.]t WHERE expr`.
    mutating func parseDelete() throws(LoupeError) -> Delete {
        let start = current.range.start
        advance()
        try expect(.from, "after DELETE")
        let table = try parseTableName()
        try expect(.where, "after table name in DELETE")
        let condition = try parseExpression()
        return Delete(table: table, where: condition, range: range(from: start))
    }
}
