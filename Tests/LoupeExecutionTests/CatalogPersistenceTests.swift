// The catalog survives a reopen: a backend that keeps its catalog bytes and stores across engine
// instances stands in for a database directory, so every table feature (types, DEFAULT, CHECK,
// vector indexes, sort keys, settings, quoted names) must come back exactly as it was created.

import LoupeCore
import LoupePlanner
import LoupeSQL
import LoupeStorage
import XCTest

@testable import LoupeExecution

/// Keeps catalog bytes and in-memory stores, like a directory would keep files.
final class RetainingBackend: StorageBackend, @unchecked Sendable {
    var catalog: [UInt8]?
    var stores: [String: MemoryTableStore] = [:]
    var failNextCommit = false

    func createTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        let store = MemoryTableStore(types: types)
        stores[id] = store
        return store
    }

    func openTable(id: String, types: [DataType], sortKeyColumn: Int?) throws -> TableStore {
        guard let store = stores[id] else { throw LoupeError(.corrupt, "missing table \(id)") }
        return store
    }

    func removeTable(id: String) throws { stores[id] = nil }

    func removeTables(notIn ids: Set<String>) throws {
        stores = stores.filter { ids.contains($0.key) }
    }

    func loadCatalog() throws -> [UInt8]? { catalog }

    func commitCatalog(_ bytes: [UInt8]) throws {
        if failNextCommit {
            failNextCommit = false
            throw LoupeError(.io, "injected failure", file: "catalog")
        }
        catalog = bytes
    }

    func close() {}
}

final class CatalogPersistenceTests: XCTestCase {
    private func run(_ engine: LoupeExecution.Engine, _ sql: String) throws -> [[String]] {
        try engine.runScript(sql)
    }

    func testEveryTableFeatureSurvivesReopen() throws {
        let backend = RetainingBackend()
        let engine = try LoupeExecution.Engine(backend: backend)
        _ = try run(
            engine,
            """
            CREATE DATABASE shop;
            CREATE TABLE shop.`odd name` (
                id UInt64, `a-b` Nullable(String), tags Array(LowCardinality(String)),
                v Array(Float32), d Date DEFAULT '2024-01-02', n Int32 DEFAULT id * 2,
                fs FixedString(3), VECTOR INDEX vi v TYPE MSTG('metric_type=L2'),
                CONSTRAINT len CHECK length(v) = 2
            ) ENGINE = MergeTree() ORDER BY (id, n) SETTINGS index_granularity = 8192;
            CREATE TABLE plain (x Int8) ORDER BY tuple();
            INSERT INTO shop.`odd name` (id, v, fs) VALUES (7, [1, 2], 'abc');
            """)
        let before = [
            try XCTUnwrap(engine.catalog.table(database: "shop", name: "odd name")),
            try XCTUnwrap(engine.catalog.table(database: "default", name: "plain")),
        ]
        let reopened = try LoupeExecution.Engine(backend: backend)
        XCTAssertEqual(reopened.catalog.databaseNames(), ["default", "shop", "system"])
        XCTAssertEqual(reopened.catalog.table(database: "shop", name: "odd name"), before[0])
        XCTAssertEqual(reopened.catalog.table(database: "default", name: "plain"), before[1])
        XCTAssertEqual(try run(reopened, "SELECT id, n, d, fs FROM shop.`odd name`"), [["7", "14", "2024-01-02", "abc"]])
        XCTAssertThrowsError(try run(reopened, "INSERT INTO shop.`odd name` (id, v) VALUES (1, [1])"))
    }

    func testDropsAndFailedCommitsChangeNothing() throws {
        let backend = RetainingBackend()
        let engine = try LoupeExecution.Engine(backend: backend)
        _ = try run(engine, "CREATE TABLE a (x Int8) ORDER BY x; CREATE TABLE b (x Int8) ORDER BY x; DROP TABLE a")
        XCTAssertEqual(backend.stores.count, 1)
        backend.failNextCommit = true
        XCTAssertThrowsError(try run(engine, "CREATE TABLE c (x Int8) ORDER BY x"))
        XCTAssertNil(engine.catalog.table(database: "default", name: "c"))
        XCTAssertEqual(backend.stores.count, 1)
        backend.failNextCommit = true
        XCTAssertThrowsError(try run(engine, "ALTER TABLE b ADD VECTOR INDEX vi x TYPE FLAT"))
        XCTAssertEqual(engine.catalog.table(database: "default", name: "b")?.vectorIndexes, [])
        let reopened = try LoupeExecution.Engine(backend: backend)
        XCTAssertEqual(reopened.catalog.tableNames(in: "default"), ["b"])
    }

    func testOrphanStoresAreRemovedAtOpen() throws {
        let backend = RetainingBackend()
        _ = try LoupeExecution.Engine(backend: backend)
        _ = try backend.createTable(id: "t99", types: [.int64], sortKeyColumn: nil)
        _ = try LoupeExecution.Engine(backend: backend)
        XCTAssertNil(backend.stores["t99"])
    }

    func testGarbageCatalogIsACorruptionError() throws {
        let backend = RetainingBackend()
        backend.catalog = Array("{not json".utf8)
        XCTAssertThrowsError(try LoupeExecution.Engine(backend: backend)) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .corrupt)
            XCTAssertEqual((error as? LoupeError)?.file, "catalog")
        }
    }
}
