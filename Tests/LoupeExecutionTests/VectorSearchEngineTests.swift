// Vector search through the engine on a database directory: the index survives a reopen (Built
// at once, nothing rebuilt), queries during a build are complete and right, an UPDATE of the
// vector column is seen by the next search, and searches through the index agree with the
// exact plan at several WHERE selectivities.

import Foundation
import LoupeCore
import LoupeSQL
import LoupeStorage
import LoupeTestSupport
import XCTest

@testable import LoupeExecution

final class VectorSearchEngineTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-vsearch-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func open() throws -> LoupeExecution.Engine {
        try LoupeExecution.Engine(backend: DiskDatabase.open(path: directory, options: DiskOptions(partRows: 4000)))
    }

    /// A table of `rows` 16-dim vectors around 40 cluster centres (fixed seed), with `bucket` =
    /// id % 1000 for filters.
    private func makeTable(_ engine: LoupeExecution.Engine, rows: Int, index: Bool) throws {
        _ = try engine.runScript(
            "CREATE TABLE t (id UInt32, bucket UInt32, v Array(Float32), CONSTRAINT d CHECK length(v) = 16) ORDER BY id")
        var rng = SeededGenerator(seed: 5)
        let centres = (0..<40).map { _ in rng.floats(16) }
        for start in stride(from: 0, to: rows, by: 2000) {
            let values = (start..<min(rows, start + 2000)).map { id -> String in
                let centre = centres[Int(rng.next() % 40)]
                let v = zip(centre, rng.floats(16)).map { $0 + 0.35 * $1 }
                return "(\(id), \(id % 1000), [\(v.map { "\($0)" }.joined(separator: ","))])"
            }
            _ = try engine.runScript("INSERT INTO t VALUES " + values.joined(separator: ", "))
        }
        if index {
            _ = try engine.runScript("ALTER TABLE t ADD VECTOR INDEX vi v TYPE MSTG('metric_type=Cosine')")
        }
    }

    /// The top-k query; with `exact`, ordered by (d, id), which no index answers.
    private static func query(_ q: [Float], where filter: String = "", k: Int = 10, exact: Bool = false) -> String {
        let literal = "[" + q.map { "\($0)" }.joined(separator: ",") + "]"
        return "SELECT id, distance(v, \(literal)) AS d FROM t \(filter) ORDER BY d\(exact ? ", id" : "") LIMIT \(k)"
    }

    func testIndexSurvivesReopenAndUpdatesAreSeen() throws {
        do {
            let engine = try open()
            try makeTable(engine, rows: 9000, index: true)
            _ = try engine.runScript("SYSTEM WAIT BUILDING VECTOR INDICES")
            XCTAssertEqual(
                try engine.runScript("SELECT status, total_parts = parts_built FROM system.vector_indices"),
                [["Built", "1"]])
            engine.close()
        }
        let engine = try open()
        XCTAssertEqual(try engine.runScript("SELECT status FROM system.vector_indices"), [["Built"]])
        let target: [Float] = (0..<16).map { Float($0) / 16 }
        let literal = "[" + target.map { "\($0)" }.joined(separator: ",") + "]"
        _ = try engine.runScript("ALTER TABLE t UPDATE v = \(literal) WHERE id = 4321")
        XCTAssertEqual(try engine.runScript(Self.query(target, k: 1)).first?.first, "4321")
        // The rewritten part gets its own index.
        _ = try engine.runScript("SYSTEM WAIT BUILDING VECTOR INDICES")
        XCTAssertEqual(
            try engine.runScript("SELECT status, parts_built = total_parts FROM system.vector_indices"), [["Built", "1"]])
    }

    func testSearchesDuringABuildAreComplete() throws {
        let engine = try open()
        try makeTable(engine, rows: 12000, index: false)
        var rng = SeededGenerator(seed: 11)
        let queries = (0..<8).map { _ in rng.floats(16) }
        let exact = try queries.map { try engine.runScript(Self.query($0)) }
        _ = try engine.runScript("ALTER TABLE t ADD VECTOR INDEX vi v TYPE MSTG('metric_type=Cosine')")
        // While parts are being indexed, each query mixes built parts and exactly scanned ones.
        let failures = ManagedCounter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for (i, q) in queries.enumerated() where i % 4 == worker {
                if (try? engine.runScript(Self.query(q))).map({ $0.map(\.first) }) != exact[i].map(\.first) {
                    failures.increment()
                }
            }
        }
        _ = try engine.runScript("SYSTEM WAIT BUILDING VECTOR INDICES")
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try engine.runScript("SELECT status FROM system.vector_indices"), [["Built"]])
    }

    func testIndexedAndExactAnswersAgreeAtEverySelectivity() throws {
        let engine = try open()
        try makeTable(engine, rows: 12000, index: true)
        _ = try engine.runScript("SYSTEM WAIT BUILDING VECTOR INDICES")
        var rng = SeededGenerator(seed: 12)
        // bucket < n keeps n/1000 of the rows: 0.1%, 1%, 10%, 50%, all.
        for (kept, minimumRecall) in [(1, 1.0), (10, 0.95), (100, 0.95), (500, 0.95), (1000, 0.95)] {
            var hits = 0
            var total = 0
            for _ in 0..<10 {
                let q = rng.floats(16)
                let filter = "WHERE bucket < \(kept)"
                let indexed = try engine.runScript(Self.query(q, where: filter))
                let exact = try engine.runScript(Self.query(q, where: filter, exact: true))
                XCTAssertEqual(indexed.count, exact.count)
                // A returned row counts as a hit when it is as close as the exact k-th (ties
                // between equally distant rows may pick either).
                let kth = exact.last.flatMap { Double($0[1]) } ?? 0
                hits += indexed.filter { Double($0[1])! <= kth + 1e-6 }.count
                total += exact.count
            }
            XCTAssertGreaterThanOrEqual(Double(hits) / Double(total), minimumRecall, "\(kept)/1000 of the rows kept")
        }
    }
}
