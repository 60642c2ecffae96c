// Vector norms, and normalisation to unit length (what a cosine index stores, and what CLIP
// features are before they are inserted).

/// Euclidean norms of contiguous float32 vectors.
public enum Norms {
    /// `√(Σ a[i]²)`.
    /// - Complexity: O(count).
    public static func l2Norm(_ a: UnsafePointer<Float>, count: Int) -> Float {
        Distance.squaredNormKernel(a, count).squareRoot()
    }

    /// Scales `a` to unit length in place and returns its former norm. A zero vector (norm 0) is
    /// left as it is.
    /// - Complexity: O(count), two passes.
    @discardableResult
    public static func normalize(_ a: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let norm = l2Norm(a, count: count)
        guard norm > 0 else { return norm }
        let scale = 1 / norm
        var i = 0
        while i &+ 16 <= count {
            // i + 16 <= count: the 16 floats lie inside the caller's buffer.
            let raw = UnsafeMutableRawPointer(a + i)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD16<Float>.self) * scale, as: SIMD16<Float>.self)
            i &+= 16
        }
        while i < count {
            a[i] *= scale
            i &+= 1
        }
        return norm
    }
}
