// How a node's out-edges are chosen from a list of candidates (the relative-neighbourhood rule of
// HNSW's heuristic and Vamana's RobustPrune): take candidates nearest first, and keep one only
// if no already-kept neighbour s is closer to it than the node is, `alpha · d(s, c) > d(p, c)`.
// The rule drops edges into directions already covered, so a small degree still reaches every
// region; alpha > 1 keeps some longer edges, which shortens walks on a single-layer graph.
// Distances here are the codes' approximate ones; a kept neighbour's weights are prepared once
// and reused for every later candidate.

import LoupeCore
import LoupeVector

/// Per-thread working memory for choosing neighbours during a build.
final class NeighborSelection {
    let view: GraphView
    let quantizer: ScalarQuantizer
    let metric: Metric
    let alpha: Float
    private let codeLength: Int
    private let capacity: Int
    private let keptWeights: UnsafeMutablePointer<Int32>
    private let decoded: UnsafeMutablePointer<Float>
    private var keptQueries: [PreparedQuery] = []
    /// The chosen neighbours of the last `select`.
    private(set) var kept: [UInt32] = []
    /// Candidate keys being ranked (`CandidateKey`), reused between calls.
    var candidates: [UInt64] = []

    init(view: GraphView, quantizer: ScalarQuantizer, metric: Metric, degree: Int) {
        self.view = view
        self.quantizer = quantizer
        self.metric = metric
        // The relative rule needs non-negative distances (the build never selects by inner product).
        alpha = metric == .innerProduct ? 1 : 1.2
        codeLength = quantizer.codeLength
        capacity = degree
        keptWeights = .allocate(capacity: max(degree * codeLength, 1))
        decoded = .allocate(capacity: max(quantizer.dimension, 1))
        keptQueries.reserveCapacity(degree)
        kept.reserveCapacity(degree)
    }

    deinit {
        keptWeights.deallocate()
        decoded.deallocate()
    }

    /// Prepares `node`'s own vector (decoded from its codes) as a query into `weights`.
    func prepare(_ node: UInt32, weights: UnsafeMutablePointer<Int32>) -> PreparedQuery {
        quantizer.decode(view.row(node), into: decoded)
        return PreparedQuery(
            decoded, squaredNorm: view.norm(node), metric: metric, quantizer: quantizer, weights: weights)
    }

    /// Chooses at most `limit` (≤ degree) of `candidates` (sorted keys, nearest first) into `kept`,
    /// skipping `exclude`.
    func select(limit: Int, excluding exclude: UInt32) {
        precondition(limit <= capacity, "more neighbours asked than the selection holds")
        kept.removeAll(keepingCapacity: true)
        keptQueries.removeAll(keepingCapacity: true)
        for key in candidates {
            if kept.count == limit { break }
            let node = CandidateKey.node(key)
            if node == exclude || kept.contains(node) { continue }
            let distance = CandidateKey.distance(key)
            var diverse = true
            for (i, query) in keptQueries.enumerated() {
                // Slot i of keptWeights holds codeLength weights, inside degree · codeLength.
                let weights = UnsafePointer(keptWeights + i &* codeLength)
                if alpha * query.distance(view, weights, node) <= distance {
                    diverse = false
                    break
                }
            }
            guard diverse else { continue }
            if kept.count + 1 < limit {
                // Slot kept.count is below limit ≤ capacity; the last kept needs no weights.
                keptQueries.append(prepare(node, weights: keptWeights + kept.count &* codeLength))
            }
            kept.append(node)
        }
    }
}
