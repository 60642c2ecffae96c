// How `loupe-bench` times things, the same way the peer scripts do (vecbench's `one_at_a_time`):
// a few warm-up calls, then several passes over the query list, keeping the fastest pass; the
// mean is that pass's wall time divided by its query count.

#if canImport(Glibc)
    import Glibc
#endif

/// The timing of one benchmark case, printed as one JSON object.
struct Measurement {
    var name: String
    var meanMs: Double
    var p50Ms: Double
    var queries: Int
    /// Extra figures (recall, rows, GB/s, …) printed beside the timing.
    var extra: [(String, Double)] = []

    /// The case as a JSON object on one line.
    var json: String {
        var fields = [
            "\"case\": \"\(name)\"", "\"mean_ms\": \(rounded(meanMs))", "\"p50_ms\": \(rounded(p50Ms))",
            "\"queries\": \(queries)",
        ]
        fields += extra.map { "\"\($0.0)\": \(rounded($0.1))" }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func rounded(_ x: Double) -> String { String(Double((x * 10000).rounded()) / 10000) }
}

/// Seconds on the monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// One thing to time: `body(i)` answers query i of `count` and returns the ids it found.
struct BenchCase {
    var name: String
    var count: Int
    var body: (Int) throws -> [Int]
}

/// Times `cases` in `rounds` rounds; each round makes one pass over every case in turn, so cases
/// see the same background load and their ratio stays meaningful on a noisy machine. Each case
/// keeps its fastest pass (and the ids that pass found).
func runInterleaved(_ cases: [BenchCase], rounds: Int = 3, warm: Int = 3) throws -> [(Measurement, [[Int]])] {
    var best = [(total: Double, latencies: [Double], results: [[Int]])?](repeating: nil, count: cases.count)
    for c in cases {
        for i in 0..<min(warm, c.count) { _ = try c.body(i) }
    }
    for _ in 0..<rounds {
        for (index, c) in cases.enumerated() {
            var latencies = [Double]()
            var results = [[Int]]()
            latencies.reserveCapacity(c.count)
            results.reserveCapacity(c.count)
            let start = now()
            for i in 0..<c.count {
                let t = now()
                results.append(try c.body(i))
                latencies.append(now() - t)
            }
            let total = now() - start
            if best[index] == nil || total < best[index]!.total { best[index] = (total, latencies, results) }
        }
    }
    return zip(cases, best).map { c, b in
        let sorted = b!.latencies.sorted()
        let m = Measurement(
            name: c.name, meanMs: b!.total / Double(c.count) * 1e3, p50Ms: sorted[sorted.count / 2] * 1e3,
            queries: c.count)
        return (m, b!.results)
    }
}

/// The fraction of `truth`'s ids (per query, first `k`) that `found` contains.
func recall(_ found: [[Int]], _ truth: FloatMatrix, k: Int = 10) -> Double {
    var hits = 0
    for (q, ids) in found.enumerated() {
        let want = Set((0..<k).map { Int(truth.row(q)[$0]) })
        hits += ids.prefix(k).filter(want.contains).count
    }
    return Double(hits) / Double(found.count * k)
}
