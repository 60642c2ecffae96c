// Vector indexes kept on parts: built in the background for every part, found again (mapped, not
// rebuilt) after a reopen, rebuilt when a file is damaged (the part is searched exactly
// meanwhile), rebuilt for merged parts, removed with the index, and searches that respect delete
// masks. Search answers are checked against an exact scan of the same snapshot.

import LoupeCore
import LoupeIndex
@testable import LoupeStorage
import LoupeTestSupport
import XCTest

final class VectorIndexStorageTests: XCTestCase {
    private let types: [DataType] = [.int64, .array(.float32)]
    private let spec = VectorIndexSpec(
        name: "v_idx", column: 1, dimension: 8, metric: .cosine, kind: .graph,
        parameters: GraphParameters(degree: 16, efConstruction: 64, threads: 2))

    private func fill(_ store: TableStore, rows: Range<Int>, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let ids = Column(type: .int64, data: .int64(rows.map(Int64.init)))
        let vectors = Column(type: .array(.float32), values: rows.map { _ in .vector(rng.floats(8)) })
        try store.append(Batch(columns: [ids, vectors], count: rows.count))
    }

    private func open(_ dir: ScratchDirectory, create: Bool = false) throws -> (DiskDatabase, DiskTableStore) {
        let db = try DiskDatabase.open(
            path: dir.path, options: DiskOptions(partRows: 1500, backgroundMerges: false))
        let store =
            try create
            ? db.createTable(id: "t", types: types, sortKeyColumn: 0)
            : db.openTable(id: "t", types: types, sortKeyColumn: 0)
        return (db, store as! DiskTableStore)
    }

    private func indexFiles(_ store: DiskTableStore) -> [String] {
        store.currentParts().flatMap { live in
            ((try? FileManager.default.contentsOfDirectory(atPath: live.part.directory)) ?? [])
                .filter(VectorIndexSpec.isIndexFile).map { live.part.directory + "/" + $0 }
        }.sorted()
    }

    /// The k nearest ids by index (through `vectorParts`) and by exact scan, for a few queries.
    private func assertSearchesAreRight(_ store: TableStore, file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = SeededGenerator(seed: 99)
        let parts = store.snapshot().vectorParts
        for _ in 0..<5 {
            let query = rng.floats(8)
            var indexed: [(Float, Int, Int)] = []
            var exact: [(Float, Int, Int)] = []
            for (p, part) in parts.enumerated() {
                let source = part.vectors(column: 1, dimension: 8)
                try query.withUnsafeBufferPointer { q in
                    let found =
                        try part.vectorIndex(spec)?.search(
                            q, k: 5, options: SearchOptions(efSearch: 200), filter: part.liveRows, source: source)
                        ?? FlatIndex.search(q, k: 5, metric: .cosine, filter: part.liveRows, source: source)
                    indexed += found.map { ($0.distance, p, $0.row) }
                    exact += try FlatIndex.search(q, k: 5, metric: .cosine, filter: part.liveRows, source: source)
                        .map { ($0.distance, p, $0.row) }
                }
            }
            let best = { (list: [(Float, Int, Int)]) in list.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.prefix(5).map { [$0.1, $0.2] } }
            XCTAssertEqual(best(indexed), best(exact), file: file, line: line)
        }
    }

