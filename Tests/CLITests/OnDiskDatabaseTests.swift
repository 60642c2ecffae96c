// `loupe DIR` against a database directory: tables outlive the process, a second process is
// turned away while one holds the database, and a writer killed with SIGKILL in the middle of a
// large INSERT leaves exactly the rows committed before it.

import Foundation
import XCTest

final class OnDiskDatabaseTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: CLITests.binary) else {
            throw MissingBinary(path: CLITests.binary)
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cli-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func loupe(_ sql: String) throws -> CLITests.Run {
        try CLITests.loupe([directory, "-q", sql])
    }

    func testTablesOutliveTheProcess() throws {
        let create = try loupe(
            """
            CREATE TABLE photos (id UInt64, url String, v Array(Float32), CONSTRAINT d CHECK length(v) = 2)
            ENGINE = MergeTree ORDER BY id;
            INSERT INTO photos VALUES (1, 'a', [1, 0]), (2, 'b', [0, 1]);
            ALTER TABLE photos ADD VECTOR INDEX vi v TYPE MSTG('metric_type=Cosine')
            """)
        XCTAssertEqual(create.status, 0, create.stderr)
        XCTAssertEqual(try loupe("INSERT INTO photos VALUES (3, 'c', [1, 1])").status, 0)
        let read = try loupe("SELECT id, url FROM photos ORDER BY distance(v, [1, 0]) LIMIT 2")
        XCTAssertEqual(read.stdout, "1\ta\n3\tc\n", read.stderr)
        let rejected = try loupe("INSERT INTO photos VALUES (4, 'd', [1])")
        XCTAssertEqual(rejected.status, 1)
        XCTAssertEqual(try loupe("SELECT count() FROM photos").stdout, "3\n")
        XCTAssertEqual(try loupe("SELECT name FROM system.vector_indices").stdout, "vi\n")
    }

    func testASecondProcessIsTurnedAway() throws {
        XCTAssertEqual(try loupe("CREATE TABLE t (x Int8) ORDER BY x").status, 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: CLITests.binary)
        holder.arguments = [directory]
        let input = Pipe()
        holder.standardInput = input
        let holderErrors = Pipe()
        holder.standardOutput = Pipe()
        holder.standardError = holderErrors
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        // The holder writes its pid into the lock file once it holds the database.
        let lockFile = directory + "/lock"
        for _ in 0..<100 where holder.isRunning {
            let text = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
            if text.trimmingCharacters(in: .whitespacesAndNewlines) == "\(holder.processIdentifier)" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try loupe("SELECT 1")
        XCTAssertTrue(holder.isRunning, "the holder exited: \(String(decoding: holderErrors.fileHandleForReading.availableData, as: UTF8.self))")
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("in use by another process"), second.stderr)
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        XCTAssertEqual(try loupe("SELECT count() FROM t").stdout, "0\n")
    }

    func testKilledWriterLeavesOnlyCommittedRows() throws {
        let setup = try loupe(
            """
            CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree ORDER BY id;
            INSERT INTO t SELECT number, toString(number) FROM system.numbers LIMIT 1000
            """)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let big = 2_000_000
        var expected = 1000
        for delay in [0.05, 0.2, 0.5, 1.0, 2.0] {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: CLITests.binary)
            writer.arguments = [
                directory, "-q",
                "INSERT INTO t SELECT number + 1000000000, concat('photo-', toString(number)) FROM system.numbers LIMIT \(big)",
            ]
            writer.standardOutput = Pipe()
            writer.standardError = Pipe()
            try writer.run()
            Thread.sleep(forTimeInterval: delay)
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let count = try loupe("SELECT count() FROM t")
            XCTAssertEqual(count.status, 0, count.stderr)
            let rows = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            XCTAssertTrue(rows == expected || rows == expected + big, "after a kill at \(delay) s: \(rows) rows")
            expected = rows
            XCTAssertEqual(try loupe("SELECT count() FROM t WHERE id < 1000").stdout, "1000\n")
        }
        XCTAssertEqual(try loupe("INSERT INTO t VALUES (5000, 'after')").status, 0)
        XCTAssertEqual(try loupe("SELECT count() FROM t").stdout, "\(expected + 1)\n")
    }
}
