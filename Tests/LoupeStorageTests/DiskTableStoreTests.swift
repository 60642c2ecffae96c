// The disk store's contract: rows survive reopening, appenders are all-or-nothing, snapshots keep
// their rows while the table changes, and truncate empties the table.

import LoupeCore
@testable import LoupeStorage
import XCTest

final class DiskTableStoreTests: XCTestCase {
    func testAppendThenReopenKeepsRows() throws {
        let dir = ScratchDirectory()
        do {
            let db = try DiskDatabase.open(path: dir.path)
            let store = try db.createTable(id: "t1", types: numberedTypes, sortKeyColumn: 0)
            try store.append(numberedBatch(0..<5000))
            try store.append(numberedBatch(5000..<5003))
            XCTAssertEqual(store.rowCount, 5003)
            XCTAssertEqual(try store.allRows(2), numberedRows(0..<5003))
            db.close()
        }
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.openTable(id: "t1", types: numberedTypes, sortKeyColumn: 0)
        XCTAssertEqual(store.rowCount, 5003)
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<5003))
    }

    func testReopeningAHundredTimesKeepsEveryRow() throws {
        let dir = ScratchDirectory()
        var expected: [[Value]] = []
        for round in 0..<100 {
            let db = try DiskDatabase.open(path: dir.path)
            let store =
                round == 0
                ? try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
                : try db.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
            XCTAssertEqual(try store.allRows(2), expected, "round \(round)")
            let rows = (round * 7)..<(round * 7 + 7)
            try store.append(numberedBatch(rows))
            expected += numberedRows(rows)
            db.close()
        }
        let db = try DiskDatabase.open(path: dir.path)
        XCTAssertEqual(try db.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil).allRows(2), expected)
    }

    func testAppenderCommitsAllBatchesAtOnce() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(partRows: 3000))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        let appender = try store.beginAppend()
        try appender.append(numberedBatch(0..<2500))
        try appender.append(numberedBatch(2500..<7000))
        XCTAssertEqual(store.rowCount, 0)
        XCTAssertEqual(try appender.commit(), 7000)
        XCTAssertEqual(store.rowCount, 7000)
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<7000))
        db.close()
        let reopened = try DiskDatabase.open(path: dir.path)
        XCTAssertEqual(try reopened.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil).allRows(2), numberedRows(0..<7000))
    }

    func testAppenderRollbackAndReleaseStoreNothing() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(partRows: 1000))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        let appender = try store.beginAppend()
        try appender.append(numberedBatch(0..<2500))
        appender.rollback()
        do {
            let released = try store.beginAppend()
            try released.append(numberedBatch(0..<10))
        }
        XCTAssertEqual(store.rowCount, 0)
        XCTAssertEqual(try partDirectories(dir, "t"), [])
    }

    func testUncommittedAppendIsGoneAfterReopen() throws {
        let dir = ScratchDirectory()
        var appender: TableAppender?
        do {
            let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(partRows: 1000))
            let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
            try store.append(numberedBatch(0..<3))
            appender = try store.beginAppend()
            try appender!.append(numberedBatch(3..<4000))
            // A dead process finishes nothing more: let the background finishes end before the
            // database closes, so none of them lands after the reopen below.
            (appender as! DiskAppender).waitForBackgroundFinishes()
            XCTAssertGreaterThan(try partDirectories(dir, "t").count, 1)
            db.close()
        }
        // The appender is still alive (as if the process died before committing): reopening
        // must ignore and remove its parts.
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.openTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        XCTAssertEqual(try store.allRows(2), numberedRows(0..<3))
        XCTAssertEqual(try partDirectories(dir, "t").count, 1)
        _ = appender
    }

    func testSnapshotKeepsItsRowsAcrossTruncateAndMerge() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        for k in 0..<4 { try store.append(numberedBatch((k * 10)..<(k * 10 + 10))) }
        let before = store.snapshot()
        try store.optimize(final: true)
        XCTAssertEqual((store as! DiskTableStore).partCount, 1)
        let merged = store.snapshot()
        try store.truncate()
        XCTAssertEqual(store.rowCount, 0)
        XCTAssertEqual(try before.allRows(columns: [0, 1]), numberedRows(0..<40))
        XCTAssertEqual(try merged.allRows(columns: [1, 0]), numberedRows(0..<40).map { [$0[1], $0[0]] })
        XCTAssertEqual(try store.allRows(2), [])
    }

    func testDroppedPartFilesGoWhenTheLastSnapshotDoes() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        try store.append(numberedBatch(0..<10))
        var snapshot: TableSnapshot? = store.snapshot()
        try store.truncate()
        XCTAssertEqual(try partDirectories(dir, "t").count, 1)
        XCTAssertEqual(try snapshot?.allRows(columns: [0]).count, 10)
        snapshot = nil
        XCTAssertEqual(try partDirectories(dir, "t"), [])
    }

    func testCountOnlyScanNeedsNoColumns() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        try store.append(numberedBatch(0..<5000))
        let cursor = store.snapshot().scan(columns: [])
        var total = 0
        while let batch = try cursor.next() {
            XCTAssertTrue(batch.columns.isEmpty)
            total += batch.count
        }
        XCTAssertEqual(total, 5000)
    }

    func testAppendRejectsWrongShapes() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.createTable(id: "t", types: [.int64], sortKeyColumn: nil)
        assertLoupeError([.type]) { try store.append(numberedBatch(0..<3)) }
        let nulls = Column(type: .nullable(.int64), values: [.int(1), .null])
        assertLoupeError([.type]) { try store.append(Batch(columns: [nulls], count: 2)) }
        XCTAssertEqual(store.rowCount, 0)
    }
}

/// The part directories of table `id` (temporary ones included).
func partDirectories(_ dir: ScratchDirectory, _ id: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.file("tables/\(id)/parts")).sorted()
}
