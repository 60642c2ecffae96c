// Shared data for the index tests: a seeded Gaussian mixture (clustered like real embeddings),
// queries drawn near it, the graph indexes built over it once per metric, and the recall measure
// against FlatIndex, the exact oracle.

import LoupeCore
import LoupeIndex
import LoupeTestSupport
import XCTest

enum Fixtures {
    static let count = 2000
    static let dimension = 32
    static let queryCount = 50
    static let parameters = GraphParameters(degree: 12, efConstruction: 40, threads: 1)

    /// `rows` vectors of `dimension` floats around `clusters` random centres (the same centres
    /// for every seed, so queries from one seed fall among the rows of another).
    static func mixture(rows: Int, dimension: Int, clusters: Int = 40, seed: UInt64) -> [Float] {
        var centreRNG = SeededGenerator(seed: 1000 + UInt64(dimension))
        let centres = (0..<clusters).map { _ in centreRNG.floats(dimension).map { $0 * 2 } }
        var rng = SeededGenerator(seed: seed)
        var out = [Float]()
        out.reserveCapacity(rows * dimension)
        for _ in 0..<rows {
            let centre = rng.pick(centres)
            let spread = Float.random(in: 0.3...1.2, using: &rng)
            for d in 0..<dimension { out.append(centre[d] + gaussian(&rng) * spread) }
        }
        return out
    }

    static func gaussian(_ rng: inout SeededGenerator) -> Float {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let v = Double.random(in: 0..<1, using: &rng)
        return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
    }

    static let source = ContiguousVectors(mixture(rows: count, dimension: dimension, seed: 1), dimension: dimension)
    static let queries = mixture(rows: queryCount, dimension: dimension, seed: 2)

    /// One built index per metric, shared by the tests (a build is the slow part in debug); one
    /// thread, so every run sees the same graph.
    nonisolated(unsafe) private static var built: [Metric: GraphIndex] = [:]
    private static let lock = NSLock()

    static func index(_ metric: Metric) throws -> GraphIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index = built[metric] { return index }
        let index = try GraphIndex.build(source, metric: metric, parameters: parameters)
        built[metric] = index
        return index
    }

    /// Query `q` as a buffer for the duration of `body`.
    static func withQuery<T>(_ q: Int, _ body: (UnsafeBufferPointer<Float>) throws -> T) rethrows -> T {
        try queries.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[(q * dimension)..<((q + 1) * dimension)]))
        }
    }

    /// Mean fraction of the exact top-k rows each search found.
    static func recall(
        _ index: VectorIndex, k: Int = 10, options: SearchOptions = SearchOptions(), filter: RowFilter? = nil,
        search: ((UnsafeBufferPointer<Float>) throws -> [Neighbor])? = nil
    ) throws -> Double {
        var hits = 0
        var total = 0
        for q in 0..<queryCount {
            try withQuery(q) { query in
                let exact = try FlatIndex.search(query, k: k, metric: index.metric, filter: filter, source: source)
                let found =
                    try search?(query)
                    ?? index.search(query, k: k, options: options, filter: filter, source: source)
                XCTAssertLessThanOrEqual(found.count, k)
                XCTAssertEqual(found.count, exact.count, "query \(q) found fewer rows than exist")
                let want = Set(exact.map(\.row))
                hits += found.filter { want.contains($0.row) }.count
                total += exact.count
            }
        }
        return total == 0 ? 1 : Double(hits) / Double(total)
    }

    /// A filter keeping each row with probability `fraction`.
    static func filter(keeping fraction: Double, seed: UInt64) -> RowFilter {
        var rng = SeededGenerator(seed: seed)
        var filter = RowFilter(count: count, allowed: false)
        for row in 0..<count where rng.chance(fraction) { filter.insert(row) }
        return filter
    }
}
