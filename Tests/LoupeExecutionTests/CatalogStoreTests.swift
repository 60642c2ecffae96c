// The memory table store (append across segments, scan slicing, delete, replace, truncate,
// snapshot isolation) and the catalog with its system tables.

import LoupeCore
import LoupeStorage
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class CatalogStoreTests: XCTestCase {
    private let types: [DataType] = [.uint64, .string, .array(.float32), .nullable(.int32)]

    private func batch(_ range: Range<Int>) -> Batch {
        Batch(
            columns: [
                Column(type: .uint64, values: range.map { .uint(UInt64($0)) }),
                Column(type: .string, values: range.map { .string("s\($0)") }),
                Column(type: .array(.float32), values: range.map { .vector([Float($0), 0.5]) }),
                Column(type: .nullable(.int32), values: range.map { $0 % 3 == 0 ? .null : .int(Int64($0)) }),
            ], count: range.count)
    }

    private func scanAll(_ snapshot: TableSnapshot, _ columns: [Int]) throws -> [[Value]] {
        let cursor = snapshot.scan(columns: columns)
        var out: [[Value]] = []
        while let b = try cursor.next() {
            XCTAssertLessThanOrEqual(b.count, Batch.capacity)
            out += (0..<b.count).map { b.row($0) }
        }
        return out
    }

    func testAppendAcrossSegmentsAndScan() throws {
        let store = MemoryTableStore(types: types)
        let total = 20 * MemoryTableStore.segmentCapacity + 5000
        for start in stride(from: 0, to: total, by: 9999) {
            try store.append(batch(start..<min(start + 9999, total)))
        }
        XCTAssertEqual(store.rowCount, total)
        let rows = try scanAll(store.snapshot(), [3, 0, 2])
        XCTAssertEqual(rows.count, total)
        for i in [0, 1, 2047, 2048, 9998, 9999, total - 1] {
            XCTAssertEqual(rows[i], [i % 3 == 0 ? .null : .int(Int64(i)), .uint(UInt64(i)), .vector([Float(i), 0.5])])
        }
    }

    func testSnapshotIsolationDeleteReplaceTruncate() throws {
        let store = MemoryTableStore(types: types)
        try store.append(batch(0..<5000))
        let before = store.snapshot()
        let deleted = try store.delete { b in
            guard case .uint64(let ids) = b.columns[0].data else { return [] }
            return ids.indices.filter { ids[$0] % 2 == 1 }
        }
        XCTAssertEqual(deleted, 2500)
        XCTAssertEqual(store.rowCount, 2500)
        XCTAssertEqual(before.rowCount, 5000)
        XCTAssertEqual(try scanAll(before, [0]).count, 5000, "an older snapshot keeps its rows")
        try store.replaceRows { b in
            var copy = b
            copy.columns[1] = Column(type: .string, values: (0..<b.count).map { _ in .string("z") })
            return copy
        }
        let rows = try scanAll(store.snapshot(), [0, 1])
        XCTAssertEqual(rows[1], [.uint(2), .string("z")])
        XCTAssertThrowsError(try store.delete { _ in throw LoupeError(.runtime, "stop") })
        XCTAssertEqual(store.rowCount, 2500, "a failed delete changes nothing")
        try store.truncate()
        XCTAssertEqual(store.rowCount, 0)
        XCTAssertEqual(try scanAll(store.snapshot(), [0]), [])
    }

    func testManySmallAppendsWithSnapshotsInBetween() throws {
        let store = MemoryTableStore(types: types)
        var snapshots: [(Int, TableSnapshot)] = []
        for i in 0..<5000 {
            try store.append(batch(i..<(i + 1)))
            if i % 997 == 0 { snapshots.append((i + 1, store.snapshot())) }
        }
        XCTAssertEqual(store.rowCount, 5000)
        let rows = try scanAll(store.snapshot(), [0, 1, 3])
        XCTAssertEqual(rows.map { $0[0] }, (0..<5000).map { .uint(UInt64($0)) })
        XCTAssertEqual(rows[4999], [.uint(4999), .string("s4999"), .int(4999)])
        for (count, snapshot) in snapshots {
            XCTAssertEqual(
                try scanAll(snapshot, [0]).map { $0[0] }, (0..<count).map { .uint(UInt64($0)) },
                "a snapshot never sees later rows")
        }
    }

    func testAppendRejectsMismatchedBatches() throws {
        let store = MemoryTableStore(types: [.int64])
        XCTAssertThrowsError(try store.append(Batch(columns: [Column(type: .string, values: [.string("x")])])))
        XCTAssertThrowsError(try store.append(Batch(columns: [Column(type: .nullable(.int64), values: [.null])])))
        XCTAssertEqual(store.rowCount, 0)
    }

    func testCatalogAndSystemTables() throws {
        let catalog = try Catalog(backend: MemoryBackend())
        XCTAssertEqual(catalog.currentDatabase, "default")
        XCTAssertEqual(catalog.databaseNames(), ["default", "system"])
        try catalog.createDatabase("shop", ifNotExists: false)
        XCTAssertFalse(try catalog.createDatabase("shop", ifNotExists: true))
        XCTAssertThrowsError(try catalog.createDatabase("shop", ifNotExists: false))
        let definition = TableDefinition(
            database: "shop", name: "photos",
            columns: [
                ColumnDefinition(name: "id", type: .uint64),
                ColumnDefinition(name: "photo_embed", type: .array(.float32)),
            ],
            constraints: [CheckConstraint(name: "vector_len", expression: "length(photo_embed) = 2")], orderBy: ["id"],
            vectorIndexes: [
                VectorIndexDefinition(
                    name: "idx", column: "photo_embed", kind: "MSTG", parameters: ["metric_type": "Cosine"],
                    metric: .cosine)
            ])
        try catalog.createTable(definition, ifNotExists: false)
        let store = try catalog.store(database: "shop", name: "photos")
        try store.append(
            Batch(columns: [
                Column(type: .uint64, values: [.uint(1)]), Column(type: .array(.float32), values: [.vector([1, 2])]),
            ]))
        XCTAssertEqual(catalog.table(database: "shop", name: "photos"), definition)
        XCTAssertEqual(
            catalog.tableNames(in: "system"), ["columns", "databases", "numbers", "one", "tables", "vector_indices"])

        let tables = try scanAll(catalog.snapshot(database: "system", name: "tables"), [0, 1, 2, 8])
        XCTAssertTrue(tables.contains([.string("shop"), .string("photos"), .string("MergeTree"), .uint(1)]))
        XCTAssertTrue(tables.contains([.string("system"), .string("one"), .string("SystemOne"), .null]))
        let columns = try scanAll(catalog.snapshot(database: "system", name: "columns"), [0, 1, 2, 3, 4, 8])
        XCTAssertTrue(
            columns.contains([
                .string("shop"), .string("photos"), .string("photo_embed"), .string("Array(Float32)"), .uint(2),
                .int(0),
            ]))
        XCTAssertTrue(
            columns.contains([.string("shop"), .string("photos"), .string("id"), .string("UInt64"), .uint(1), .int(1)]))
        for store in catalog.allStores() { store.waitForBackgroundWork() }
        let indices = try scanAll(catalog.snapshot(database: "system", name: "vector_indices"), [0, 1, 2, 4, 5, 7])
        XCTAssertEqual(
            indices,
            [
                [
                    .string("shop"), .string("photos"), .string("idx"), .string("MSTG"),
                    .string("photo_embed TYPE MSTG('metric_type=Cosine')"), .string("Built"),
                ]
            ])
        let create = try scanAll(catalog.snapshot(database: "system", name: "tables"), [4]).first {
            $0[0].description.contains("photos")
        }
        XCTAssertEqual(
            create?[0].description,
            """
            CREATE TABLE shop.photos
            (
                id UInt64,
                photo_embed Array(Float32),
                VECTOR INDEX idx photo_embed TYPE MSTG('metric_type=Cosine'),
                CONSTRAINT vector_len CHECK length(photo_embed) = 2
            )
            ENGINE = MergeTree() ORDER BY id
            """)

        XCTAssertThrowsError(try catalog.dropDatabase("system", ifExists: false))
        XCTAssertThrowsError(
            try catalog.createTable(
                TableDefinition(database: "system", name: "x", columns: []), ifNotExists: false))
        try catalog.dropTable(database: "shop", name: "photos", ifExists: false)
        XCTAssertFalse(try catalog.dropTable(database: "shop", name: "photos", ifExists: true))
        XCTAssertThrowsError(try catalog.dropTable(database: "shop", name: "photos", ifExists: false))
        try catalog.use("shop")
        XCTAssertEqual(catalog.currentDatabase, "shop")
        XCTAssertThrowsError(try catalog.use("nope"))
    }

    func testConstraintLeftOperand() {
        XCTAssertEqual(ConstraintChecker.leftOperand(of: "length(photo_embed) = 512"), "length(photo_embed)")
        XCTAssertEqual(ConstraintChecker.leftOperand(of: "a == b"), "a")
        XCTAssertNil(ConstraintChecker.leftOperand(of: "a >= 1"))
        XCTAssertNil(ConstraintChecker.leftOperand(of: "a = 1 AND b = 2"))
        XCTAssertEqual(ConstraintChecker.leftOperand(of: "f(x = 1, '=') = 2"), "f(x = 1, '=')")
    }
}

