// Builds a graph index. Two sequential passes over the source (`forEachChunk`): the first trains
// the quantizer and sums the centroid, the second writes every row's codes. From then on the
// build reads only codes: the entry point is the node nearest the centroid, and the other nodes
// are inserted in a seeded random order by `parameters.threads` threads. Inserting p walks the
// graph built so far for its `efConstruction` nearest nodes, picks its neighbours among them by
// the relative-neighbourhood rule, and adds p to each neighbour's list; a list that outgrows its
// slack (1.5 × degree) is pruned back to `degree` by the same rule. A final pass prunes the lists
// still above `degree` and copies them into the payload. Threads share the lists under striped
// locks, taken one at a time. An inner-product index is built by L2 distance (its walks then
// score by inner product): a graph pruned by inner product leaves short vectors without
// in-edges, unreachable even when a filter makes them the best rows left.

import Dispatch
import Foundation
import LoupeCore
import LoupeVector

/// One build of a `GraphIndex`.
struct GraphBuilder {
    let source: VectorSource
    let metric: Metric
    let parameters: GraphParameters
    let progress: ((Double) -> Bool)?

    /// The metric the graph's edges are chosen by.
    var graphMetric: Metric { metric == .innerProduct ? .l2 : metric }

    func build() throws -> GraphIndex {
        precondition(parameters.degree >= 1 && parameters.degree <= 1024, "degree must be in 1...1024")
        precondition(parameters.efConstruction >= 1, "efConstruction must be positive")
        precondition(parameters.threads >= 1, "threads must be positive")
        precondition(source.count < Int(UInt32.max), "too many vectors for 32-bit node ids")
        let reporter = ProgressReporter(progress)
        let count = source.count
        let dimension = source.dimension
        let layout = GraphLayout(
            count: count, dimension: dimension, degree: parameters.degree, storesNorms: metric != .cosine)
        let (quantizer, centroid) = try train(reporter)
        let storage = GraphStorage(allocating: layout.totalBytes)
        // Allocated (not borrowed) just above, so the mutable base exists.
        let base = storage.mutableBase!
        for d in 0..<dimension {
            base.storeBytes(
                of: quantizer.offsets[d].bitPattern.littleEndian, toByteOffset: layout.quantizerOffset + 4 * d,
                as: UInt32.self)
            base.storeBytes(
                of: quantizer.scales[d].bitPattern.littleEndian,
                toByteOffset: layout.quantizerOffset + 4 * (dimension + d), as: UInt32.self)
        }
        try encode(into: base + layout.codesOffset, layout: layout, quantizer: quantizer, reporter)
        var entry = 0
        if count > 0 {
            entry = nearest(to: centroid, base: base, layout: layout, quantizer: quantizer)
            try link(base: base, layout: layout, quantizer: quantizer, entry: UInt32(entry), reporter)
        }
        layout.writeHeader(
            to: base, entry: entry, normalized: metric == .cosine, efConstruction: parameters.efConstruction)
        guard reporter.report(1) else { throw IndexBuildCancelled() }
        return GraphIndex(
            storage: storage, layout: layout, metric: metric, quantizer: quantizer, entry: entry,
            efConstruction: parameters.efConstruction)
    }

    /// Pass 1: the quantizer over every (for Cosine normalised) row, and the rows' mean.
    private func train(_ reporter: ProgressReporter) throws -> (ScalarQuantizer, [Float]) {
        var trainer = ScalarQuantizer.Trainer(dimension: source.dimension)
        var sum = [Double](repeating: 0, count: source.dimension)
        var rows = RowNormalizer(dimension: source.dimension, normalize: metric == .cosine)
        try source.forEachChunk { first, rowCount, vectors in
            let chunk = rows.prepare(vectors, rowCount: rowCount)
            trainer.observe(chunk, count: rowCount)
            let dimension = source.dimension
            for r in 0..<rowCount {
                for d in 0..<dimension where chunk[r * dimension + d].isFinite {
                    sum[d] += Double(chunk[r * dimension + d])
                }
            }
            guard reporter.report(0.05 * Double(first + rowCount) / Double(source.count)) else {
                throw IndexBuildCancelled()
            }
        }
        let n = Double(max(source.count, 1))
        return (trainer.finish(), sum.map { Float($0 / n) })
    }

