// The top of the AST: one case per statement kind. Each payload carries its own source range;
// `Statement.range` reads it. Payload types live beside their family: Query.swift (SELECT),
// DDL.swift (CREATE/DROP/TRUNCATE), DML.swift (INSERT/ALTER/DELETE), Utility.swift (the rest).

import LoupeCore

/// A parsed SQL statement.
public indirect enum Statement: Hashable, Sendable {
    case select(Query)
    case insert(Insert)
    case createDatabase(CreateDatabase)
    case dropDatabase(DropDatabase)
    case createTable(CreateTable)
    case dropTable(DropTable)
    case truncateTable(TruncateTable)
    case alterTable(AlterTable)
    case delete(Delete)
    case createVectorIndex(CreateVectorIndex)
    case dropVectorIndex(DropVectorIndex)
    case showTables(ShowTables)
    case showDatabases(ShowDatabases)
    case showCreateTable(ShowCreateTable)
    case describe(Describe)
    case use(Use)
    case exists(ExistsTable)
    case explain(Explain)
    case optimize(Optimize)
    case system(SystemCommand)

    /// Where the statement is in the source text (without the terminating `;`).
    public var range: SourceRange {
        switch self {
        case .select(let s): return s.range
        case .insert(let s): return s.range
        case .createDatabase(let s): return s.range
        case .dropDatabase(let s): return s.range
        case .createTable(let s): return s.range
        case .dropTable(let s): return s.range
        case .truncateTable(let s): return s.range
        case .alterTable(let s): return s.range
        case .delete(let s): return s.range
        case .createVectorIndex(let s): return s.range
        case .dropVectorIndex(let s): return s.range
        case .showTables(let s): return s.range
        case .showDatabases(let s): return s.range
        case .showCreateTable(let s): return s.range
        case .describe(let s): return s.range
        case .use(let s): return s.range
        case .exists(let s): return s.range
        case .explain(let s): return s.range
        case .optimize(let s): return s.range
        case .system(let s): return s.range
        }
    }
}
