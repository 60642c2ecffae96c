// The exact distance functions that SQL can call, as one enum the kernels switch on. The SQL names
// are ClickHouse's: `cosineDistance`, `L2Distance`, `L2SquaredDistance`, `dotProduct`; MyScale's
// `distance()` picks one of them from the column's metric.

import LoupeCore

/// A way to compare two vectors of the same length.
public enum DistanceFunction: Sendable, Hashable, CaseIterable {
    /// `1 - cos(a, b)` (`cosineDistance`); NaN when either vector is all zeros, as in ClickHouse.
    case cosine
    /// Euclidean distance (`L2Distance`).
    case l2
    /// Squared Euclidean distance (`L2SquaredDistance`; MyScale's `L2` metric).
    case l2Squared
    /// Inner product (`dotProduct`; MyScale's `IP` metric). Larger means closer.
    case dot

    /// The function `distance(column, query)` evaluates for a column indexed with `metric`.
    public init(_ metric: Metric) {
        switch metric {
        case .cosine: self = .cosine
        case .l2: self = .l2Squared
        case .innerProduct: self = .dot
        }
    }

    /// True when a larger value means a closer vector, so nearest-first order is descending.
    public var largerIsBetter: Bool { self == .dot }
}
