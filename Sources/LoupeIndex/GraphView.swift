// The hot-path view of a graph payload: raw pointers to its code rows and adjacency lists and
// the per-query arithmetic that turns a code row into an approximate distance. Both the search
// and the build walk the graph through it.

import LoupeCore
import LoupeVector

/// Read access to the code rows and adjacency lists of a graph payload.
struct GraphView: @unchecked Sendable {
    let codes: UnsafeRawPointer
    let adjacency: UnsafeRawPointer
    let rowStride: Int
    let codeLength: Int
    let storesNorms: Bool
    let listWords: Int

    /// A view of the payload at `base` laid out as `layout`; `base` must hold `layout.totalBytes`.
    init(base: UnsafeRawPointer, layout: GraphLayout) {
        // The caller checked the payload holds layout.totalBytes, so both sections lie inside it.
        self.init(
            codes: base + layout.codesOffset, adjacency: base + layout.adjacencyOffset, layout: layout,
            listWords: layout.listWords)
    }

    /// A view of the code rows at `codes` laid out as `layout` with adjacency lists of
    /// `listWords` words each at `adjacency` (a build's wider lists).
    init(codes: UnsafeRawPointer, adjacency: UnsafeRawPointer, layout: GraphLayout, listWords: Int) {
        self.codes = codes
        self.adjacency = adjacency
        rowStride = layout.rowStride
        codeLength = layout.codeLength
        storesNorms = layout.storesNorms
        self.listWords = listWords
    }

    /// The code row of `node` (node < count).
    @inline(__always)
    func row(_ node: UInt32) -> UnsafePointer<UInt8> {
        // node < count, so the row lies inside the codes section of count · rowStride bytes.
        (codes + Int(node) &* rowStride).assumingMemoryBound(to: UInt8.self)
    }

    /// The squared norm stored after the codes of `node` (0 when norms are not stored).
    @inline(__always)
    func norm(_ node: UInt32) -> Float {
        // The norm occupies bytes codeLength ..< codeLength + 4 of the row when storesNorms.
        storesNorms ? (codes + Int(node) &* rowStride).load(fromByteOffset: codeLength, as: Float.self) : 0
    }

    /// The adjacency list of `node`: word 0 is the neighbour count, words 1 ... count the ids.
    @inline(__always)
    func list(_ node: UInt32) -> UnsafeRawPointer {
        // node < count, so the list lies inside the adjacency section of count · listWords words.
        adjacency + Int(node) &* listWords &* 4
    }

    @inline(__always)
    func neighborCount(_ list: UnsafeRawPointer) -> Int { Int(list.load(as: UInt32.self)) }

    @inline(__always)
    func neighbor(_ list: UnsafeRawPointer, _ i: Int) -> UInt32 {
        list.load(fromByteOffset: 4 &+ 4 &* i, as: UInt32.self)
    }
}

/// A query made ready for a walk: integer weights (in a scratch) and the affine terms that turn
/// a weight-code dot product into the approximate distance `bias + normWeight · norm(row) −
/// slope · dot`.
struct PreparedQuery {
    let bias: Float
    let slope: Float
    let normWeight: Float

    /// Prepares `query` (already normalised for a cosine index) into `weights`. `squaredNorm` is
    /// the query's squared norm (used by L2 only).
    init(
        _ query: UnsafePointer<Float>, squaredNorm: Float, metric: Metric, quantizer: ScalarQuantizer,
        weights: UnsafeMutablePointer<Int32>
    ) {
        let terms = quantizer.prepare(query, weights: weights)
        // Cosine: 1 − q·x. IP: −q·x. L2: |q|² + |x|² − 2 q·x. With q·x = constant + unit · dot.
        switch metric {
        case .cosine:
            bias = 1 - terms.constant
            slope = terms.unit
            normWeight = 0
        case .innerProduct:
            bias = -terms.constant
            slope = terms.unit
            normWeight = 0
        case .l2:
            bias = squaredNorm - 2 * terms.constant
            slope = 2 * terms.unit
            normWeight = 1
        }
    }

    /// The approximate distance from the query to `node`.
    @inline(__always)
    func distance(_ view: GraphView, _ weights: UnsafePointer<Int32>, _ node: UInt32) -> Float {
        let dot = CodeDistance.dot(weights, view.row(node), count: view.codeLength)
        return bias + normWeight * view.norm(node) - slope * Float(dot)
    }
}
