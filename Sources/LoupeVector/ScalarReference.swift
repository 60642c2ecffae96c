// Plain-loop versions of every `Distance` and `Norms` function: the oracle the SIMD kernels are
// tested against. They accumulate in Double, so they are also the more accurate answer; nothing
// on a hot path calls them.

/// Obvious, one-element-at-a-time distance and norm functions.
public enum ScalarReference {
    /// `f(a, b)`; see `Distance.evaluate`.
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

    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = 0.0
        for i in 0..<count { sum += Double(a[i]) * Double(b[i]) }
        return Float(sum)
    }

    public static func l2Squared(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = 0.0
        for i in 0..<count {
            let d = Double(a[i]) - Double(b[i])
            sum += d * d
        }
        return Float(sum)
    }

    /// `1 - dot / (|a|·|b|)`; NaN when either norm is 0, as `Distance.cosineDistance`.
    public static func cosineDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var ab = 0.0
        var aa = 0.0
        var bb = 0.0
        for i in 0..<count {
            ab += Double(a[i]) * Double(b[i])
            aa += Double(a[i]) * Double(a[i])
            bb += Double(b[i]) * Double(b[i])
        }
        return Float(1 - ab / (aa.squareRoot() * bb.squareRoot()))
    }

    /// `f(query, row r)` into `out[r]` for each row; see `Distance.evaluateMany`.
    public static func evaluateMany(
        _ f: DistanceFunction, query: UnsafePointer<Float>, rows: UnsafePointer<Float>, rowCount: Int, dim: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rowCount { out[r] = evaluate(f, query, rows + r * dim, count: dim) }
    }

    public static func l2Norm(_ a: UnsafePointer<Float>, count: Int) -> Float {
        var sum = 0.0
        for i in 0..<count { sum += Double(a[i]) * Double(a[i]) }
        return Float(sum.squareRoot())
    }

    /// Scales `a` to unit length in place and returns its former norm; a zero vector stays zero.
    @discardableResult
    public static func normalize(_ a: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let norm = Double(l2Norm(a, count: count))
        guard norm > 0 else { return 0 }
        for i in 0..<count { a[i] = Float(Double(a[i]) / norm) }
        return Float(norm)
    }
}
