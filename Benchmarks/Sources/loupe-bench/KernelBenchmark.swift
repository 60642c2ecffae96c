// Kernel-level exact top-10 over the shared base vectors, no SQL involved: the fused scan
// `Distance.topK` as the engine calls it, beside a plain read of the same bytes (the memory floor),
// the peers' hand-written AVX-512 C scan, and the variants that justify its design: a two-pass
// evaluate-then-select, a plain Swift array (4 KiB pages) and one advised for huge pages, one heap
// array per row instead of one contiguous block, and the plain-loop oracle.

import CReferenceScan
import LoupeCore
import LoupeVector

/// Times exact top-10 scans of `base` for the first `queryCount` queries.
struct KernelBenchmark {
    let base: FloatMatrix
    let queries: FloatMatrix
    let truth: FloatMatrix
    let queryCount: Int

    func run(rounds: Int) throws -> [Measurement] {
        let n = base.rows
        let dim = base.columns
        let rows = UnsafePointer(base.base)
        func fused(_ f: DistanceFunction, _ rows: UnsafePointer<Float>) -> (Int) -> [Int] {
            { q in Distance.topK(f, query: queries.row(q), rows: rows, rowCount: n, dim: dim, k: 10).sorted().map(\.id)
            }
        }
        var ids = [Int](repeating: 0, count: 10)
        var scores = [Float](repeating: 0, count: 10)
        var cases = [
            BenchCase(name: "floor.read", count: queryCount) { _ in [Int(reference_sum_read(rows, n * dim))] },
            BenchCase(name: "c.scan_topk.dot", count: queryCount) { q in
                reference_scan_topk(rows, n, Int32(dim), queries.row(q), 10, &ids, &scores)
                return ids
            },
            BenchCase(name: "kernel.topk.dot", count: queryCount, body: fused(.dot, rows)),
            BenchCase(name: "kernel.topk.cosine", count: queryCount, body: fused(.cosine, rows)),
            BenchCase(name: "kernel.topk.l2Squared", count: queryCount, body: fused(.l2Squared, rows)),
        ]
        var distances = [Float](repeating: 0, count: n)
        cases.append(
            BenchCase(name: "kernel.evaluateMany+select.cosine", count: queryCount) { q in
                Distance.evaluateMany(
                    .cosine, query: queries.row(q), rows: rows, rowCount: n, dim: dim, into: &distances)
                var top = TopK(k: 10)
                for r in 0..<n { top.push(distances[r], r) }
                return top.sorted().map(\.id)
            })
        // The same rows as a plain Swift array (4 KiB pages unless the system makes every mapping
        // huge) and as an array allocated through `HugePages`.
        let plain = Array(UnsafeBufferPointer(start: rows, count: n * dim))
        cases.append(
            BenchCase(name: "kernel.topk.cosine.plainArray", count: queryCount) { q in
                plain.withUnsafeBufferPointer { fused(.cosine, $0.baseAddress!)(q) }
            })
        let advised = HugePages.floatArray(count: n * dim) { $0.baseAddress!.initialize(from: rows, count: n * dim) }
        cases.append(
            BenchCase(name: "kernel.topk.cosine.hugePagesArray", count: queryCount) { q in
                advised.withUnsafeBufferPointer { fused(.cosine, $0.baseAddress!)(q) }
            })
        let rowArrays = (0..<n).map { base.rowArray($0) }
        cases.append(
            BenchCase(name: "kernel.topk.cosine.arrayPerRow", count: queryCount) { q in
                var top = TopK(k: 10)
                for r in 0..<n { top.push(Distance.cosineDistance(queries.row(q), rowArrays[r], count: dim), r) }
                return top.sorted().map(\.id)
            })
        cases.append(
            BenchCase(name: "kernel.scalarReference.cosine", count: min(queryCount, 5)) { q in
                var top = TopK(k: 10)
                for r in 0..<n {
                    top.push(ScalarReference.cosineDistance(queries.row(q), rows + r * dim, count: dim), r)
                }
                return top.sorted().map(\.id)
            })
        let bytes = Double(n * dim * 4)
        return try runInterleaved(cases, rounds: rounds).map { m, found in
            var m = m
            if m.name != "floor.read" { m.extra = [("recall10", recall(found, truth))] }
            m.extra.append(("scan_GBps", bytes / (m.meanMs / 1e3) / 1e9))
            return m
        }
    }
}
