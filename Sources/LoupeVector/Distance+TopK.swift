// The exact top-k scan behind `ORDER BY distance(v, query) LIMIT k` when no index answers: one
// sequential pass over row-contiguous vectors that computes each distance in registers and only
// touches the `TopK` heap when the distance beats its threshold, so after the first few hundred
// rows nearly every row costs one kernel call and one comparison.

extension Distance {
    /// The `k` rows nearest to `query` under `f` among `rowCount` vectors of `dim` floats stored
    /// one after another at `rows`; ids are row numbers (0 ..< rowCount). Rows for which `filter`
    /// returns false are skipped without reading their vector. Scores are what `evaluate` returns.
    /// - Complexity: O(rowCount · dim) reading each row once, plus O(log k) per row that enters.
    public static func topK(
        _ f: DistanceFunction, query: UnsafePointer<Float>, rows: UnsafePointer<Float>, rowCount: Int, dim: Int,
        k: Int, filter: ((Int) -> Bool)? = nil
    ) -> TopK {
        precondition(rowCount >= 0 && dim >= 0, "negative row count or dimension")
        var top = TopK(k: k, largerIsBetter: f.largerIsBetter)
        guard k > 0 else { return top }
        switch f {
        case .cosine:
            let queryNorm = squaredNormKernel(query, dim)
            scan(into: &top, rows: rows, rowCount: rowCount, dim: dim, filter: filter) { row in
                let parts = dotAndSquaredNormKernel(query, row, dim)
                return cosineFromParts(dot: parts.dot, squaredNormA: queryNorm, squaredNormB: parts.squaredNorm)
            }
        case .l2:
            scan(into: &top, rows: rows, rowCount: rowCount, dim: dim, filter: filter) { row in
                l2SquaredKernel(query, row, dim).squareRoot()
            }
        case .l2Squared:
            scan(into: &top, rows: rows, rowCount: rowCount, dim: dim, filter: filter) { row in
                l2SquaredKernel(query, row, dim)
            }
        case .dot:
            scan(into: &top, rows: rows, rowCount: rowCount, dim: dim, filter: filter) { row in
                dotKernel(query, row, dim)
            }
        }
        return top
    }

    /// Pushes `(distance(row r), r)` into `top` for every row that passes `filter` and can enter.
    @inline(__always)
    private static func scan(
        into top: inout TopK, rows: UnsafePointer<Float>, rowCount: Int, dim: Int, filter: ((Int) -> Bool)?,
        distance: (UnsafePointer<Float>) -> Float
    ) {
        let largerIsBetter = top.largerIsBetter
        var threshold = top.threshold
        for r in 0..<rowCount {
            if let filter, !filter(r) { continue }
            // Row r occupies rows[r·dim ..< (r+1)·dim], inside the caller's rowCount·dim floats.
            let d = distance(rows + r &* dim)
            // Negated tests let NaN through to `push`, which ranks it after every number.
            if largerIsBetter ? !(d < threshold) : !(d > threshold) {
                top.push(d, r)
                threshold = top.threshold
            }
        }
    }
}
