// Persistence of the graph index: a file round trip answers every query identically, any flipped
// byte is reported as corruption, and payloads with valid checksums but impossible structure
// (neighbour ids out of range, too many neighbours, entry point out of range, wrong sizes) are
// rejected with a message instead of being walked.

import LoupeCore
import LoupeTestSupport
import XCTest

@testable import LoupeIndex

final class GraphIndexFileTests: XCTestCase {
    private func decode(
        _ bytes: [UInt8], metric: Metric, count: Int = Fixtures.count, dimension: Int = Fixtures.dimension
    ) throws -> VectorIndex {
        let owner = OwnedBytes(bytes)
        return try VectorIndexFile.decode(
            owner.bytes, owner: owner, path: "test.lpvx", metric: metric, count: count, dimension: dimension)
    }

    private func assertCorrupt(
        _ bytes: [UInt8], metric: Metric, count: Int = Fixtures.count, dimension: Int = Fixtures.dimension,
        _ detail: String, line: UInt = #line
    ) {
        XCTAssertThrowsError(try decode(bytes, metric: metric, count: count, dimension: dimension), detail, line: line)
        {
            error in
            XCTAssertEqual((error as? LoupeError)?.kind, .corrupt, "\(error)", line: line)
        }
    }

    func testRoundTripAnswersIdentically() throws {
        for metric in Metric.allCases {
            let index = try Fixtures.index(metric)
            let file = index.encodedFile()
            let decoded = try decode(file, metric: metric)
            XCTAssertEqual(decoded.kind, .graph)
            XCTAssertGreaterThanOrEqual(decoded.memoryBytes, file.count - VectorIndexFile.headerSize)
            XCTAssertGreaterThan(index.memoryBytes, Fixtures.count * Fixtures.dimension)
            XCTAssertEqual(decoded.encodedPayload(), index.encodedPayload())
            let filter = Fixtures.filter(keeping: 0.5, seed: 3)
            for q in 0..<20 {
                try Fixtures.withQuery(q) { query in
                    for f in [nil, filter] {
                        XCTAssertEqual(
                            try decoded.search(
                                query, k: 10, options: SearchOptions(), filter: f, source: Fixtures.source),
                            try index.search(query, k: 10, options: SearchOptions(), filter: f, source: Fixtures.source)
                        )
                    }
                }
            }
        }
    }

    func testUnalignedPayloadIsCopiedAndStillWorks() throws {
        let index = try Fixtures.index(.l2)
        let payload = index.encodedPayload()
        let owner = OwnedBytes([0] + payload)
        let shifted = UnsafeRawBufferPointer(rebasing: owner.bytes[1...])
        let decoded = try GraphIndex(
            decoding: shifted, owner: owner, metric: .l2, count: Fixtures.count, dimension: Fixtures.dimension)
        try Fixtures.withQuery(1) { query in
            XCTAssertEqual(
                try decoded.search(query, k: 10, options: SearchOptions(), filter: nil, source: Fixtures.source),
                try index.search(query, k: 10, options: SearchOptions(), filter: nil, source: Fixtures.source))
        }
    }

