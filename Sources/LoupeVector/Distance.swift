// Exact distances between float32 vectors: one pair at a time, or one query against many
// row-contiguous vectors (the layout a Float32-array column and a part's vector file use: row r
// at rows + r·dim). These are the kernels behind the SQL distance functions and the exact scan;
// `ScalarReference` holds the plain-loop versions the tests compare them with.

/// SIMD distance kernels over contiguous float32 vectors.
///
/// Every function reads exactly `count` (or `rowCount · dim`) floats from each pointer; the pair
/// and many-row kernels never allocate. Results are float32, accumulated in float32 lanes.
public enum Distance {
    /// `f(a, b)` for two vectors of `count` floats.
    /// - Complexity: O(count).
    public static func evaluate(
        _ f: DistanceFunction, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int
    ) -> Float {
        switch f {
        case .cosine: return cosineDistance(a, b, count: count)
        case .l2: return l2Squared(a, b, count: count).squareRoot()
        case .l2Squared: return l2Squared(a, b, count: count)
        case .dot: return dot(a, b, count: count)
        }
    }

    /// The inner product `Σ a[i]·b[i]`.
    /// - Complexity: O(count).
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        dotKernel(a, b, count)
    }

    /// The squared Euclidean distance `Σ (a[i] - b[i])²`.
    /// - Complexity: O(count).
    public static func l2Squared(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        l2SquaredKernel(a, b, count)
    }

    /// `1 - cos(a, b)`, in [0, 2] up to rounding. NaN when either vector is all zeros, which is
    /// what ClickHouse's `cosineDistance` returns (see docs/decisions/0200).
    /// - Complexity: O(count), one pass over both vectors.
    public static func cosineDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let parts = dotAndSquaredNormKernel(a, b, count)
        return cosineFromParts(
            dot: parts.dot, squaredNormA: squaredNormKernel(a, count), squaredNormB: parts.squaredNorm)
    }

    /// Writes `f(query, row r)` to `out[r]` for each of `rowCount` vectors of `dim` floats stored
    /// one after another at `rows`. For cosine the query's norm is computed once.
    /// - Complexity: O(rowCount · dim); one sequential pass over `rows`.
    public static func evaluateMany(
        _ f: DistanceFunction, query: UnsafePointer<Float>, rows: UnsafePointer<Float>, rowCount: Int, dim: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        precondition(rowCount >= 0 && dim >= 0, "negative row count or dimension")
        switch f {
        case .cosine:
            let queryNorm = squaredNormKernel(query, dim)
            for r in 0..<rowCount {
                // Row r occupies rows[r·dim ..< (r+1)·dim], inside the caller's rowCount·dim floats.
                let parts = dotAndSquaredNormKernel(query, rows + r &* dim, dim)
                out[r] = cosineFromParts(dot: parts.dot, squaredNormA: queryNorm, squaredNormB: parts.squaredNorm)
            }
        case .l2:
            for r in 0..<rowCount { out[r] = l2SquaredKernel(query, rows + r &* dim, dim).squareRoot() }
        case .l2Squared:
            for r in 0..<rowCount { out[r] = l2SquaredKernel(query, rows + r &* dim, dim) }
        case .dot:
            for r in 0..<rowCount { out[r] = dotKernel(query, rows + r &* dim, dim) }
        }
    }
}
