// INSERT ... FROM INFILE and SELECT ... INTO OUTFILE through the library, on files in a temporary
// directory: every format and compression, DEFAULTs and column lists, located errors (bad
// values by line and column, CHECK violations by line), allowed errors with their warnings,
// all-or-nothing loads across many chunks, the existing-file rules of OUTFILE, progress reports,
// and bit-exact Float32 round trips through every text format.

import Foundation
import Loupe
import LoupeTestSupport
import XCTest

final class FileLoadTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    private func rows(_ db: Database, _ sql: String) throws -> [[String]] {
        try db.query(sql).rows().map { row in
            zip(row.values, row.columns.types).map { ResultFormatter.tsvField($0, $1) }
        }
    }

    private func photos() throws -> Database {
        let db = Database.inMemory()
        try db.execute(
            """
            CREATE TABLE photos (id UInt64, name String, v Array(Float32), flag Bool DEFAULT id > 1,
                CONSTRAINT len CHECK length(v) = 2) ORDER BY id
            """)
        return db
    }

    // MARK: - Formats

    func testTSVEscapesNullsAndTypes() throws {
        let db = Database.inMemory()
        try db.execute(
            "CREATE TABLE t (i Int8, u UInt64, s String, n Nullable(Int32), d DateTime, b Bool, a Array(String)) ORDER BY i"
        )
        let file = try write(
            "t.tsv",
            "300\t18446744073709551615\ttab\\there\\\\ \\'q\\'\t\\N\t2024-01-02 03:04:05\tyes\t['x','y\\'z']\n"
                + "-1\t0\tline\\\nfeed\t7\t1700000000\tfalse\t[]\n")
        XCTAssertEqual(try db.execute("INSERT INTO t FROM INFILE '\(file)'"), 2)
        XCTAssertEqual(
            try rows(db, "SELECT * FROM t ORDER BY i"),
            [
                ["-1", "0", "line\\nfeed", "7", "2023-11-14 22:13:20", "false", "[]"],
                [
                    "44", "18446744073709551615", "tab\\there\\\\ \\'q\\'", "\\N", "2024-01-02 03:04:05", "true",
                    "['x','y\\'z']",
                ],
            ])
    }

    func testHeaderFormatsMapColumnsByName() throws {
        let db = try photos()
        let tsv = try write("named.tsv", "v\tunused\tid\n[1,2]\tx\t1\n[3,4]\ty\t2\n")
        let csv = try write("named.csv", "\"name\",id,v\n\"a, \"\"b\"\"\",3,\"[5,6]\"\n")
        try db.execute("INSERT INTO photos FROM INFILE '\(tsv)' FORMAT TSVWithNames")
        try db.execute("INSERT INTO photos FROM INFILE '\(csv)' FORMAT CSVWithNames")
        XCTAssertEqual(
            try rows(db, "SELECT id, name, v, flag FROM photos ORDER BY id"),
            [["1", "", "[1,2]", "false"], ["2", "", "[3,4]", "true"], ["3", "a, \"b\"", "[5,6]", "true"]])
        let strict = try write("strict.tsv", "id\tnope\n1\t2\n")
        XCTAssertThrowsError(
            try db.execute(
                "INSERT INTO photos FROM INFILE '\(strict)' SETTINGS input_format_skip_unknown_fields = 0 FORMAT TSVWithNames"
            )
        ) { XCTAssertTrue("\($0)".contains("nope"), "\($0)") }
    }

    func testJSONEachRowKeysAndDefaults() throws {
        let db = try photos()
        let file = try write(
            "rows.ndjson",
            """
            [{"id": 1, "v": [0.5, -1e-3], "name": "caf\\u00e9 \\"x\\""},
             {"v": [1, 2], "id": "2", "extra": {"deep": [1, 2]}},
             {"id": 3, "v": [3, 4], "name": null, "flag": false}]
            """)
        XCTAssertEqual(try db.execute("INSERT INTO photos FROM INFILE '\(file)'"), 3)
        XCTAssertEqual(
            try rows(db, "SELECT id, name, v, flag FROM photos ORDER BY id"),
            [["1", "café \"x\"", "[0.5,-0.001]", "false"], ["2", "", "[1,2]", "true"], ["3", "", "[3,4]", "false"]])
    }

    func testColumnListAndComputedDefaults() throws {
        let db = Database.inMemory()
        try db.execute(
            "CREATE TABLE t (id UInt64, twice UInt64 DEFAULT id * 2, label String DEFAULT concat('#', toString(twice)), v Array(Float32)) ORDER BY id"
        )
        let file = try write("t.csv", "[1],5\n[],6\n")
        try db.execute("INSERT INTO t (v, id) FROM INFILE '\(file)'")
        XCTAssertEqual(
            try rows(db, "SELECT id, twice, label, v FROM t ORDER BY id"),
            [["5", "10", "#10", "[1]"], ["6", "12", "#12", "[]"]])
    }

    func testFormatFromExtensionAndUnknownExtension() throws {
        let db = try photos()
        let file = try write("data.txt", "1\ta\t[1,2]\n")
        XCTAssertThrowsError(try db.execute("INSERT INTO photos (id, name, v) FROM INFILE '\(file)'")) {
            XCTAssertTrue("\($0)".contains("FORMAT"), "\($0)")
        }
        XCTAssertEqual(try db.execute("INSERT INTO photos (id, name, v) FROM INFILE '\(file)' FORMAT TabSeparated"), 1)
        XCTAssertThrowsError(try db.execute("INSERT INTO photos FROM INFILE '\(path("missing.tsv"))'")) {
            XCTAssertTrue("\($0)".contains("missing.tsv"), "\($0)")
        }
    }

    // MARK: - Compression

    func testGzipAndLZ4FilesFromTheCommandLineTools() throws {
        let db = try photos()
        let plain = try write("p.tsv", "1\ta\t[1,2]\n2\tb\t[3,4]\n")
        for (tool, ext) in [("/usr/bin/gzip", "gz"), ("/usr/bin/lz4", "lz4")] {
            guard FileManager.default.isExecutableFile(atPath: tool) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ext == "gz" ? ["-k", "-f", plain] : ["-q", "-f", plain, plain + ".lz4"]
            try process.run()
            process.waitUntilExit()
            try db.execute("TRUNCATE TABLE photos")
            XCTAssertEqual(try db.execute("INSERT INTO photos (id, name, v) FROM INFILE '\(plain).\(ext)'"), 2, ext)
            try db.execute("TRUNCATE TABLE photos")
            let renamed = path("p.data")
            try? FileManager.default.removeItem(atPath: renamed)
            try FileManager.default.copyItem(atPath: plain + "." + ext, toPath: renamed)
            XCTAssertEqual(
                try db.execute(
                    "INSERT INTO photos (id, name, v) FROM INFILE '\(renamed)' COMPRESSION '\(ext == "gz" ? "gzip" : "lz4")' FORMAT TSV"
                ),
                2)
        }
    }

    func testCompressedOutfilesReadBack() throws {
        let db = try photos()
        try db.execute("INSERT INTO photos (id, name, v) VALUES (1, 'a', [1, 2]), (2, 'b\\tc', [3, 4])")
        for (name, format) in [
            ("o.tsv.gz", "TSV"), ("o.csv.lz4", "CSVWithNames"), ("o.jsonl.gz", "JSONEachRow"),
            ("o.tsv", "TSVWithNames"),
        ] {
            try db.execute("SELECT * FROM photos INTO OUTFILE '\(path(name))' FORMAT \(format)")
            let copy = try photos()
            try copy.execute("INSERT INTO photos FROM INFILE '\(path(name))' FORMAT \(format)")
            XCTAssertEqual(
                try rows(copy, "SELECT * FROM photos ORDER BY id"), try rows(db, "SELECT * FROM photos ORDER BY id"),
                name)
        }
        let gzip = try Data(contentsOf: URL(fileURLWithPath: path("o.tsv.gz")))
        XCTAssertEqual(Array(gzip.prefix(2)), [0x1F, 0x8B], "a gzip header")
        let lz4 = try Data(contentsOf: URL(fileURLWithPath: path("o.csv.lz4")))
        XCTAssertEqual(Array(lz4.prefix(4)), [0x04, 0x22, 0x4D, 0x18], "an LZ4 frame magic number")
    }

    // MARK: - Errors

    func testBadFloatNamesLineAndColumnAndStoresNothing() throws {
        let db = try photos()
        let file = try write("bad.tsv", "1\ta\t[1,2]\n2\tb\t[0.5,abc]\n")
        XCTAssertThrowsError(try db.execute("INSERT INTO photos (id, name, v) FROM INFILE '\(file)'")) { error in
            guard let error = error as? LoupeError else { return XCTFail("\(error)") }
            XCTAssertTrue(
                error.message.contains("Cannot parse Float32 from 'abc' at \(file):2:10 (column v)"), error.message)
            XCTAssertEqual(error.file, file)
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 10)
            XCTAssertEqual(error.row, 2)
        }
        XCTAssertEqual(try db.query("SELECT count() FROM photos").scalar(), .uint(0))
    }

    func testCheckViolationNamesTheLine() throws {
        let db = try photos()
        let file = try write("check.tsv", "id\tv\n1\t[1,2]\n2\t[1,2,3]\n")
        XCTAssertThrowsError(try db.execute("INSERT INTO photos FROM INFILE '\(file)' FORMAT TSVWithNames")) { error in
            guard let error = error as? LoupeError else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("'len'"), error.message)
            XCTAssertTrue(error.message.contains("length(v) is 3"), error.message)
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.message.contains("\(file):3"), error.message)
        }
        XCTAssertEqual(try db.query("SELECT count() FROM photos").scalar(), .uint(0))
    }

    func testAllowedErrorsSkipRowsWithWarnings() throws {
        let db = try photos()
        let warnings = WarningLog()
        db.diagnosticHandler = { warnings.add($0) }
        let file = try write(
            "some_bad.csv", "1,a,\"[1,2]\"\nx,b,\"[1,2]\"\n3,c,\"[1,2]\"\n4,d,\"[1,\"\n5,e,\"[5,6]\"\n")
        XCTAssertThrowsError(
            try db.execute(
                "INSERT INTO photos (id, name, v) FROM INFILE '\(file)' SETTINGS input_format_allow_errors_num = 1"))
        XCTAssertEqual(try db.query("SELECT count() FROM photos").scalar(), .uint(0))
        XCTAssertEqual(
            try db.execute(
                "INSERT INTO photos (id, name, v) FROM INFILE '\(file)' SETTINGS input_format_allow_errors_num = 2"), 3)
        XCTAssertEqual(try rows(db, "SELECT id FROM photos ORDER BY id"), [["1"], ["3"], ["5"]])
        let messages = warnings.messages
        XCTAssertEqual(messages.count, 4, "\(messages)")
        XCTAssertTrue(
            messages.contains { $0.contains("Skipped row 2") && $0.contains(":2:1 (column id)") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("Skipped row 4") && $0.contains(":4:") }, "\(messages)")
        XCTAssertTrue(messages.last?.contains("Skipped 2 rows") ?? false, "\(messages)")
        try db.execute("TRUNCATE TABLE photos")
        XCTAssertEqual(
            try db.execute(
                "INSERT INTO photos (id, name, v) FROM INFILE '\(file)' SETTINGS input_format_allow_errors_ratio = 0.5"),
            3)
    }

    func testFailureLateInALargeFileRollsBackAndNamesTheLine() throws {
        let db = Database.inMemory()
        try db.execute("CREATE TABLE big (id UInt64, v Array(Float32)) ORDER BY id")
        var rng = SeededGenerator(seed: 3)
        var text = ""
        let rows = 60_000
        for i in 0..<rows {
            let v = rng.floats(24).map { "\($0)" }.joined(separator: ",")
            text += i == rows - 10 ? "\(i)\t[\(v),oops]\n" : "\(i)\t[\(v)]\n"
        }
        XCTAssertGreaterThan(text.utf8.count, 9 << 20, "more than one parse chunk")
        let file = try write("big.tsv", text)
        XCTAssertThrowsError(try db.execute("INSERT INTO big FROM INFILE '\(file)'")) { error in
            XCTAssertEqual((error as? LoupeError)?.line, rows - 9, "\(error)")
        }
        XCTAssertEqual(try db.query("SELECT count() FROM big").scalar(), .uint(0))
        let progress = ProgressLog()
        db.progressHandler = { progress.add($0) }
        XCTAssertEqual(
            try db.execute("INSERT INTO big FROM INFILE '\(file)' SETTINGS input_format_allow_errors_num = 1"), rows - 1
        )
        let reports = progress.reports
        XCTAssertGreaterThan(reports.count, 1)
        XCTAssertEqual(reports.last?.rows, rows)
        XCTAssertEqual(reports.last?.bytesRead, text.utf8.count)
        XCTAssertEqual(reports.last?.totalBytes, text.utf8.count)
        XCTAssertEqual(
            try db.query("SELECT count(), min(id), max(id) FROM big").rows().first?.values,
            [.uint(UInt64(rows - 1)), .uint(0), .uint(UInt64(rows - 1))])
    }

    // MARK: - Robustness

    /// Damaged files of every format (bytes deleted, inserted, replaced with separators, quotes,
    /// escapes) either load or fail with a located `LoupeError`; with errors allowed, the good
    /// rows load. Nothing may crash or read outside the text.
    func testMutatedFilesNeverCrash() throws {
        let db = Database.inMemory()
        try db.execute(
            """
            CREATE TABLE t (id UInt64, name Nullable(String), v Array(Float32), tags Array(String), day Date,
                flag Bool DEFAULT id > 2) ORDER BY id
            """)
        let samples: [(String, String)] = [
            ("tsv", "1\tbee\t[0.5,-1e-3]\t['a','b\\'c']\t2024-01-02\ttrue\n2\t\\N\t[]\t[]\t2024-1-2\tfalse\n"),
            ("csv", "1,\"bee, \"\"x\"\"\",\"[0.5,2]\",\"['a']\",2024-01-02,1\n2,,\"[]\",\"[]\",\\N,0\n"),
            ("jsonl", "{\"id\":1,\"name\":\"b\\u00e9e\",\"v\":[0.5,2],\"tags\":[\"a\"],\"day\":\"2024-01-02\"}\n{\"id\":2,\"v\":[]}\n"),
        ]
        let noise = Array("\t\n,\"'\\[]{}:0123456789.-eN ".utf8)
        var rng = SeededGenerator(seed: 0xBAD)
        for (ext, sample) in samples {
            for i in 0..<150 {
                var bytes = Array(sample.utf8)
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(rng.pick(noise), at: at)
                    default: bytes[at] = rng.pick(noise)
                    }
                    if bytes.isEmpty { bytes = [10] }
                }
                let file = path("m\(i).\(ext)")
                try Data(bytes).write(to: URL(fileURLWithPath: file))
                for settings in ["", " SETTINGS input_format_allow_errors_num = 100"] {
                    do {
                        try db.execute("INSERT INTO t FROM INFILE '\(file)'\(settings)")
                    } catch let error as LoupeError {
                        XCTAssertNotNil(error.range, "\(error)")
                    }
                }
            }
        }
    }

    // MARK: - OUTFILE

    func testOutfileExistingFileRules() throws {
        let db = Database.inMemory()
        let file = path("out.tsv")
        try db.execute("SELECT number FROM numbers(2) INTO OUTFILE '\(file)'")
        XCTAssertThrowsError(try db.execute("SELECT 9 INTO OUTFILE '\(file)'")) {
            XCTAssertTrue("\($0)".contains("exists"), "\($0)")
        }
        try db.execute("SELECT 7 INTO OUTFILE '\(file)' APPEND")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "0\n1\n7\n")
        try db.execute("SELECT 'x' AS s INTO OUTFILE '\(file)' TRUNCATE FORMAT CSVWithNames")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "\"s\"\n\"x\"\n")
        XCTAssertThrowsError(try db.execute("SELECT 1 INTO OUTFILE '\(file).gz' APPEND"))
        try db.execute("SELECT 1 AS a, 'x' AS b INTO OUTFILE '\(path("implied.csv"))'")
        try db.execute("SELECT 1 AS a, 'x' AS b INTO OUTFILE '\(path("implied.ndjson.gz"))'")
        try db.execute("SELECT 1 AS a, 'x' AS b INTO OUTFILE '\(path("implied.txt"))'")
        XCTAssertEqual(try String(contentsOfFile: path("implied.csv"), encoding: .utf8), "1,\"x\"\n")
        XCTAssertEqual(try String(contentsOfFile: path("implied.txt"), encoding: .utf8), "1\tx\n")
        try db.execute("CREATE TABLE back (a UInt8, b String) ORDER BY a")
        XCTAssertEqual(try db.execute("INSERT INTO back FROM INFILE '\(path("implied.ndjson.gz"))'"), 1)
        let tee = try db.query("SELECT number FROM numbers(3) INTO OUTFILE '\(path("tee.tsv"))' AND STDOUT")
        XCTAssertEqual(try tee.values(), [[.uint(0)], [.uint(1)], [.uint(2)]])
        XCTAssertEqual(try String(contentsOfFile: path("tee.tsv"), encoding: .utf8), "0\n1\n2\n")
    }

    // MARK: - Exactness

    func testFloat32ArraysRoundTripBitExactly() throws {
        var rng = SeededGenerator(seed: 42)
        var special: [Float] = [
            0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, Float(bitPattern: 0x0001_1D3A), 3.4e38, 1, -1, 0.1,
            1e-7, 123_456_792,
        ]
        special += (0..<64).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x807F_FFFF) }
        let db = Database.inMemory()
        try db.execute("CREATE TABLE t (id UInt64, v Array(Float32), d Float64) ORDER BY id")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
        var vectors: [[Float]] = []
        for i in 0..<300 {
            var v = (0..<16).map { _ -> Float in
                var f: Float
                repeat { f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) } while !f.isFinite
                return f
            }
            v[i % 16] = special[i % special.count]
            vectors.append(v)
            try insert.execute([i, v, Double(bitPattern: rng.next() & 0x800F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)])
        }
        let original = try db.query("SELECT id, v, d FROM t ORDER BY id").values()
        for (name, format) in [("f.tsv", "TSV"), ("f.csv", "CSV"), ("f.jsonl", "JSONEachRow")] {
            try db.execute("SELECT * FROM t INTO OUTFILE '\(path(name))' FORMAT \(format)")
            let copy = Database.inMemory()
            try copy.execute("CREATE TABLE t (id UInt64, v Array(Float32), d Float64) ORDER BY id")
            try copy.execute("INSERT INTO t FROM INFILE '\(path(name))'")
            let loaded = try copy.query("SELECT id, v, d FROM t ORDER BY id").values()
            XCTAssertEqual(loaded.count, original.count)
            for (a, b) in zip(original, loaded) {
                guard case .vector(let x) = a[1], case .vector(let y) = b[1], case .float(let p) = a[2],
                    case .float(let q) = b[2]
                else { return XCTFail("unexpected values \(a) \(b)") }
                XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), "\(format) row \(a[0])")
                XCTAssertEqual(p.bitPattern, q.bitPattern, "\(format) row \(a[0])")
            }
        }
        XCTAssertEqual(vectors.count, 300)
    }
}

/// Warnings collected from the diagnostic handler.
private final class WarningLog: @unchecked Sendable {
    // @unchecked: `items` is only touched under `lock`.
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ message: String) { lock.withLock { items.append(message) } }
    var messages: [String] { lock.withLock { items } }
}

/// Progress reports collected from the progress handler.
private final class ProgressLog: @unchecked Sendable {
    // @unchecked: `items` is only touched under `lock`.
    private let lock = NSLock()
    private var items: [StatementProgress] = []
    func add(_ progress: StatementProgress) { lock.withLock { items.append(progress) } }
    var reports: [StatementProgress] { lock.withLock { items } }
}
