// Runs every sqllogictest file under Tests/sql/ (the main specification of Loupe's SQL behaviour)
// and reports each mismatch with its file and line. `__DATA__` in a record's SQL names the
// fixture directory Tests/sql/data, `__TMP__` a fresh directory for the file's run. Set LOUPE_SLT_COMPLETE=1 to rewrite the
// expected results from what Loupe returns (review the diff before committing).

import Foundation
import LoupeTestSupport
import XCTest

final class SQLLogicTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql")

    static func testFiles() -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "test" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    func testCorpusIsPresent() {
        XCTAssertGreaterThan(Self.testFiles().count, 0, "no .test files under \(Self.root.path)")
    }

    func testEveryFile() throws {
        let complete = ProcessInfo.processInfo.environment["LOUPE_SLT_COMPLETE"] == "1"
        var runner = SQLLogicTestRunner()
        runner.substitutions["__DATA__"] = Self.root.appendingPathComponent("data").path
        var failures: [String] = []
        var records = 0
        for url in Self.testFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            let relative = url.path.replacingOccurrences(of: Self.root.deletingLastPathComponent().path + "/", with: "")
            let file = try SQLLogicTestFile(path: relative, text: text)
            records += file.records.count
            if complete {
                try runner.complete(file, text: text).write(to: url, atomically: true, encoding: .utf8)
            } else {
                failures += runner.run(file).map(\.description)
            }
        }
        XCTAssertGreaterThan(records, 0)
        if !failures.isEmpty {
            XCTFail("\(failures.count) sqllogictest failures:\n\n" + failures.joined(separator: "\n\n"))
        }
    }
}