final class CatalogColumnRowsTests: XCTestCase {
    func testRangeOperationsMatchGather() {
        let strings = Column(
            type: .nullable(.string), values: [.string("ab"), .null, .string(""), .string("xyz"), .string("q")])
        let vectors = Column(
            type: .array(.float32),
            values: [.vector([1, 2]), .vector([]), .vector([3]), .vector([4, 5, 6]), .vector([7])])
        let nested = Column(
            type: .array(.array(.int64)),
            values: [
                .array([.array([.int(1)])]), .array([]), .array([.array([]), .array([.int(2), .int(3)])]), .array([]),
                .array([]),
            ])
        for column in [strings, vectors, nested] {
            let picks = [4, 0, 3, 3]
            XCTAssertEqual(column.gatheringRows(picks).values, column.gather(picks).values)
            XCTAssertEqual(column.rows(in: 1..<4).values, Array(column.values[1..<4]))
            var appended = column.rows(in: 0..<2)
            appended.appendRows(of: column.rows(in: 2..<5))
            XCTAssertEqual(appended.values, column.values)
            XCTAssertEqual(
                Column.concatenating([column.rows(in: 3..<5), column.rows(in: 0..<3)], type: column.type).values,
                Array(column.values[3...] + column.values[..<3]))
        }
    }
}
