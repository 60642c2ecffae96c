// The engine over a database directory: statements that fail on a full disk or a failing write
// store nothing and leave the database usable, DDL survives a reopen, and a file load either
// lands whole or not at all.

import Foundation
import LoupeCore
import LoupeSQL
import LoupeStorage
import XCTest

@testable import LoupeExecution

final class DiskEngineTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-engine-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func run(_ engine: LoupeExecution.Engine, _ sql: String) throws -> [[String]] {
        try engine.runScript(sql)
    }

    func testFullDiskFailsTheStatementAndChangesNothing() throws {
        let io = FaultInjectingFileIO()
        var engine: LoupeExecution.Engine? = try LoupeExecution.Engine(
            backend: DiskDatabase.open(path: directory, io: io))
        _ = try run(engine!, "CREATE TABLE t (id UInt64, s String) ORDER BY id; INSERT INTO t VALUES (1, 'a'), (2, 'b')")
        io.failWritesWithNoSpace(after: 4096)
        XCTAssertThrowsError(
            try run(engine!, "INSERT INTO t SELECT number + 10, toString(number) FROM system.numbers LIMIT 100000")
        ) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .io, "\(error)")
        }
        XCTAssertThrowsError(try run(engine!, "CREATE TABLE u (x Int8) ORDER BY x"))
        XCTAssertThrowsError(try run(engine!, "DELETE FROM t WHERE id = 1"))
        XCTAssertEqual(try run(engine!, "SELECT count(), sum(id) FROM t"), [["2", "3"]])
        XCTAssertEqual(try run(engine!, "SHOW TABLES"), [["t"]])
        io.reset()
        _ = try run(engine!, "INSERT INTO t VALUES (3, 'c'); DELETE FROM t WHERE id = 1")
        engine = nil
        let reopened = try LoupeExecution.Engine(backend: DiskDatabase.open(path: directory))
        XCTAssertEqual(try run(reopened, "SELECT id, s FROM t ORDER BY id"), [["2", "b"], ["3", "c"]])
    }

    func testSchemaChangesAndTruncateSurviveReopen() throws {
        do {
            let engine = try LoupeExecution.Engine(backend: DiskDatabase.open(path: directory))
            _ = try run(
                engine,
                """
                CREATE DATABASE shop;
                CREATE TABLE shop.a (id UInt64, v Array(Float32), CONSTRAINT d CHECK length(v) = 2) ORDER BY id;
                CREATE TABLE shop.b (id UInt64) ORDER BY id;
                INSERT INTO shop.a VALUES (1, [1, 2]);
                INSERT INTO shop.b VALUES (1), (2);
                ALTER TABLE shop.a ADD VECTOR INDEX vi v TYPE MSTG('metric_type=L2');
                TRUNCATE TABLE shop.b;
                DROP TABLE shop.a;
                CREATE TABLE shop.a (x String) ORDER BY x;
                INSERT INTO shop.a VALUES ('new')
                """)
        }
        let engine = try LoupeExecution.Engine(backend: DiskDatabase.open(path: directory))
        XCTAssertEqual(try run(engine, "SELECT x FROM shop.a"), [["new"]])
        XCTAssertEqual(try run(engine, "SELECT count() FROM shop.b"), [["0"]])
        XCTAssertEqual(try run(engine, "SELECT count() FROM system.vector_indices"), [["0"]])
        let tables = try FileManager.default.contentsOfDirectory(atPath: directory + "/tables")
        XCTAssertEqual(tables.count, 2, "the dropped table's files are gone: \(tables)")
    }

    func testFailedFileLoadStoresNothing() throws {
        let file = directory + ".tsv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        var text = ""
        for i in 0..<50_000 { text += "\(i)\t[\(i), 1]\n" }
        text += "50000\t[oops]\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let engine = try LoupeExecution.Engine(backend: DiskDatabase.open(path: directory))
        _ = try run(engine, "CREATE TABLE t (id UInt64, v Array(Float32)) ORDER BY id")
        XCTAssertThrowsError(try run(engine, "INSERT INTO t FROM INFILE '\(file)' FORMAT TSV")) { error in
            XCTAssertEqual((error as? LoupeError)?.line, 50_001, "\(error)")
        }
        XCTAssertEqual(try run(engine, "SELECT count() FROM t"), [["0"]])
        let parts = try FileManager.default.contentsOfDirectory(atPath: directory + "/tables/t1/parts")
        XCTAssertEqual(parts, [], "no part of the failed load is left behind")
    }
}
