// Where a database keeps its catalog and its tables' rows. The engine's catalog decides what the
// tables are; a backend only creates, opens and removes their stores by an opaque id and keeps
// the catalog's bytes. `MemoryBackend` serves `Database.inMemory()`; `DiskDatabase` serves a
// database directory.

import LoupeCore

/// Storage for one database: table stores by id, plus the catalog's serialized form.
public protocol StorageBackend: AnyObject, Sendable {
    /// Creates the store of a new table. `sortKeyColumn` is the position of the table's first
    /// ORDER BY column, whose per-page min/max a store may keep to skip pages. The store is
    /// durable when this returns, but belongs to no table until a committed catalog names `id`.
    func createTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore

    /// Opens the store of a table the committed catalog names.
    func openTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore

    /// Removes a table's store and its rows (after a committed catalog stopped naming it).
    func removeTable(id: String) throws

    /// Removes every store whose id is not in `ids` (left behind by a crash between steps).
    func removeTables(notIn ids: Set<String>) throws

    /// The catalog bytes last committed, or nil when none ever was.
    func loadCatalog() throws -> [UInt8]?

    /// Replaces the catalog atomically and durably.
    func commitCatalog(_ bytes: [UInt8]) throws

    /// Finishes background work (merges) and releases files and locks. Idempotent.
    func close()
}

/// A backend that keeps everything in memory.
public final class MemoryBackend: StorageBackend, @unchecked Sendable {
    public init() {}

    public func createTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        MemoryTableStore(types: types)
    }

    public func openTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        throw LoupeError(.unknownName, "No stored table \(id) in an in-memory database")
    }

    public func removeTable(id: String) throws {}

    public func removeTables(notIn ids: Set<String>) throws {}

    public func loadCatalog() throws -> [UInt8]? { nil }

    public func commitCatalog(_ bytes: [UInt8]) throws {}

    public func close() {}
}
