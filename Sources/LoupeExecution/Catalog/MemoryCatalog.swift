// The live catalog of an open database: databases → tables → (definition, row store), plus the
// read-only `system` database whose tables are computed from this catalog when scanned. It is the
// `CatalogReader` the binder resolves names against. Each mutation is one locked step, so a
// statement's catalog change is applied whole or not at all.

import Foundation
import LoupeCore
import LoupeStorage
import LoupePlanner

/// Databases, tables and their stores, in memory.
public final class MemoryCatalog: CatalogReader, @unchecked Sendable {
    /// The name of the read-only database of virtual tables.
    public static let systemDatabase = "system"
    /// The database that exists from the start and is current at first.
    public static let defaultDatabase = "default"

    struct Entry {
        var definition: TableDefinition
        let store: TableStore
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var databases: [String: [String: Entry]] = [MemoryCatalog.defaultDatabase: [:]]
    private var current = MemoryCatalog.defaultDatabase

    /// A catalog with an empty `default` database (current) and the `system` database.
    public init() {}

    // MARK: CatalogReader

    public var currentDatabase: String {
        lock.withLock { current }
    }

    public func databaseNames() -> [String] {
        lock.withLock { (Array(databases.keys) + [Self.systemDatabase]).sorted() }
    }

    public func table(database: String, name: String) -> TableDefinition? {
        if database == Self.systemDatabase { return SystemTables.definition(named: name) }
        return lock.withLock { databases[database]?[name]?.definition }
    }

    public func tableNames(in database: String) -> [String] {
        if database == Self.systemDatabase { return SystemTables.names }
        return lock.withLock { databases[database].map { $0.keys.sorted() } ?? [] }
    }

    // MARK: Reading rows

    /// A snapshot of the rows of `database.name`; system tables are computed now.
    public func snapshot(database: String, name: String) throws -> TableSnapshot {
        if database == Self.systemDatabase {
            guard let snapshot = SystemTables.snapshot(of: name, catalog: self) else {
                throw LoupeError(.unknownName, "Table \(database).\(name) does not exist")
            }
            return snapshot
        }
        return try store(database: database, name: name).snapshot()
    }

    /// The store of a user table.
    public func store(database: String, name: String) throws -> TableStore {
        try lock.withLock { try entry(database, name).store }
    }

    /// Every user table's definition and row count, for the system tables.
    func userTables() -> [(definition: TableDefinition, rows: Int)] {
        let entries = lock.withLock {
            databases.keys.sorted().flatMap { db in databases[db]!.keys.sorted().map { databases[db]![$0]! } }
        }
        return entries.map { ($0.definition, $0.store.rowCount) }
    }

    // MARK: Mutations

    /// Creates a database; returns false when it exists and `ifNotExists` is set.
    @discardableResult
    public func createDatabase(_ name: String, ifNotExists: Bool) throws -> Bool {
        try lock.withLock {
            if databases[name] != nil || name == Self.systemDatabase {
                if ifNotExists { return false }
                throw LoupeError(.alreadyExists, "Database \(name) already exists")
            }
            databases[name] = [:]
            return true
        }
    }

    /// Drops a database with all its tables; returns false when it is absent and `ifExists` is set.
    @discardableResult
    public func dropDatabase(_ name: String, ifExists: Bool) throws -> Bool {
        try lock.withLock {
            if name == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only and cannot be dropped")
            }
            guard databases.removeValue(forKey: name) != nil else {
                if ifExists { return false }
                throw LoupeError(.unknownName, "Database \(name) does not exist")
            }
            return true
        }
    }

    /// Makes `name` the current database.
    public func use(_ name: String) throws {
        try lock.withLock {
            guard databases[name] != nil || name == Self.systemDatabase else {
                throw LoupeError(.unknownName, "Database \(name) does not exist")
            }
            current = name
        }
    }

    /// Adds a table with its store; returns false when it exists and `ifNotExists` is set.
    @discardableResult
    public func createTable(_ definition: TableDefinition, store: TableStore, ifNotExists: Bool) throws -> Bool {
        try lock.withLock {
            let db = definition.database
            if db == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only")
            }
            guard databases[db] != nil else { throw LoupeError(.unknownName, "Database \(db) does not exist") }
            if databases[db]![definition.name] != nil {
                if ifNotExists { return false }
                throw LoupeError(.alreadyExists, "Table \(db).\(definition.name) already exists")
            }
            databases[db]![definition.name] = Entry(definition: definition, store: store)
            return true
        }
    }

    /// Removes a table; returns false when it is absent and `ifExists` is set.
    @discardableResult
    public func dropTable(database: String, name: String, ifExists: Bool) throws -> Bool {
        try lock.withLock {
            if database == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only")
            }
            guard databases[database]?[name] != nil else {
                if ifExists { return false }
                throw LoupeError(.unknownName, "Table \(database).\(name) does not exist")
            }
            databases[database]![name] = nil
            return true
        }
    }

    /// Replaces a table's definition (same database and name), e.g. after ADD VECTOR INDEX.
    /// `change` may throw to leave the definition as it was.
    public func updateDefinition(database: String, name: String, _ change: (inout TableDefinition) throws -> Void)
        throws
    {
        try lock.withLock {
            var definition = try entry(database, name).definition
            try change(&definition)
            precondition(definition.database == database && definition.name == name, "a table cannot be renamed here")
            databases[database]![name]!.definition = definition
        }
    }

    /// The entry of a user table (caller holds `lock`).
    private func entry(_ database: String, _ name: String) throws -> Entry {
        guard let tables = databases[database] else {
            if database == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only")
            }
            throw LoupeError(.unknownName, "Database \(database) does not exist")
        }
        guard let entry = tables[name] else {
            throw LoupeError(.unknownName, "Table \(database).\(name) does not exist")
        }
        return entry
    }
}
