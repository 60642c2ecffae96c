// The `loupe` executable end to end: queries, scripts, standard input, formats, --time, exit
// status and error locations, and the interactive shell driven through a pseudo-terminal.

import Foundation
import XCTest

/// The loupe binary is not where the tests look for it (build it first, or set LOUPE_BIN).
struct MissingBinary: Error, CustomStringConvertible {
    var path: String
    var description: String { "no loupe executable at \(path): run `swift build` first or set LOUPE_BIN" }
}

final class CLITests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary under test: $LOUPE_BIN, else the debug build next to the tests.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LOUPE_BIN"] { return path }
        return repoRoot.appendingPathComponent(".build/debug/loupe").path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func loupe(_ arguments: [String], stdin: String = "") throws -> Run {
        try Self.loupe(arguments, stdin: stdin)
    }

    /// Runs the binary with `arguments` and `stdin` (in `directory`, when given), to completion.
    static func loupe(_ arguments: [String], stdin: String = "", directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw MissingBinary(path: Self.binary)
        }
    }

    func testQueryPrintsTSVWhenPiped() throws {
        let run = try loupe(["-q", "SELECT 1 AS x, 'a' AS y; SELECT 2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "1\ta\n2\n")
    }

    func testFormats() throws {
        let sql = "SELECT 1 AS x, 'a,b' AS y"
        XCTAssertEqual(try loupe(["-q", sql, "--format", "CSVWithNames"]).stdout, "\"x\",\"y\"\n1,\"a,b\"\n")
        XCTAssertEqual(try loupe(["-q", sql, "--format", "JSONEachRow"]).stdout, "{\"x\":1,\"y\":\"a,b\"}\n")
        XCTAssertNotEqual(try loupe(["-q", sql, "--format", "NoSuchFormat"]).status, 0)
        XCTAssertEqual(try loupe(["-q", sql + " FORMAT JSONEachRow"]).stdout, "{\"x\":1,\"y\":\"a,b\"}\n")
        let unknown = try loupe(["-q", sql + " FORMAT Parquetish"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("Parquetish"), unknown.stderr)
    }

    func testScriptFromStdinStopsAtFirstErrorWithLocation() throws {
        let script = """
            CREATE TABLE t (id UInt64) ORDER BY id;
            INSERT INTO t VALUES (1), (2);
            SELECT count(*) FROM t;
            SELECT missing FROM t;
            SELECT 'not reached';
            """
        let run = try loupe([], stdin: script)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "2\n")
        XCTAssertTrue(run.stderr.hasPrefix("Error at line 4, column 8:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("missing"), run.stderr)
    }

    func testScriptFileAndTime() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cli-\(UUID()).sql")
        try "-- a comment\nSELECT 40 + 2;\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try loupe(["-f", url.path, "--time"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "42\n")
        XCTAssertTrue(run.stderr.contains("Elapsed:"), run.stderr)
        XCTAssertEqual(try loupe(["-f", "/nonexistent/x.sql"]).status, 1)
    }

    func testQueryParametersFillPlaceholders() throws {
        let run = try loupe(["-q", "SELECT {x:UInt64} + 1, {s:String}", "--param_x=41", "--param_s", "a b"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "42\ta b\n")
        let bad = try loupe(["-q", "SELECT {x:UInt64}", "--param_x=abc"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("{x:UInt64}"), bad.stderr)
        let array = try loupe(["--param_v=[1, 0]", "-q", "SELECT {v:Array(Float32)}, toTypeName({v:Array(Float32)})"])
        XCTAssertEqual(array.status, 0, array.stderr)
        XCTAssertEqual(array.stdout, "[1,0]\tArray(Float32)\n")
    }

    func testSyntaxErrorReportsLineAndColumn() throws {
        let run = try loupe(["-q", "SELECT 1;\nSELEC 2"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("Error at line 2, column 1:"), run.stderr)
    }

    /// Drives the shell through `script`, which gives it a pseudo-terminal: a statement over two
    /// lines, an error that does not end the session, and `\q`.
    func testInteractiveShell() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-home-\(UUID())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(Self.binary) --format TSV", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["TERM"] = "dumb"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for line in ["SELECT 6 *", "7 AS answer;", "SELECT nope;", "SELECT 'still here';", "\\q"] {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
            Thread.sleep(forTimeInterval: 0.3)
        }
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertTrue(text.contains("42"), text)
        XCTAssertTrue(text.contains("Error at line 1"), text)
        XCTAssertTrue(text.contains("still here"), text)
        let history = try String(contentsOf: home.appendingPathComponent(".loupe_history"), encoding: .utf8)
        XCTAssertTrue(history.contains("SELECT 6 *"), history)
    }

    func testFileLoadWarnsOnStandardErrorAndDrawsNoProgressWhenPiped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rows.tsv").path
        try "1\t[1,2]\n2\t[x]\n3\t[3]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let sql = """
            CREATE TABLE t (id UInt64, v Array(Float32)) ORDER BY id;
            INSERT INTO t FROM INFILE '\(file)' SETTINGS input_format_allow_errors_num = 1;
            SELECT id FROM t ORDER BY id INTO OUTFILE '\(directory.path)/ids.tsv' AND STDOUT
            """
        let run = try loupe(["-q", sql])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "1\n3\n")
        XCTAssertEqual(
            run.stderr,
            "Warning: Skipped row 2: Cannot parse Float32 from 'x' at \(file):2:4 (column v)\n"
                + "Warning: Skipped 1 rows with errors while reading \(file)\n")
        XCTAssertEqual(try String(contentsOfFile: directory.path + "/ids.tsv", encoding: .utf8), "1\n3\n")
        let failed = try loupe(["-q", sql.replacingOccurrences(of: " SETTINGS input_format_allow_errors_num = 1", with: "")])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("Cannot parse Float32 from 'x' at \(file):2:4 (column v)"), failed.stderr)
    }
}
