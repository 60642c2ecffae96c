// Commits under failing file operations. Each test runs a statement with the 1st, 2nd, 3rd...
// write/fsync/rename/creation failing until it runs clean, and checks after every failure that the
// store, and the database reopened, hold exactly the old rows — and that the statement then works.

#if canImport(Glibc)
import Glibc
#endif
import LoupeCore
import LoupeStorage
import XCTest

final class FaultInjectionTests: XCTestCase {
    private let options = DiskOptions(partRows: 3000, backgroundMerges: false)

    /// Runs `change` on a table holding `numberedRows(0..<5000)` (in three parts, one masked) with
    /// the nth mutating file operation failing, for n = 1, 2, ... until it succeeds; `expected` is
    /// the table after a successful `change`.
    private func walkFailures(
        _ what: String, expected: [[Value]], line: UInt = #line, _ change: (TableStore) throws -> Void
    ) throws {
        let old = numberedRows(0..<5000).filter { $0[0] != .int(4500) }
        var n = 1
        while true {
            let dir = ScratchDirectory("fault")
            let io = FaultInjectingFileIO()
            let db = try DiskDatabase.open(path: dir.path, io: io, options: options)
            let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: 0)
            try store.append(numberedBatch(0..<4000))
            try store.append(numberedBatch(4000..<5000))
            try store.delete(where: { batch in
                (0..<batch.count).filter { batch.columns[0].value(at: $0) == .int(4500) }
            })
            XCTAssertEqual(try store.allRows(2), old)
            io.failNth(n)
            do {
                try change(store)
                XCTAssertEqual(io.failureCount, 0, "\(what): failure \(n) was swallowed", line: line)
                XCTAssertEqual(try store.allRows(2), expected, "\(what) succeeded", line: line)
                db.close()
                XCTAssertEqual(try reopenedRows(dir), expected, "\(what) reopened", line: line)
                XCTAssertGreaterThan(n, 3, "\(what) should take several file operations", line: line)
                return
            } catch let error as LoupeError {
                XCTAssertEqual(error.kind, .io, "\(what) #\(n): \(error)", line: line)
                XCTAssertNotNil(error.file, "\(what) #\(n): \(error)", line: line)
                XCTAssertTrue(error.message.contains("injected"), "\(what) #\(n): \(error)", line: line)
            }
            XCTAssertEqual(try store.allRows(2), old, "\(what) failing at operation \(n)", line: line)
            io.reset()
            db.close()
            XCTAssertEqual(try reopenedRows(dir), old, "\(what) failing at operation \(n), reopened", line: line)
            XCTAssertEqual(try leftoverTemporaries(dir), [], "\(what) failing at operation \(n)", line: line)
            // The same statement works once the disk does.
            let again = try DiskDatabase.open(path: dir.path, options: options)
            try change(try again.openTable(id: "t", types: numberedTypes, sortKeyColumn: 0))
            XCTAssertEqual(
                try again.openTable(id: "t", types: numberedTypes, sortKeyColumn: 0).allRows(2), expected, line: line)
            again.close()
            n += 1
            XCTAssertLessThan(n, 200, "\(what) never succeeded", line: line)
            if n >= 200 { return }
        }
    }

    private func reopenedRows(_ dir: ScratchDirectory) throws -> [[Value]] {
        let db = try DiskDatabase.open(path: dir.path, options: options)
        defer { db.close() }
        return try db.openTable(id: "t", types: numberedTypes, sortKeyColumn: 0).allRows(2)
    }

    /// Files a reopen should have removed: temporary parts and manifests.
    private func leftoverTemporaries(_ dir: ScratchDirectory) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter {
            $0.contains("tmp_") || $0.hasSuffix(".tmp")
        }
    }

    private var old: [[Value]] { numberedRows(0..<5000).filter { $0[0] != .int(4500) } }

    func testAppend() throws {
        try walkFailures("append", expected: old + numberedRows(5000..<5100)) { try $0.append(numberedBatch(5000..<5100)) }
    }

    func testAppenderWithSeveralParts() throws {
        try walkFailures("appender", expected: old + numberedRows(5000..<12000)) { store in
            let appender = try store.beginAppend()
            try appender.append(numberedBatch(5000..<9000))
            try appender.append(numberedBatch(9000..<12000))
            try appender.commit()
        }
    }

    func testDelete() throws {
        let expected = old.filter { $0[0].int64Value! % 3 != 0 }
        try walkFailures("delete", expected: expected) { store in
            try store.delete(where: { batch in
                (0..<batch.count).filter { batch.columns[0].value(at: $0).int64Value! % 3 == 0 }
            })
        }
    }

    func testReplaceRows() throws {
        let expected = old.map { row in row[0].int64Value! >= 4100 ? [row[0], .string("changed")] : row }
        try walkFailures("replaceRows", expected: expected) { store in
            try store.replaceRows { batch in
                let ids = (0..<batch.count).map { batch.columns[0].value(at: $0).int64Value! }
                guard ids.contains(where: { $0 >= 4100 }) else { return nil }
                let names = ids.map { $0 >= 4100 ? Value.string("changed") : .string("row \($0)") }
                return Batch(columns: [batch.columns[0], Column(type: .string, values: names)], count: batch.count)
            }
        }
    }

    func testTruncate() throws {
        try walkFailures("truncate", expected: []) { try $0.truncate() }
    }

    func testOptimizeFinal() throws {
        try walkFailures("optimize", expected: old) { try $0.optimize(final: true) }
    }

    func testFullDiskDuringAppend() throws {
        for budget in [0, 10, 100, 5000, 20000, 60000] {
            let dir = ScratchDirectory("enospc")
            let io = FaultInjectingFileIO()
            let db = try DiskDatabase.open(path: dir.path, io: io, options: options)
            let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
            try store.append(numberedBatch(0..<10))
            io.failWritesWithNoSpace(after: budget)
            let error = assertLoupeError([.io]) { try store.append(numberedBatch(10..<9000)) }
            XCTAssertTrue(error?.message.contains("No space left on device") == true, "\(String(describing: error))")
            io.reset()
            XCTAssertEqual(try store.allRows(2), numberedRows(0..<10))
            try store.append(numberedBatch(10..<20))
            db.close()
            XCTAssertEqual(try reopenedRows(dir), numberedRows(0..<20), "budget \(budget)")
        }
    }

    func testCatalogCommit() throws {
        var n = 1
        while n < 50 {
            let dir = ScratchDirectory("catalog")
            let io = FaultInjectingFileIO()
            let db = try DiskDatabase.open(path: dir.path, io: io)
            try db.commitCatalog([1])
            io.failNth(n)
            do {
                try db.commitCatalog([2])
                XCTAssertEqual(io.failureCount, 0)
                XCTAssertEqual(try db.loadCatalog(), [2])
                return
            } catch let error as LoupeError {
                XCTAssertEqual(error.kind, .io)
            }
            io.reset()
            XCTAssertEqual(try db.loadCatalog(), [1], "failing at \(n)")
            db.close()
            XCTAssertEqual(try DiskDatabase.open(path: dir.path).loadCatalog(), [1], "failing at \(n), reopened")
            n += 1
        }
        XCTFail("the catalog commit never succeeded")
    }
}
