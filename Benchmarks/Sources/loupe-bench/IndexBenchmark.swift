// The graph index on the shared data: build time on the given threads, peak RSS, the index's
// memory and file size, then recall@10 against the data set's ground truth and single-thread
// queries per second (one query per call) for several efSearch values. Cosine, as the ground
// truth. Prints one JSON object per line.

import Foundation
import LoupeCore
import LoupeIndex

#if canImport(Glibc)
    import Glibc
#endif

/// Build and search figures of `GraphIndex`.
struct IndexBenchmark {
    let source: ContiguousVectors
    let queries: [Float]
    let truth: [Float]
    let truthColumns: Int
    let queryCount: Int
    let efValues: [Int]
    let parameters: GraphParameters
    let rerank: Int?
    /// A file to load the index from when it exists (else the built index is saved there).
    let cachePath: String?

    init(directory: String, options: [String: String]) throws {
        let base = try readVecs(directory + "/base.fvecs", integers: false)
        source = ContiguousVectors(base.values, dimension: base.columns)
        let query = try readVecs(directory + "/query.fvecs", integers: false)
        queries = query.values
        let gt = try readVecs(directory + "/gt.ivecs", integers: true)
        truth = gt.values
        truthColumns = gt.columns
        queryCount = min(Int(options["queries"] ?? "") ?? query.rows, query.rows, gt.rows)
        efValues = (options["ef"] ?? "10,16,24,32,48,64,96,128").split(separator: ",").compactMap { Int($0) }
        parameters = GraphParameters(
            degree: Int(options["degree"] ?? "") ?? GraphParameters().degree,
            efConstruction: Int(options["ef-construction"] ?? "") ?? GraphParameters().efConstruction,
            threads: Int(options["threads"] ?? "") ?? 2)
        rerank = options["rerank"].flatMap { Int($0) }
        cachePath = options["index-file"]
    }

    func run(rounds: Int) throws -> [String] {
        let start = now()
        let index: VectorIndex
        if let cachePath, let file = FileManager.default.contents(atPath: cachePath) {
            let bytes = AlignedBytes(file)
            index = try VectorIndexFile.decode(
                UnsafeRawBufferPointer(bytes.buffer), owner: bytes, path: cachePath, metric: .cosine,
                count: source.count, dimension: source.dimension)
        } else {
            index = try GraphIndex.build(source, metric: .cosine, parameters: parameters)
            if let cachePath {
                _ = FileManager.default.createFile(atPath: cachePath, contents: Data(index.encodedFile()))
            }
        }
        let buildSeconds = now() - start
        let fileBytes = index.encodedFile().count
        var lines = [
            "{\"case\": \"index build\", \"threads\": \(parameters.threads), \"degree\": \(parameters.degree), "
                + "\"ef_construction\": \(parameters.efConstruction), \"build_s\": \(buildSeconds), "
                + "\"peak_rss_mb\": \(peakRSSMegabytes()), \"memory_mb\": \(Double(index.memoryBytes) / 1e6), "
                + "\"file_mb\": \(Double(fileBytes) / 1e6), \"vectors_mb\": \(Double(source.storage.count * 4) / 1e6)}"
        ]
        let dim = source.dimension
        let cases = efValues.map { ef in
            BenchCase(name: "index ef=\(ef)", count: queryCount) { q in
                try queries.withUnsafeBufferPointer { all in
                    let query = UnsafeBufferPointer(rebasing: all[(q * dim)..<((q + 1) * dim)])
                    return try index.search(
                        query, k: 10, options: SearchOptions(efSearch: ef, rerankFactor: rerank), filter: nil,
                        source: source
                    ).map(\.row)
                }
            }
        }
        for (measurement, found) in try runInterleaved(cases, rounds: rounds) {
            var m = measurement
            m.extra = [("qps", 1e3 / m.meanMs), ("recall_at_10", recallAt10(found))]
            lines.append(m.json)
        }
        return lines
    }

    private func recallAt10(_ found: [[Int]]) -> Double {
        var hits = 0
        for (q, ids) in found.enumerated() {
            let want = Set((0..<10).map { Int(truth[q * truthColumns + $0]) })
            hits += ids.prefix(10).filter(want.contains).count
        }
        return Double(hits) / Double(found.count * 10)
    }
}

/// The process's peak resident set (VmHWM), in megabytes.
func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

/// File contents in memory aligned and advised like the index's own (huge pages); the owner a
/// decoded index keeps alive.
final class AlignedBytes {
    let buffer: UnsafeMutableRawBufferPointer

    init(_ data: Data) {
        buffer = .allocate(byteCount: data.count, alignment: 2 << 20)
        _ = madvise(buffer.baseAddress, data.count / (2 << 20) * (2 << 20), MADV_HUGEPAGE)
        _ = data.copyBytes(to: buffer)
    }

    deinit { buffer.deallocate() }
}
