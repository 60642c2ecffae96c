// The live catalog of an open database: databases → tables → (definition, row store), plus the
// read-only `system` database whose tables are computed from this catalog when scanned. It is the
// `CatalogReader` the binder resolves names against. Every change is one locked step that first
// commits the new catalog to the storage backend and only then changes what readers see, so a
// statement's catalog change is applied whole (and durably, on disk) or not at all.

import Foundation
import LoupeCore
import LoupePlanner
import LoupeStorage

/// Databases, tables and their stores.
public final class Catalog: CatalogReader, @unchecked Sendable {
    /// The name of the read-only database of virtual tables.
    public static let systemDatabase = "system"
    /// The database that exists from the start and is current at first.
    public static let defaultDatabase = "default"

    /// A user table: its definition, the backend's id for its rows, and its store.
    struct Entry {
        var definition: TableDefinition
        let id: String
        let store: TableStore
    }

    /// Everything a catalog commit persists.
    struct State {
        var databases: [String: [String: Entry]] = [Catalog.defaultDatabase: [:]]
        /// The number in the id of the next table created (ids are never reused).
        var nextTableNumber = 1
    }

    let backend: StorageBackend
    private let lock = NSLock()
    // Guarded by `lock`.
    private var state = State()
    private var current = Catalog.defaultDatabase

    /// A catalog over `backend`, holding what the backend's committed catalog describes (an
    /// empty `default` database for a new one). Table stores the catalog does not name — left by
    /// a crash between creating a store and committing the catalog — are removed.
    public init(backend: StorageBackend) throws {
        self.backend = backend
        if let bytes = try backend.loadCatalog() {
            state = try CatalogFile.decode(bytes, backend: backend)
        }
        let ids = Set(state.databases.values.flatMap { $0.values.map(\.id) })
        try backend.removeTables(notIn: ids)
        for entry in state.databases.values.flatMap(\.values) where !entry.definition.vectorIndexes.isEmpty {
            entry.store.setVectorIndexes(entry.definition.vectorIndexSpecs)
        }
    }

    // MARK: CatalogReader

    public var currentDatabase: String {
        lock.withLock { current }
    }

    public func databaseNames() -> [String] {
        lock.withLock { (Array(state.databases.keys) + [Self.systemDatabase]).sorted() }
    }

    public func table(database: String, name: String) -> TableDefinition? {
        if database == Self.systemDatabase { return SystemTables.definition(named: name) }
        return lock.withLock { state.databases[database]?[name]?.definition }
    }

    public func tableNames(in database: String) -> [String] {
        if database == Self.systemDatabase { return SystemTables.names }
        return lock.withLock { state.databases[database].map { $0.keys.sorted() } ?? [] }
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
        allEntries().map { ($0.definition, $0.store.rowCount) }
    }

    /// The engine `system.databases` reports for user databases: `Memory` in memory, `Atomic`
    /// (ClickHouse's name for its default on-disk database engine) on disk.
    var databaseEngine: String {
        backend is MemoryBackend ? "Memory" : "Atomic"
    }

    /// Every user table's store.
    func allStores() -> [TableStore] {
        allEntries().map(\.store)
    }

    private func allEntries() -> [Entry] {
        lock.withLock {
            state.databases.keys.sorted().flatMap { db in
                state.databases[db]!.keys.sorted().map { state.databases[db]![$0]! }
            }
        }
    }

    // MARK: Mutations

    /// Creates a database; returns false when it exists and `ifNotExists` is set.
    @discardableResult
    public func createDatabase(_ name: String, ifNotExists: Bool) throws -> Bool {
        try lock.withLock {
            if state.databases[name] != nil || name == Self.systemDatabase {
                if ifNotExists { return false }
                throw LoupeError(.alreadyExists, "Database \(name) already exists")
            }
            var next = state
            next.databases[name] = [:]
            try commit(next)
            return true
        }
    }

