// Deletes, rewrites and merges on disk: masks hide rows at once and survive reopening, merges drop
// masked rows, many small appends end in few parts, and key-range scans skip pages.

import Foundation
import LoupeCore
import LoupeStorage
import LoupeTestSupport
import XCTest

final class DiskMutationTests: XCTestCase {
    private func evenIDs(_ batch: Batch) -> [Int] {
        (0..<batch.count).filter { batch.columns[0].value(at: $0).int64Value! % 2 == 0 }
    }

    func testDeleteMasksSurviveReopenAndMergeDropsThem() throws {
        let dir = ScratchDirectory()
        do {
            let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
            let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
            try store.append(numberedBatch(0..<3000))
            try store.append(numberedBatch(3000..<3010))
            XCTAssertEqual(try store.delete(where: evenIDs), 1505)
            XCTAssertEqual(try store.delete(where: { _ in [] }), 0)
            XCTAssertEqual(try store.delete(where: { batch in
                (0..<batch.count).filter { [1, 5, 6].contains(batch.columns[0].value(at: $0).int64Value!) }
            }), 2)
            let expected = numberedRows(0..<3010).filter { $0[0].int64Value! % 2 == 1 && ![1, 5].contains($0[0].int64Value!) }
            XCTAssertEqual(store.rowCount, expected.count)
            XCTAssertEqual(try store.allRows(2), expected)
            db.close()
        }
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        let store = try db.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil) as! DiskTableStore
        let expected = numberedRows(0..<3010).filter { $0[0].int64Value! % 2 == 1 && ![1, 5].contains($0[0].int64Value!) }
        XCTAssertEqual(try store.allRows(2), expected)
        XCTAssertEqual(try maskFiles(dir, "t").count, 2)
        try store.optimize(final: true)
        XCTAssertEqual(store.partCount, 1)
        XCTAssertEqual(try store.allRows(2), expected)
        XCTAssertEqual(try partDirectories(dir, "t").count, 1)
        XCTAssertEqual(try maskFiles(dir, "t"), [])
    }

    func testDeletingEveryRowOfAPartDropsIt() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil) as! DiskTableStore
        try store.append(numberedBatch(0..<10))
        try store.append(numberedBatch(10..<20))
        XCTAssertEqual(try store.delete(where: { batch in
            (0..<batch.count).filter { batch.columns[0].value(at: $0).int64Value! < 10 }
        }), 10)
        XCTAssertEqual(store.partCount, 1)
        XCTAssertEqual(try store.allRows(2), numberedRows(10..<20))
    }

    func testDeleteCallbackErrorChangesNothing() throws {
        struct Stop: Error {}
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        try store.append(numberedBatch(0..<5000))
        var calls = 0
        XCTAssertThrowsError(try store.delete { batch in
            calls += 1
            if calls == 2 { throw Stop() }
            return [0]
        })
        XCTAssertThrowsError(try store.replaceRows { _ in throw Stop() })
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<5000))
        XCTAssertEqual(try maskFiles(dir, "t"), [])
    }

    func testReplaceRowsRewritesOnlyAffectedParts() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil) as! DiskTableStore
        try store.append(numberedBatch(0..<5000))
        try store.append(numberedBatch(5000..<5010))
        try store.delete(where: { batch in batch.columns[0].value(at: 0) == .int(4096) ? [0] : [] })
        let untouched = try partDirectories(dir, "t").last!
        // Rewrite the names of rows 4000..<4200 (in the third page of the first part).
        try store.replaceRows { batch in
            let ids = (0..<batch.count).map { batch.columns[0].value(at: $0).int64Value! }
            guard ids.contains(where: { (4000..<4200).contains($0) }) else { return nil }
            let names = ids.map { (4000..<4200).contains($0) ? Value.string("new \($0)") : .string("row \($0)") }
            return Batch(columns: [batch.columns[0], Column(type: .string, values: names)], count: batch.count)
        }
        var expected = numberedRows(0..<5010).filter { $0[0] != .int(4096) }
        for i in expected.indices where (4000..<4200).contains(expected[i][0].int64Value!) {
            expected[i][1] = .string("new \(expected[i][0].int64Value!)")
        }
        XCTAssertEqual(try store.allRows(2), expected)
        XCTAssertEqual(store.partCount, 2)
        XCTAssertTrue(try partDirectories(dir, "t").contains(untouched))
        db.close()
        let reopened = try DiskDatabase.open(path: dir.path)
        XCTAssertEqual(try reopened.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil).allRows(2), expected)
    }

    func testTenThousandSingleRowAppendsEndInFewParts() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: 0) as! DiskTableStore
        for i in 0..<10_000 { try store.append(numberedBatch(i..<(i + 1))) }
        store.waitForBackgroundWork()
        XCTAssertLessThanOrEqual(store.partCount, 20)
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<10_000))
        XCTAssertLessThanOrEqual(try partDirectories(dir, "t").count, 20)
        db.close()
        let reopened = try DiskDatabase.open(path: dir.path)
        XCTAssertEqual(try reopened.openTable(id: "t", types: numberedTypes, sortKeyColumn: 0).rowCount, 10_000)
    }

    func testKeyRangeScanReadsFewerPages() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(pageCacheBytes: 0))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: 0)
        try store.append(numberedBatch(0..<20_000))
        let snapshot = store.snapshot()
        let before = db.bytesRead
        XCTAssertEqual(try snapshot.allRows(columns: [0, 1]).count, 20_000)
        let full = db.bytesRead - before
        let range = KeyRange(column: 0, lower: .int(5000), upper: .int(5100))
        let cursor = snapshot.scan(columns: [0, 1], keyRange: range)
        var ids: [Int64] = []
        while let batch = try cursor.next() {
            ids += (0..<batch.count).map { batch.columns[0].value(at: $0).int64Value! }
        }
        let ranged = db.bytesRead - before - full
        XCTAssertTrue((5000...5100).allSatisfy { ids.contains(Int64($0)) })
        XCTAssertLessThanOrEqual(ids.count, 2 * Batch.capacity)
        XCTAssertLessThan(ranged * 4, full)
        let empty = snapshot.scan(columns: [0], keyRange: KeyRange(column: 0, lower: .int(30_000), upper: nil))
        XCTAssertNil(try empty.next())
        let strings = snapshot.scan(columns: [0], keyRange: KeyRange(column: 1, lower: .string("zzz"), upper: nil))
        XCTAssertNotNil(try strings.next(), "no bounds are kept for column 1: nothing is skipped")
    }

    func testWarmScansComeFromTheCache() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let types: [DataType] = [.int64, .array(.float32)]
        let store = try db.createTable(id: "v", types: types, sortKeyColumn: nil)
        var rng = SeededGenerator(seed: 1)
        let vectors = Column(type: .array(.float32), values: (0..<5000).map { _ in .vector(rng.floats(16)) })
        try store.append(Batch(columns: [Column(type: .int64, data: .int64(Array(0..<5000))), vectors], count: 5000))
        let cold = db.bytesRead
        XCTAssertEqual(try store.allRows(2).map { $0[1] }, vectors.values)
        let afterFirst = db.bytesRead
        XCTAssertGreaterThan(afterFirst, cold)
        XCTAssertEqual(try store.allRows(2).map { $0[1] }, vectors.values)
        XCTAssertEqual(db.bytesRead, afterFirst)
    }

    func testEveryTypeSurvivesTheStore() throws {
        let dir = ScratchDirectory()
        var rng = SeededGenerator(seed: 21)
        let types = ColumnCodecTests.allTypes
        let columns = types.map { ColumnCodecTests.randomColumn($0, rows: 4500, rng: &rng) }
        do {
            let db = try DiskDatabase.open(path: dir.path)
            let store = try db.createTable(id: "all", types: types, sortKeyColumn: 1)
            try store.append(Batch(columns: columns, count: 4500))
            db.close()
        }
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.openTable(id: "all", types: types, sortKeyColumn: 1)
        let rows = try store.allRows(types.count)
        XCTAssertEqual(rows.count, 4500)
        for c in types.indices {
            XCTAssertEqual(rows.map { $0[c] }, columns[c].values, "\(types[c])")
        }
    }

    func testMergesKeepRowsReadableByConcurrentScans() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(mergeThreshold: 2))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        var appended = 0
        for round in 0..<40 {
            try store.append(numberedBatch(appended..<(appended + 100 + round)))
            appended += 100 + round
            let snapshot = store.snapshot()
            XCTAssertEqual(try snapshot.allRows(columns: [0, 1]), numberedRows(0..<appended))
        }
        store.waitForBackgroundWork()
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<appended))
    }

    func testConcurrentAppendsScansAndMerges() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(mergeThreshold: 4))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: 0)
        let writers = 3
        let batches = 60
        DispatchQueue.concurrentPerform(iterations: writers + 1) { worker in
            if worker == writers {
                Self.scanUntil(store, rows: writers * batches * 5)
            } else {
                Self.appendBatches(store, worker: worker, batches: batches)
            }
        }
        store.waitForBackgroundWork()
        let ids = try store.allRows(2).map { $0[0].int64Value! }.sorted()
        XCTAssertEqual(ids, (0..<(writers * batches * 5)).map(Int64.init))
        XCTAssertLessThanOrEqual((store as! DiskTableStore).partCount, 4)
    }

    /// Scans until `rows` rows are visible, checking that the count never shrinks and rows are whole.
    private static func scanUntil(_ store: TableStore, rows total: Int) {
        var seen = 0
        while seen < total {
            do {
                let rows = try store.snapshot().allRows(columns: [0, 1])
                XCTAssertGreaterThanOrEqual(rows.count, seen)
                XCTAssertTrue(rows.allSatisfy { row in row[1] == .string("row \(row[0].int64Value!)") })
                seen = rows.count
            } catch {
                XCTFail("scan failed: \(error)")
                return
            }
        }
    }

    private static func appendBatches(_ store: TableStore, worker: Int, batches: Int) {
        for b in 0..<batches {
            let start = (worker * batches + b) * 5
            XCTAssertNoThrow(try store.append(numberedBatch(start..<(start + 5))))
        }
    }
}

/// The mask files of table `id`'s parts.
func maskFiles(_ dir: ScratchDirectory, _ id: String) throws -> [String] {
    try partDirectories(dir, id).flatMap { part in
        try FileManager.default.contentsOfDirectory(atPath: dir.file("tables/\(id)/parts/\(part)"))
            .filter { $0.hasPrefix("mask_") }
    }
}
