// What a search returns and the knobs a query may turn.

import LoupeCore

/// A row and its exact distance to the query under the index's metric (Cosine: 1 − cos, L2:
/// squared Euclidean, IP: inner product).
public struct Neighbor: Hashable, Sendable {
    public var row: Int
    public var distance: Float

    public init(row: Int, distance: Float) {
        self.row = row
        self.distance = distance
    }
}

/// Per-query search settings.
public struct SearchOptions: Hashable, Sendable {
    /// Candidate list size of the graph walk (at least k is used); nil picks the index's default.
    public var efSearch: Int?
    /// How many of the best candidates are re-ranked with exact float32 distances, as a multiple
    /// of k; nil picks the index's default.
    public var rerankFactor: Int?

    public init(efSearch: Int? = nil, rerankFactor: Int? = nil) {
        self.efSearch = efSearch
        self.rerankFactor = rerankFactor
    }
}

extension Metric {
    /// Whether distance `a` ranks before `b` (closer first; NaN last).
    @inline(__always)
    public func ranksBefore(_ a: Float, _ b: Float) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return largerIsCloser ? a > b : a < b
    }
}
