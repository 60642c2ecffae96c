// The binder's read-only view of the catalog. The execution layer implements it over its live
// catalog (user tables plus the virtual `system.*` tables).

import LoupeCore

/// Read access to databases and table definitions.
public protocol CatalogReader: Sendable {
    /// The database unqualified table names resolve in (`USE db` changes it).
    var currentDatabase: String { get }
    /// Every database name, `system` included.
    func databaseNames() -> [String]
    /// The definition of `database.name`, or nil. `system.tables` and friends are included.
    func table(database: String, name: String) -> TableDefinition?
    /// Table names of a database, sorted.
    func tableNames(in database: String) -> [String]
}