    /// Pass 2: each row's codes (and squared norm for L2) into its code row.
    private func encode(
        into codes: UnsafeMutableRawPointer, layout: GraphLayout, quantizer: ScalarQuantizer,
        _ reporter: ProgressReporter
    ) throws {
        var rows = RowNormalizer(dimension: source.dimension, normalize: metric == .cosine)
        let dimension = source.dimension
        try source.forEachChunk { first, rowCount, vectors in
            let chunk = rows.prepare(vectors, rowCount: rowCount)
            for r in 0..<rowCount {
                // Row first + r < count: its code row lies inside the codes section.
                let row = codes + (first + r) * layout.rowStride
                let vector = chunk + r * dimension
                quantizer.encode(vector, into: row.assumingMemoryBound(to: UInt8.self))
                if layout.storesNorms {
                    row.storeBytes(
                        of: Distance.dot(vector, vector, count: dimension), toByteOffset: layout.codeLength,
                        as: Float.self)
                }
            }
            guard reporter.report(0.05 + 0.05 * Double(first + rowCount) / Double(source.count)) else {
                throw IndexBuildCancelled()
            }
        }
    }

    /// The node whose codes are nearest `point` under the metric.
    private func nearest(
        to point: [Float], base: UnsafeMutableRawPointer, layout: GraphLayout, quantizer: ScalarQuantizer
    )
        -> Int
    {
        let view = GraphView(base: base, layout: layout)
        let weights = UnsafeMutablePointer<Int32>.allocate(capacity: max(layout.codeLength, 1))
        defer { weights.deallocate() }
        let query = point.withUnsafeBufferPointer { p in
            // `point` holds dimension > 0 floats (a VectorSource has positive dimension).
            PreparedQuery(
                p.baseAddress!, squaredNorm: Distance.dot(p.baseAddress!, p.baseAddress!, count: p.count),
                metric: graphMetric, quantizer: quantizer, weights: weights)
        }
        var best = 0
        var bestDistance = Float.infinity
        for node in 0..<layout.count {
            let d = query.distance(view, weights, UInt32(node))
            if d < bestDistance {
                best = node
                bestDistance = d
            }
        }
        return best
    }

