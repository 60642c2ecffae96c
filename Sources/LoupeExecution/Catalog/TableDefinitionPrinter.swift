// Prints a catalog `TableDefinition` back as ClickHouse SQL: the `CREATE TABLE` statement that
// `system.tables.create_table_query` (and so SHOW CREATE TABLE) reports, the engine clause, and a
// vector index's `column TYPE kind('k=v', ...)` expression.

import Foundation
import LoupeCore
import LoupePlanner

/// SQL text for catalog definitions.
enum TableDefinitionPrinter {
    /// `CREATE TABLE db.name (...) ENGINE = ... ORDER BY ...`.
    static func createStatement(_ t: TableDefinition) -> String {
        var parts = t.columns.map { c in
            "    " + quote(c.name) + " " + c.type.description + (c.defaultExpression.map { " DEFAULT " + $0 } ?? "")
        }
        parts += t.vectorIndexes.map { "    VECTOR INDEX " + quote($0.name) + " " + indexExpression($0) }
        parts += t.constraints.map { "    CONSTRAINT " + quote($0.name) + " CHECK " + $0.expression }
        return "CREATE TABLE \(quote(t.database)).\(quote(t.name))\n(\n" + parts.joined(separator: ",\n") + "\n)\n"
            + engineClause(t)
    }

    /// `ENGINE = MergeTree() ORDER BY id [PRIMARY KEY ...] [SETTINGS k = v, ...]`.
    static func engineClause(_ t: TableDefinition) -> String {
        var text = "ENGINE = " + t.engine
        text += " ORDER BY " + keyList(t.orderBy)
        if !t.primaryKey.isEmpty && t.primaryKey != t.orderBy { text += " PRIMARY KEY " + keyList(t.primaryKey) }
        if !t.settings.isEmpty {
            text += " SETTINGS " + t.settings.keys.sorted().map { "\($0) = \(t.settings[$0]!)" }.joined(separator: ", ")
        }
        return text
    }

    /// `col TYPE MSTG('metric_type=Cosine', ...)`, parameters sorted by key.
    static func indexExpression(_ index: VectorIndexDefinition) -> String {
        let parameters = index.parameters.keys.sorted().map { ValueFormatter.quote("\($0)=\(index.parameters[$0]!)") }
        return quote(index.column) + " TYPE " + index.kind + "(" + parameters.joined(separator: ", ") + ")"
    }

    private static func keyList(_ keys: [String]) -> String {
        switch keys.count {
        case 0: return "tuple()"
        case 1: return keys[0]
        default: return "(" + keys.joined(separator: ", ") + ")"
        }
    }

    /// A name as written when it is a plain identifier, else back-quoted.
    static func quote(_ name: String) -> String {
        func wordCharacter(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
        if let first = name.first, !first.isNumber, name.allSatisfy(wordCharacter) { return name }
        return "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
    }
}
