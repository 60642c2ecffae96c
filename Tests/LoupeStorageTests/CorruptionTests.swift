// Damage to any file of a database is reported, never crashed on and never answered around: one
// flipped byte in any page file, part index, manifest, mask or the catalog makes opening or
// scanning throw `.corrupt` naming that file; so do truncated and missing files.

import Foundation
import LoupeCore
import LoupeStorage
import LoupeTestSupport
import XCTest

final class CorruptionTests: XCTestCase {
    private let types: [DataType] = [.int64, .string, .array(.float32), .nullable(.int32)]

    /// A database with a catalog and a table of two parts, one with a delete mask.
    private func makeDatabase(_ dir: ScratchDirectory) throws -> [[Value]] {
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(backgroundMerges: false))
        defer { db.close() }
        try db.commitCatalog(Array("CREATE TABLE t ...".utf8))
        let store = try db.createTable(id: "t", types: types, sortKeyColumn: 0)
        var rng = SeededGenerator(seed: 4)
        for (start, count) in [(0, 3000), (3000, 40)] {
            let ids = Column(type: .int64, data: .int64((start..<(start + count)).map(Int64.init)))
            let names = Column(type: .string, values: (0..<count).map { .string("name \($0 % 17)") })
            let vectors = Column(type: .array(.float32), values: (0..<count).map { _ in .vector(rng.floats(4)) })
            let maybe = Column(type: .nullable(.int32), values: (0..<count).map { $0 % 5 == 0 ? .null : .int(Int64($0)) })
            try store.append(Batch(columns: [ids, names, vectors, maybe], count: count))
        }
        try store.delete(where: { batch in batch.columns[0].value(at: 0) == .int(3000) ? [1, 2] : [] })
        return try store.allRows(types.count)
    }

    /// Opens the database and reads everything in it.
    private func readEverything(_ path: String) throws -> [[Value]] {
        let db = try DiskDatabase.open(path: path)
        defer { db.close() }
        _ = try db.loadCatalog()
        return try db.openTable(id: "t", types: types, sortKeyColumn: 0).allRows(types.count)
    }

    /// Every file of the database (relative paths), the lock file excepted.
    private func files(_ root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)!
        var found: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue && name != "lock" { found.append(name) }
        }
        return found.sorted()
    }

    func testAFlippedByteInAnyFileIsReportedAgainstThatFile() throws {
        let pristine = ScratchDirectory()
        let rows = try makeDatabase(pristine)
        XCTAssertEqual(try readEverything(pristine.path), rows)
        let all = files(pristine.path)
        XCTAssertTrue(all.contains("catalog") && all.contains("tables/t/manifest"))
        XCTAssertTrue(all.contains { $0.hasSuffix("/index") } && all.contains { $0.contains("mask_") })
        XCTAssertTrue(all.contains { $0.hasSuffix(".pages") })
        var rng = SeededGenerator(seed: 8)
        for name in all {
            let size = try FileManager.default.attributesOfItem(atPath: pristine.file(name))[.size] as! Int
            let positions =
                size <= 400
                ? Array(0..<size) : [0, 1, 39, 40, size / 2, size - 1] + (0..<20).map { _ in Int.random(in: 0..<size, using: &rng) }
            for position in positions {
                let copy = ScratchDirectory("copy")
                try FileManager.default.removeItem(atPath: copy.path)
                try FileManager.default.copyItem(atPath: pristine.path, toPath: copy.path)
                let target = copy.file(name)
                var bytes = try Data(contentsOf: URL(fileURLWithPath: target))
                bytes[position] ^= 0x04
                try bytes.write(to: URL(fileURLWithPath: target))
                do {
                    let got = try readEverything(copy.path)
                    XCTFail("a flip at byte \(position) of \(name) went unnoticed (same rows: \(got == rows))")
                } catch let error as LoupeError {
                    XCTAssertEqual(error.kind, .corrupt, "\(name) @\(position): \(error)")
                    XCTAssertEqual(error.file, target, "\(name) @\(position): \(error)")
                    if name.hasSuffix(".pages") { XCTAssertNotNil(error.page, "\(error)") }
                }
            }
        }
    }

    private func pageFile(_ root: String) -> String {
        root + "/" + files(root).first { $0.hasSuffix("c1.pages") }!
    }

    func testTruncatedOrExtendedPageFileIsCorrupt() throws {
        let dir = ScratchDirectory()
        _ = try makeDatabase(dir)
        let path = pageFile(dir.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for damaged in [bytes.dropLast(1), bytes.prefix(41), Data(), bytes + Data([0])] {
            try damaged.write(to: URL(fileURLWithPath: path))
            let error = assertLoupeError([.corrupt]) { _ = try readEverything(dir.path) }
            XCTAssertEqual(error?.file, path)
        }
    }

    func testMissingPartDirectoryOrFileIsCorrupt() throws {
        let dir = ScratchDirectory()
        _ = try makeDatabase(dir)
        let page = pageFile(dir.path)
        let part = (page as NSString).deletingLastPathComponent
        try FileManager.default.removeItem(atPath: page)
        XCTAssertEqual(assertLoupeError([.corrupt]) { _ = try readEverything(dir.path) }?.file, page)
        try FileManager.default.removeItem(atPath: part)
        XCTAssertEqual(assertLoupeError([.corrupt]) { _ = try readEverything(dir.path) }?.file, part)
        try FileManager.default.removeItem(atPath: dir.file("tables/t/manifest"))
        XCTAssertEqual(
            assertLoupeError([.corrupt]) { _ = try readEverything(dir.path) }?.file, dir.file("tables/t/manifest"))
    }

    func testPageFileRemovedUnderAnOpenTableIsCorruptOnScan() throws {
        let dir = ScratchDirectory()
        _ = try makeDatabase(dir)
        let db = try DiskDatabase.open(path: dir.path, options: DiskOptions(pageCacheBytes: 0))
        let store = try db.openTable(id: "t", types: types, sortKeyColumn: 0)
        let page = pageFile(dir.path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: page))
        bytes[bytes.count - 3] ^= 1
        try bytes.write(to: URL(fileURLWithPath: page))
        let error = assertLoupeError([.corrupt]) { _ = try store.allRows(types.count) }
        XCTAssertEqual(error?.file, page)
        XCTAssertNotNil(error?.page)
        try FileManager.default.removeItem(atPath: page)
        XCTAssertEqual(assertLoupeError([.corrupt]) { _ = try store.allRows(types.count) }?.file, page)
    }
}