    /// Drops a database with all its tables; returns false when it is absent and `ifExists` is set.
    @discardableResult
    public func dropDatabase(_ name: String, ifExists: Bool) throws -> Bool {
        let removed: [Entry] = try lock.withLock {
            if name == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only and cannot be dropped")
            }
            var next = state
            guard let tables = next.databases.removeValue(forKey: name) else {
                if ifExists { return [] }
                throw LoupeError(.unknownName, "Database \(name) does not exist")
            }
            try commit(next)
            if current == name { current = Self.defaultDatabase }
            return Array(tables.values)
        }
        removeStores(of: removed)
        return true
    }

    /// Makes `name` the current database.
    public func use(_ name: String) throws {
        try lock.withLock {
            guard state.databases[name] != nil || name == Self.systemDatabase else {
                throw LoupeError(.unknownName, "Database \(name) does not exist")
            }
            current = name
        }
    }

    /// Adds a table with a new, empty store; returns false when it exists and `ifNotExists` is set.
    @discardableResult
    public func createTable(_ definition: TableDefinition, ifNotExists: Bool) throws -> Bool {
        try lock.withLock {
            let db = definition.database
            if db == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only")
            }
            guard state.databases[db] != nil else { throw LoupeError(.unknownName, "Database \(db) does not exist") }
            if state.databases[db]![definition.name] != nil {
                if ifNotExists { return false }
                throw LoupeError(.alreadyExists, "Table \(db).\(definition.name) already exists")
            }
            let id = "t\(state.nextTableNumber)"
            state.nextTableNumber += 1
            let store = try backend.createTable(
                id: id, types: definition.columns.map(\.type), sortKeyColumn: definition.sortKeyColumn)
            var next = state
            next.databases[db]![definition.name] = Entry(definition: definition, id: id, store: store)
            do {
                try commit(next)
            } catch {
                try? backend.removeTable(id: id)
                throw error
            }
            return true
        }
    }

    /// Removes a table; returns false when it is absent and `ifExists` is set.
    @discardableResult
    public func dropTable(database: String, name: String, ifExists: Bool) throws -> Bool {
        let removed: Entry? = try lock.withLock {
            if database == Self.systemDatabase {
                throw LoupeError(.unsupported, "Database system is read-only")
            }
            guard let entry = state.databases[database]?[name] else {
                if ifExists { return nil }
                throw LoupeError(.unknownName, "Table \(database).\(name) does not exist")
            }
            var next = state
            next.databases[database]![name] = nil
            try commit(next)
            return entry
        }
        guard let removed else { return false }
        removeStores(of: [removed])
        return true
    }

    /// Replaces a table's definition (same database and name), e.g. after ADD VECTOR INDEX.
    /// `change` may throw to leave the definition as it was.
    public func updateDefinition(database: String, name: String, _ change: (inout TableDefinition) throws -> Void)
        throws
    {
        try lock.withLock {
            let old = try entry(database, name)
            var definition = old.definition
            try change(&definition)
            precondition(definition.database == database && definition.name == name, "a table cannot be renamed here")
            guard definition != old.definition else { return }
            var next = state
            next.databases[database]![name]!.definition = definition
            try commit(next)
        }
    }

    /// Persists `next` through the backend, then makes it the catalog (caller holds `lock`).
    private func commit(_ next: State) throws {
        try backend.commitCatalog(CatalogFile.encode(next))
        let previous = state
        state = next
        for (db, tables) in next.databases {
            for (name, entry) in tables {
                let before = previous.databases[db]?[name]
                if before?.id != entry.id || before?.definition.vectorIndexes != entry.definition.vectorIndexes {
                    entry.store.setVectorIndexes(entry.definition.vectorIndexSpecs)
                }
            }
        }
    }

    /// Deletes the rows of dropped tables. A failure leaves files the next open removes.
    private func removeStores(of entries: [Entry]) {
        for entry in entries { try? backend.removeTable(id: entry.id) }
    }

    /// The entry of a user table (caller holds `lock`).
    private func entry(_ database: String, _ name: String) throws -> Entry {
        guard let tables = state.databases[database] else {
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

extension TableDefinition {
    /// The position of the column the table's first ORDER BY key names, when that key is a plain
    /// column: the column whose per-page min/max lets a store skip pages.
    var sortKeyColumn: Int? {
        guard let first = orderBy.first else { return nil }
        let name = first.hasPrefix("`") && first.hasSuffix("`") && first.count >= 2
            ? String(first.dropFirst().dropLast()) : first
        return columnIndex(name)
    }
}
