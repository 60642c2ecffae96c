// `Database(path:)`: rows written through the library are there after the database is closed and
// opened again, and a database cannot be opened twice at once.

import Foundation
import Loupe
import XCTest

final class OnDiskLibraryTests: XCTestCase {
    func testRowsSurviveCloseAndReopen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-lib-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (id UInt64, v Array(Float32), CONSTRAINT len CHECK length(v) = 2) ORDER BY id")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?)")
        for i in 0..<50 { try insert.execute([i, [Float(i), 1] as [Float]]) }
        XCTAssertThrowsError(try Database(path: path)) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .locked)
        }
        db.close()
        let reopened = try Database(path: path)
        let rows = try reopened.query("SELECT count(), sum(v[1]) FROM t").rows().map { try $0.get(0, as: Int.self) }
        XCTAssertEqual(rows, [50])
        XCTAssertEqual(reopened.tableNames(), ["t"])
    }
}