    func testAnyFlippedByteIsCorruption() throws {
        let small = ContiguousVectors(Fixtures.mixture(rows: 500, dimension: 16, seed: 8), dimension: 16)
        let file = try GraphIndex.build(small, metric: .cosine, parameters: GraphParameters(degree: 8)).encodedFile()
        XCTAssertNoThrow(try decode(file, metric: .cosine, count: 500, dimension: 16))
        var rng = SeededGenerator(seed: 99)
        var positions = Array(0..<VectorIndexFile.headerSize + 64)
        positions += (0..<40).map { _ in Int.random(in: 0..<file.count, using: &rng) }
        for position in positions {
            var damaged = file
            damaged[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            assertCorrupt(damaged, metric: .cosine, count: 500, dimension: 16, "byte \(position)")
        }
        assertCorrupt(Array(file.dropLast(64)), metric: .cosine, count: 500, dimension: 16, "truncated")
    }

    /// Rewrites the payload with `edit` and wraps it in a file with valid checksums.
    private func rewritten(_ metric: Metric, _ edit: (inout [UInt8], GraphProbe) -> Void) throws -> [UInt8] {
        let index = try Fixtures.index(metric)
        var payload = index.encodedPayload()
        edit(&payload, GraphProbe(payload: payload))
        return VectorIndexFile.encode(
            kind: .graph, metric: metric, count: Fixtures.count, dimension: Fixtures.dimension, payload: payload)
    }

    func testStructuralDamageWithValidChecksumsIsRejected() throws {
        let outOfRange = try rewritten(.l2) { payload, probe in
            probe.setWord(&payload, at: probe.adjacencyOffset + 4 * (7 * probe.listWords + 1), UInt32(Fixtures.count))
        }
        assertCorrupt(outOfRange, metric: .l2, "neighbour id = count")
        let huge = try rewritten(.l2) { payload, probe in
            probe.setWord(&payload, at: probe.adjacencyOffset + 4 * (Fixtures.count - 1) * probe.listWords + 4, .max)
        }
        assertCorrupt(huge, metric: .l2, "neighbour id 2^32-1 in the last list")
        let selfLoop = try rewritten(.l2) { payload, probe in
            probe.setWord(&payload, at: probe.adjacencyOffset + 4 * (5 * probe.listWords + 1), 5)
        }
        assertCorrupt(selfLoop, metric: .l2, "self loop")
        let tooMany = try rewritten(.l2) { payload, probe in
            probe.setWord(&payload, at: probe.adjacencyOffset + 4 * 3 * probe.listWords, UInt32(probe.listWords))
        }
        assertCorrupt(tooMany, metric: .l2, "count above degree")
        let entry = try rewritten(.l2) { payload, probe in probe.setWord(&payload, at: 20, UInt32(Fixtures.count)) }
        assertCorrupt(entry, metric: .l2, "entry point")
        let degree = try rewritten(.l2) { payload, probe in probe.setWord(&payload, at: 8, 0) }
        assertCorrupt(degree, metric: .l2, "degree 0")
        let stride = try rewritten(.l2) { payload, probe in probe.setWord(&payload, at: 16, 8) }
        assertCorrupt(stride, metric: .l2, "row stride")
        let scale = try rewritten(.l2) { payload, probe in
            probe.setWord(&payload, at: 64 + 4 * Fixtures.dimension, Float.nan.bitPattern)
        }
        assertCorrupt(scale, metric: .l2, "NaN scale")
        let short = try rewritten(.l2) { payload, _ in payload.removeLast(64) }
        assertCorrupt(short, metric: .l2, "short payload")
        let flags = try rewritten(.l2) { payload, probe in probe.setWord(&payload, at: 24, 1) }
        assertCorrupt(flags, metric: .l2, "cosine flags on an L2 index")
        assertCorrupt(
            try rewritten(.l2) { payload, _ in payload = Array(payload.prefix(32)) }, metric: .l2, "header only")
    }

    func testStaleFileIsRejected() throws {
        let file = try Fixtures.index(.l2).encodedFile()
        assertCorrupt(file, metric: .cosine, "other metric")
    }
}

/// Reads the few payload fields the damage tests aim at.
struct GraphProbe {
    let adjacencyOffset: Int
    let listWords: Int

    init(payload: [UInt8]) {
        func word(_ offset: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(payload[offset + $1]) << (8 * $1) }
        }
        adjacencyOffset = word(48)
        listWords = word(8) + 1
    }

    func setWord(_ payload: inout [UInt8], at offset: Int, _ value: UInt32) {
        for i in 0..<4 { payload[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
    }
}

/// Bytes in 64-byte aligned memory, as a mapped file holds them; the owner a decoded index keeps.
final class OwnedBytes: @unchecked Sendable {
    let buffer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.buffer = buffer
        count = bytes.count
    }

    let count: Int
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }

    deinit { buffer.deallocate() }
}
