// The database directory: the catalog file, table directories, and the lock that keeps a second
// opener (another process, or another open in this one) out.

import Foundation
import LoupeCore
import LoupeStorage
import XCTest

final class DiskDatabaseTests: XCTestCase {
    func testCatalogRoundTripsAndIsReplaced() throws {
        let dir = ScratchDirectory()
        do {
            let db = try DiskDatabase.open(path: dir.file("nested/db"))
            XCTAssertNil(try db.loadCatalog())
            try db.commitCatalog([1, 2, 3])
            try db.commitCatalog(Array("second".utf8))
            XCTAssertEqual(try db.loadCatalog(), Array("second".utf8))
        }
        let db = try DiskDatabase.open(path: dir.file("nested/db"))
        XCTAssertEqual(try db.loadCatalog(), Array("second".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("nested/db/catalog.tmp")))
    }

    func testGarbageOrTruncatedCatalogIsCorrupt() throws {
        let dir = ScratchDirectory()
        do {
            let db = try DiskDatabase.open(path: dir.path)
            try db.commitCatalog(Array(repeating: 7, count: 100))
        }
        let path = dir.file("catalog")
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        for damaged in [good.prefix(50), good.prefix(10), Data("garbage, not a catalog".utf8), Data()] {
            try damaged.write(to: URL(fileURLWithPath: path))
            let db = try DiskDatabase.open(path: dir.path)
            let error = assertLoupeError([.corrupt]) { _ = try db.loadCatalog() }
            XCTAssertEqual(error?.file, path)
            db.close()
        }
    }

    func testRemoveTablesKeepsOnlyNamedOnes() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        for id in ["t1", "t2", "odd id/é"] {
            try db.createTable(id: id, types: numberedTypes, sortKeyColumn: nil).append(numberedBatch(0..<3))
        }
        try db.removeTables(notIn: ["t2", "odd id/é"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("tables")).count, 2)
        XCTAssertEqual(try db.openTable(id: "odd id/é", types: numberedTypes, sortKeyColumn: nil).rowCount, 3)
        try db.removeTable(id: "t2")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("tables")).count, 1)
        assertLoupeError([.corrupt]) { _ = try db.openTable(id: "t2", types: numberedTypes, sortKeyColumn: nil) }
    }

    func testOpeningWithOtherTypesIsCorrupt() throws {
        let dir = ScratchDirectory()
        do {
            let db = try DiskDatabase.open(path: dir.path)
            _ = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        }
        let db = try DiskDatabase.open(path: dir.path)
        assertLoupeError([.corrupt]) { _ = try db.openTable(id: "t", types: [.int64], sortKeyColumn: nil) }
    }

    func testClosedDatabaseRefusesChanges() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let store = try db.createTable(id: "t", types: numberedTypes, sortKeyColumn: nil)
        try store.append(numberedBatch(0..<3))
        let snapshot = store.snapshot()
        db.close()
        db.close()
        assertLoupeError([.io]) { try store.append(numberedBatch(3..<4)) }
        assertLoupeError([.io]) { try db.commitCatalog([1]) }
        XCTAssertEqual(try snapshot.allRows(columns: [0, 1]), numberedRows(0..<3))
    }

    /// flock belongs to an open file description, so a second open in the same process is refused
    /// exactly like one from another process.
    func testSecondOpenInTheSameProcessIsLocked() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        let error = assertLoupeError([.locked]) { _ = try DiskDatabase.open(path: dir.path) }
        XCTAssertEqual(
            error?.message, "Database \(dir.path) is in use by another process (pid \(ProcessInfo.processInfo.processIdentifier))")
        db.close()
        XCTAssertNoThrow(try DiskDatabase.open(path: dir.path).close())
    }

    func testAnotherProcessHoldingTheLockIsReported() throws {
        let dir = ScratchDirectory()
        let lock = dir.file("lock")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9<>\"$0\"; flock -n 9 || exit 3; echo $$ >&9; echo ready; exec sleep 30", lock]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        let ready = output.fileHandleForReading.availableData
        XCTAssertEqual(String(decoding: ready, as: UTF8.self), "ready\n")
        let error = assertLoupeError([.locked]) { _ = try DiskDatabase.open(path: dir.path) }
        XCTAssertEqual(error?.message, "Database \(dir.path) is in use by another process (pid \(holder.processIdentifier))")
    }

    func testOurLockKeepsOtherProcessesOut() throws {
        let dir = ScratchDirectory()
        let db = try DiskDatabase.open(path: dir.path)
        XCTAssertEqual(try runFlock(dir.file("lock")), 1)
        db.close()
        XCTAssertEqual(try runFlock(dir.file("lock")), 0)
    }

    /// The exit status of `flock -n path true` (1 when the lock is held elsewhere).
    private func runFlock(_ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = ["-n", path, "true"]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
