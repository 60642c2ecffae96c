// The columns a clause can name: the output of the FROM clause, each column with the qualifiers
// that reach it (`col`, `t.col`, `alias.col`, `db.t.col`). Resolution follows ClickHouse: a
// qualified name must match exactly; an unqualified name present on both sides of a join
// resolves to the leftmost table; the right-hand copy of a USING key is reachable only qualified.

import LoupeCore
import LoupeSQL

/// Columns visible to expressions, in input-column order.
struct Scope {
    /// One input column.
    struct Column {
        var name: String
        var type: DataType
        /// The names of the table this column comes from (alias, or table name), if any.
        var tables: [String]
        /// The database of the table, when it is a catalog table without alias.
        var database: String?
        /// True for columns that `*` and unqualified names skip (right side of USING).
        var hidden = false
    }

    var columns: [Column]
    /// The order `*` lists columns in (USING keys come first, as ClickHouse shows them).
    var starOrder: [Int]
    /// The names (alias, else table name) of the sources in this scope; two may not be equal.
    var sourceNames: [String] = []

    /// A scope with no columns (SELECT without FROM, INSERT VALUES).
    static let empty = Scope(columns: [])

    /// The columns of a relation whose fields are qualified as in `schema`.
    init(schema: Schema) {
        self.init(
            columns: schema.fields.map { f in
                Column(name: f.name, type: f.type, tables: f.table.map { [$0] } ?? [], database: f.database)
            })
    }

    init(columns: [Column]) {
        self.columns = columns
        self.starOrder = Array(columns.indices)
    }

    /// The columns of a joined pair: left columns, then right columns.
    static func + (left: Scope, right: Scope) -> Scope {
        var joined = Scope(columns: left.columns + right.columns)
        joined.starOrder = left.starOrder + right.starOrder.map { $0 + left.columns.count }
        joined.sourceNames = left.sourceNames + right.sourceNames
        return joined
    }

    /// The position of the column that `parts` names (`[col]`, `[t, col]`, `[db, t, col]`),
    /// nil when nothing matches.
    func resolve(_ parts: [String]) -> Int? {
        guard let name = parts.last else { return nil }
        let qualifier = parts.dropLast()
        return columns.indices.first { i in
            let c = columns[i]
            guard c.name == name else { return false }
            switch qualifier.count {
            case 0: return !c.hidden
            case 1: return c.tables.contains(qualifier[qualifier.startIndex])
            case 2:
                return c.database == qualifier[qualifier.startIndex]
                    && c.tables.contains(qualifier[qualifier.startIndex + 1])
            default: return false
            }
        }
    }

    /// The positions `*` (no qualifier) or `t.*` expand to.
    func expandStar(qualifier: [String]) -> [Int] {
        starOrder.filter { i in
            let c = columns[i]
            if qualifier.isEmpty { return !c.hidden }
            if qualifier.count == 1 { return c.tables.contains(qualifier[0]) }
            return c.database == qualifier[0] && c.tables.contains(qualifier[1])
        }
    }

    /// True when some column belongs to the table (or alias) `name`.
    func hasTable(_ parts: [String]) -> Bool {
        !expandStar(qualifier: parts).isEmpty
    }

    /// The scope re-qualified as the output of a subquery or table named `alias`.
    func requalified(as alias: String?) -> Scope {
        var scope = Scope(
            columns: columns.map {
                Column(name: $0.name, type: $0.type, tables: alias.map { [$0] } ?? [], database: nil)
            })
        scope.sourceNames = alias.map { [$0] } ?? []
        return scope
    }
}