    func testEveryPartGetsAnIndexThatSurvivesReopening() throws {
        let dir = ScratchDirectory()
        do {
            let (db, store) = try open(dir, create: true)
            try fill(store, rows: 0..<4000, seed: 1)
            XCTAssertEqual(store.partCount, 3)
            store.setVectorIndexes([spec])
            store.waitForBackgroundWork()
            let status = try XCTUnwrap(store.vectorIndexStatus("v_idx"))
            XCTAssertEqual(status.totalParts, 3)
            XCTAssertEqual(status.builtParts, 3)
            XCTAssertEqual(status.builtRows, 4000)
            XCTAssertNil(status.error)
            XCTAssertGreaterThan(status.diskBytes, 0)
            XCTAssertEqual(indexFiles(store).count, 3)
            try assertSearchesAreRight(store)
            db.close()
        }
        let (db, store) = try open(dir)
        defer { db.close() }
        let before = try indexFiles(store).map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as! Date }
        store.setVectorIndexes([spec])
        // Found in their files at once: nothing to build.
        XCTAssertEqual(store.vectorIndexStatus("v_idx")?.builtParts, 3)
        store.waitForBackgroundWork()
        let after = try indexFiles(store).map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as! Date }
        XCTAssertEqual(before, after, "no index was rebuilt")
        try assertSearchesAreRight(store)
    }

    func testDamagedIndexFileIsSearchedExactlyThenRebuilt() throws {
        let dir = ScratchDirectory()
        do {
            let (db, store) = try open(dir, create: true)
            try fill(store, rows: 0..<3000, seed: 2)
            store.setVectorIndexes([spec])
            store.waitForBackgroundWork()
            db.close()
        }
        let (db, store) = try open(dir)
        defer { db.close() }
        let damaged = indexFiles(store)[0]
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: damaged))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: damaged))
        // Searches before the rebuild are right: the damaged part is scanned exactly.
        let parts = store.snapshot().vectorParts
        XCTAssertEqual(parts.filter { $0.vectorIndex(spec) == nil }.count, 1)
        store.setVectorIndexes([spec])
        try assertSearchesAreRight(store)
        store.waitForBackgroundWork()
        let status = try XCTUnwrap(store.vectorIndexStatus("v_idx"))
        XCTAssertEqual(status.builtParts, status.totalParts)
        XCTAssertNil(status.error)
        try assertSearchesAreRight(store)
    }

    func testMergedPartsGetTheirIndexAndDroppedIndexesLoseTheirFiles() throws {
        let dir = ScratchDirectory()
        let (db, store) = try open(dir, create: true)
        defer { db.close() }
        try fill(store, rows: 0..<2000, seed: 3)
        try fill(store, rows: 2000..<2600, seed: 4)
        store.setVectorIndexes([spec])
        try store.delete { batch in (0..<batch.count).filter { batch.columns[0].value(at: $0).int64Value! % 3 == 0 } }
        try assertSearchesAreRight(store)
        try store.optimize(final: true)
        store.waitForBackgroundWork()
        XCTAssertEqual(store.partCount, 1)
        XCTAssertEqual(store.vectorIndexStatus("v_idx")?.builtParts, 1)
        XCTAssertEqual(indexFiles(store).count, 1)
        try assertSearchesAreRight(store)
        // A file a crash left half written goes with its index too.
        let leftover = store.currentParts()[0].part.directory + "/tmp_" + spec.fileName
        XCTAssertTrue(FileManager.default.createFile(atPath: leftover, contents: Data([1, 2, 3])))
        store.setVectorIndexes([])
        XCTAssertEqual(indexFiles(store), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover))
        XCTAssertNil(store.vectorIndexStatus("v_idx"))
    }

    func testDeletedRowsAreNeverReturned() throws {
        let dir = ScratchDirectory()
        let (db, store) = try open(dir, create: true)
        defer { db.close() }
        try fill(store, rows: 0..<1000, seed: 5)
        store.setVectorIndexes([spec])
        store.waitForBackgroundWork()
        try store.delete { batch in (0..<batch.count).filter { batch.columns[0].value(at: $0).int64Value! % 2 == 0 } }
        let part = try XCTUnwrap(store.snapshot().vectorParts.first)
        let live = try XCTUnwrap(part.liveRows)
        XCTAssertEqual(live.cardinality, 500)
        var rng = SeededGenerator(seed: 6)
        let query = rng.floats(8)
        let found = try query.withUnsafeBufferPointer {
            try XCTUnwrap(part.vectorIndex(spec)).search(
                $0, k: 50, options: SearchOptions(), filter: live, source: part.vectors(column: 1, dimension: 8))
        }
        XCTAssertEqual(found.count, 50)
        XCTAssertTrue(found.allSatisfy { $0.row % 2 == 1 })
    }

    func testInMemoryIndexesCoverAPrefixAndFollowChanges() throws {
        let store = MemoryTableStore(types: types)
        try fill(store, rows: 0..<3000, seed: 7)
        store.setVectorIndexes([spec])
        store.waitForBackgroundWork()
        XCTAssertEqual(store.vectorIndexStatus("v_idx")?.builtRows, 3000)
        XCTAssertEqual(store.snapshot().vectorParts.first?.vectorIndex(spec)?.count, 3000)
        try fill(store, rows: 3000..<3010, seed: 8)
        // Ten new rows: the index still covers the first 3000, and searches see all 3010.
        XCTAssertEqual(store.snapshot().vectorParts.first?.vectorIndex(spec)?.count, 3000)
        try store.delete { batch in batch.count > 0 && batch.columns[0].value(at: 0) == .int(0) ? [0] : [] }
        // A delete starts a new generation: the old index no longer applies, a new one is built.
        let snapshot = store.snapshot()
        XCTAssertNotEqual(snapshot.vectorParts.first?.vectorIndex(spec)?.count, 3000)
        store.waitForBackgroundWork()
        XCTAssertEqual(store.snapshot().vectorParts.first?.vectorIndex(spec)?.count, 3009)
    }
}