    /// Inserts every node but `entry` into the graph, then writes the final lists.
    private func link(
        base: UnsafeMutableRawPointer, layout: GraphLayout, quantizer: ScalarQuantizer, entry: UInt32,
        _ reporter: ProgressReporter
    ) throws {
        let degree = layout.degree
        let slack = degree + degree / 2
        let lists = BuildLists(count: layout.count, capacity: slack)
        let view = GraphView(
            codes: base + layout.codesOffset, adjacency: lists.base, layout: layout, listWords: slack + 1)
        let locks = NodeLocks()
        let order = Self.insertionOrder(count: layout.count, excluding: entry)
        let queue = WorkQueue(total: order.count)
        let threads = min(parameters.threads, max(1, order.count / 64))
        let efConstruction = max(parameters.efConstruction, degree)
        let metric = graphMetric
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let scratch = SearchScratch(
                nodeCount: layout.count, codeLength: layout.codeLength, dimension: layout.dimension, degree: slack)
            let selection = NeighborSelection(view: view, quantizer: quantizer, metric: metric, degree: degree)
            let inserter = Inserter(
                view: view, lists: lists, locks: locks, scratch: scratch, selection: selection, degree: degree,
                slack: slack)
            while let range = queue.next(), !reporter.cancelled {
                for i in range { inserter.insert(order[i], entry: entry, ef: efConstruction) }
                _ = reporter.report(0.1 + 0.85 * queue.fractionDone(finishing: range.count))
            }
        }
        guard !reporter.cancelled else { throw IndexBuildCancelled() }
        let finalView = GraphView(base: base, layout: layout)
        let finalQueue = WorkQueue(total: layout.count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let selection = NeighborSelection(view: view, quantizer: quantizer, metric: metric, degree: degree)
            let weights = UnsafeMutablePointer<Int32>.allocate(capacity: max(layout.codeLength, 1))
            defer { weights.deallocate() }
            while let range = finalQueue.next() {
                for node in range {
                    let id = UInt32(node)
                    Inserter.prune(id, in: view, lists: lists, selection: selection, weights: weights, limit: degree)
                    let source = view.list(id)
                    // Both lists have room for `degree` ids after their count word; count ≤ degree now.
                    let target = UnsafeMutableRawPointer(mutating: finalView.list(id))
                    target.copyMemory(from: source, byteCount: 4 * (1 + view.neighborCount(source)))
                }
                _ = reporter.report(0.95 + 0.05 * finalQueue.fractionDone(finishing: range.count))
            }
        }
        guard !reporter.cancelled else { throw IndexBuildCancelled() }
    }

    /// 0 ..< count without `entry`, shuffled with a fixed seed (rows often arrive sorted, and
    /// inserting neighbours in a row builds poor long-range edges).
    static func insertionOrder(count: Int, excluding entry: UInt32) -> [UInt32] {
        var order = (0..<UInt32(count)).filter { $0 != entry }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            order.swapAt(i, Int(z % UInt64(i + 1)))
        }
        return order
    }
}

/// Rows of a chunk as the index sees them: as they are, or scaled to unit length for Cosine.
private struct RowNormalizer {
    let dimension: Int
    let normalize: Bool
    private var buffer: [Float] = []

    init(dimension: Int, normalize: Bool) {
        self.dimension = dimension
        self.normalize = normalize
    }

    /// `rowCount` rows at `vectors`, normalised into a buffer when needed; valid until the next call.
    mutating func prepare(_ vectors: UnsafePointer<Float>, rowCount: Int) -> UnsafePointer<Float> {
        guard normalize else { return vectors }
        let n = rowCount * dimension
        if buffer.count < n { buffer = [Float](repeating: 0, count: n) }
        return buffer.withUnsafeMutableBufferPointer { out in
            // `buffer` holds at least rowCount · dimension floats; rows are normalised one by one.
            let p = out.baseAddress!
            p.update(from: vectors, count: n)
            for r in 0..<rowCount { Norms.normalize(p + r * dimension, count: dimension) }
            return UnsafePointer(p)
        }
    }
}

/// Hands out consecutive ranges of work to threads and counts what is done.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var nextStart = 0
    private var done = 0

    init(total: Int) {
        self.total = total
    }

    func next(batch: Int = 32) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard nextStart < total else { return nil }
        let range = nextStart..<min(total, nextStart + batch)
        nextStart = range.upperBound
        return range
    }

    /// Records `finished` more items done; returns the fraction done.
    func fractionDone(finishing finished: Int) -> Double {
        lock.lock()
        defer { lock.unlock() }
        done += finished
        return Double(done) / Double(max(total, 1))
    }
}

/// Serialises calls to a build's progress callback and remembers a cancellation.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let callback: ((Double) -> Bool)?
    private var lastReported = -1.0
    private var stopped = false

    init(_ callback: ((Double) -> Bool)?) {
        self.callback = callback
    }

    var cancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Passes `fraction` on (at most once per percent, and always 1); false once cancelled.
    func report(_ fraction: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return false }
        guard let callback, fraction >= 1 || fraction - lastReported >= 0.01 else { return true }
        lastReported = fraction
        if !callback(min(fraction, 1)) { stopped = true }
        return !stopped
    }
}
