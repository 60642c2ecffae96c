// A database directory: the lock, the catalog file, and one directory per table under `tables/`
// (named by the table's id). `DiskDatabase` is the `StorageBackend` the engine uses for a database
// on disk; it owns what every table shares (page cache, merge worker) and hands out
// `DiskTableStore`s, one per table id at a time.

import Foundation
import LoupeCore

/// A database kept in a directory.
public final class DiskDatabase: StorageBackend, @unchecked Sendable {
    /// The database directory.
    public let path: String
    private let context: StorageContext
    private let databaseLock: DatabaseLock
    private let catalog: StoredCatalog
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stores: [String: WeakStore] = [:]
    private var lastCatalog: [UInt8]?
    private var closed = false

    private init(path: String, context: StorageContext, databaseLock: DatabaseLock) {
        self.path = path
        self.context = context
        self.databaseLock = databaseLock
        catalog = StoredCatalog(directory: path, io: context.io)
    }

    /// Opens the database in directory `path`, creating it when absent, and locks it against
    /// other processes (and other opens in this one): a held lock is a `LoupeError(.locked)`.
    public static func open(path: String, io: FileIO = PosixFileIO(), options: DiskOptions = .init()) throws
        -> DiskDatabase
    {
        try createDirectories(path, io: io)
        let databaseLock = try DatabaseLock(directory: path, io: io)
        let tables = joinPath(path, "tables")
        try io.createDirectory(tables)
        try io.syncDirectory(path)
        let context = StorageContext(path: path, io: io, options: options)
        try? io.removeRecursively(joinPath(path, StoredCatalog.temporaryFileName))
        return DiskDatabase(path: path, context: context, databaseLock: databaseLock)
    }

    /// Creates `path` and any missing parent directory.
    private static func createDirectories(_ path: String, io: FileIO) throws {
        if io.kind(of: path) == .directory { return }
        let parent = parentDirectory(of: path)
        if parent != path, parent != ".", parent != "/", io.kind(of: parent) == nil {
            try createDirectories(parent, io: io)
        }
        try io.createDirectory(path)
    }

    deinit {
        close()
    }

    /// Page bytes read from table files since the database was opened (pages served by the
    /// cache are not counted).
    public var bytesRead: Int { context.bytesRead }

    private var tablesDirectory: String { joinPath(path, "tables") }

    private func tableDirectory(_ id: String) -> String {
        joinPath(tablesDirectory, TableDirectoryName.encode(id))
    }

    // MARK: StorageBackend

    public func createTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        precondition(sortKeyColumn.map { types.indices.contains($0) } ?? true, "sort-key column out of range")
        try context.checkOpen()
        forget(id)
        let store = try DiskTableStore.create(
            directory: tableDirectory(id), types: types, sortKeyColumn: sortKeyColumn, context: context)
        lock.withLock { stores[id] = WeakStore(store) }
        return store
    }

    /// Opens a table's store; a store of `id` already open is returned as it is.
    public func openTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        try context.checkOpen()
        if let open = lock.withLock({ stores[id]?.store }) {
            if open.types == types { return open }
            forget(id)
        }
        let store = try DiskTableStore.open(
            directory: tableDirectory(id), types: types, sortKeyColumn: sortKeyColumn, context: context)
        lock.withLock { stores[id] = WeakStore(store) }
        return store
    }

    public func removeTable(id: String) throws {
        try context.checkOpen()
        forget(id)
        try context.io.removeRecursively(tableDirectory(id))
        try context.io.syncDirectory(tablesDirectory)
    }

    public func removeTables(notIn ids: Set<String>) throws {
        try context.checkOpen()
        let kept = Set(ids.map(TableDirectoryName.encode))
        var removed = false
        for name in try context.io.contentsOfDirectory(tablesDirectory) where !kept.contains(name) {
            if let id = TableDirectoryName.decode(name) { forget(id) }
            try context.io.removeRecursively(joinPath(tablesDirectory, name))
            removed = true
        }
        if removed { try context.io.syncDirectory(tablesDirectory) }
    }

    public func loadCatalog() throws -> [UInt8]? {
        try context.checkOpen()
        let bytes = try catalog.load()
        lock.withLock { lastCatalog = bytes }
        return bytes
    }

    public func commitCatalog(_ bytes: [UInt8]) throws {
        try context.checkOpen()
        let previous = lock.withLock { lastCatalog }
        try catalog.commit(bytes, previous: previous)
        lock.withLock { lastCatalog = bytes }
    }

    /// Stops background merges (a running one is abandoned at its next page) and releases the
    /// lock. Stores stay readable; their changes throw, and from now on nothing of this process
    /// deletes files in the directory (the next open removes what is left over). Idempotent; also
    /// run on deinit.
    public func close() {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        context.markClosed()
        context.merges.stop()
        context.indexBuilds.stop()
        let open = lock.withLock { stores.values.compactMap(\.store) }
        for store in open { store.invalidate() }
        databaseLock.release()
    }

    /// Detaches the open store of `id`, if any, so it changes nothing in its old directory.
    private func forget(_ id: String) {
        let old = lock.withLock { stores.removeValue(forKey: id)?.store }
        old?.invalidate()
    }
}

/// A store the database does not keep alive.
private struct WeakStore {
    weak var store: DiskTableStore?

    init(_ store: DiskTableStore) {
        self.store = store
    }
}

/// Table ids as directory names: letters, digits, `_` and `-` stay, any other byte becomes `%XX`.
enum TableDirectoryName {
    static func encode(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || c == "_" || c == "-" {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The id a directory name encodes, or nil when `name` is not an encoding.
    static func decode(_ name: String) -> String? {
        var bytes: [UInt8] = []
        var i = name.utf8.startIndex
        let utf8 = name.utf8
        while i < utf8.endIndex {
            if utf8[i] == UInt8(ascii: "%") {
                let hexStart = utf8.index(after: i)
                guard let hexEnd = utf8.index(hexStart, offsetBy: 2, limitedBy: utf8.endIndex),
                    let byte = UInt8(String(decoding: utf8[hexStart..<hexEnd], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(byte)
                i = hexEnd
            } else {
                bytes.append(utf8[i])
                i = utf8.index(after: i)
            }
        }
        let id = String(decoding: bytes, as: UTF8.self)
        return encode(id) == name ? id : nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
