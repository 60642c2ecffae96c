// A statement after binding: queries become logical plans, DDL becomes checked definitions, and
// SHOW/DESCRIBE/EXISTS become queries over the `system` tables. The execution layer runs it.

import LoupeCore

/// Query-level settings from `SETTINGS k = v, ...` (keys as written, values as constants).
public typealias QuerySettings = [String: Value]

/// What a statement does, with every name resolved.
public enum BoundStatement: Hashable, Sendable {
    /// A query returning rows (SELECT, and SHOW/DESCRIBE/EXISTS rewritten over system tables).
    case query(LogicalPlan, settings: QuerySettings)
    /// EXPLAIN: the optimized plan as text rows.
    case explain(LogicalPlan)
    case createDatabase(name: String, ifNotExists: Bool)
    case dropDatabase(name: String, ifExists: Bool)
    case useDatabase(String)
    /// The definition is validated (types, DEFAULT and CHECK expressions bind over the columns).
    case createTable(TableDefinition, ifNotExists: Bool)
    case dropTable(database: String, name: String, ifExists: Bool)
    case truncateTable(database: String, name: String, ifExists: Bool)
    /// INSERT: `source` produces rows whose columns map to table columns `targetColumns` (in
    /// order); other columns get their DEFAULT (bound in `defaults`, over no input) or type default.
    /// `checks` are the table's CHECK constraints bound over the full table row, with their names.
    case insert(
        table: TableDefinition, targetColumns: [Int], source: LogicalPlan, defaults: [Int: BoundExpr],
        checks: [BoundCheck])
    /// `INSERT INTO t FROM INFILE ...`: rows read from a file while the statement runs.
    case load(FileLoad)
    /// `DELETE FROM t WHERE p` / `ALTER TABLE t DELETE WHERE p`; `predicate` is over the table row.
    case delete(table: TableDefinition, predicate: BoundExpr)
    /// `ALTER TABLE t UPDATE c = e, ... WHERE p`; expressions over the table row.
    case update(table: TableDefinition, assignments: [Int: BoundExpr], predicate: BoundExpr, checks: [BoundCheck])
    /// `ALTER TABLE t ADD VECTOR INDEX` / `CREATE VECTOR INDEX`, validated.
    case addVectorIndex(database: String, table: String, index: VectorIndexDefinition, ifNotExists: Bool)
    case dropVectorIndex(database: String, table: String, name: String, ifExists: Bool)
    /// `SYSTEM ...` and `OPTIMIZE TABLE`: commands with no result rows.
    case command(words: [String])
}

/// A CHECK constraint bound over a table row.
public struct BoundCheck: Hashable, Sendable {
    public var name: String
    /// The constraint's SQL text, for error messages.
    public var text: String
    public var predicate: BoundExpr

    public init(name: String, text: String, predicate: BoundExpr) {
        self.name = name
        self.text = text
        self.predicate = predicate
    }
}
