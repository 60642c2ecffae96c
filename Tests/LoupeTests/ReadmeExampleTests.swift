// The library example of README.md, kept compiling and running.

import Loupe
import XCTest

final class ReadmeExampleTests: XCTestCase {
    func testLibraryExample() throws {
        let db = Database.inMemory()
        try db.execute("CREATE TABLE t (id UInt64, v Array(Float32), CONSTRAINT len CHECK length(v) = 3) ORDER BY id")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?)")
        try insert.execute([1, [0.1, 0.2, 0.3] as [Float]])
        try insert.execute([2, [0.3, 0.2, 0.1] as [Float]])
        var ids: [Int] = []
        for row in try db.query("SELECT id, distance(v, ?) AS d FROM t ORDER BY d LIMIT 5", [[0.1, 0.2, 0.3] as [Float]]).rows() {
            ids.append(try row.get("id", as: Int.self))
            XCTAssertGreaterThanOrEqual(try row.get("d", as: Double.self), -1e-6)
        }
        XCTAssertEqual(ids, [1, 2])
    }

    func testSQLExample() throws {
        let db = Database.inMemory()
        let out = try ScriptRunnerOutput.collect(db, """
            CREATE TABLE photos (
                id UInt64, photo_id String, photo_embed Array(Float32),
                CONSTRAINT vector_len CHECK length(photo_embed) = 4
            ) ORDER BY id;
            INSERT INTO photos VALUES (1, 'bee', [0.9, 0.1, 0, 0]), (2, 'hive', [0.8, 0.3, 0.1, 0]), (3, 'alps', [0, 0, 1, 0]);
            ALTER TABLE photos ADD VECTOR INDEX photo_embed_index photo_embed TYPE MSTG('metric_type=Cosine');
            SELECT photo_id, distance(photo_embed, [1, 0, 0, 0]) AS dist FROM photos ORDER BY dist LIMIT 2;
            SELECT count(*), avg(length(photo_id)) FROM photos WHERE id BETWEEN 1 AND 2;
            """)
        XCTAssertEqual(out.map { $0.first?.first }, [.string("bee"), .uint(2)])
    }
}

/// Runs a script and keeps the rows of every statement that returns rows.
enum ScriptRunnerOutput {
    static func collect(_ db: Database, _ script: String) throws -> [[[Value]]] {
        var results: [[[Value]]] = []
        try ScriptRunner(database: db).run(script) { outcome in
            if outcome.result.hasRows { results.append(try outcome.result.values()) }
        }
        return results
    }
}
