// Exact vector distances: cosineDistance (1 − cos), L2Distance, L2SquaredDistance, dotProduct, and
// a plain `distance` (cosine, when the binder has not resolved it to an index's metric). The hot
// path of vector search is a Float32 column against a constant query: every row's length is
// checked against the query's, then the batch's rows — contiguous once all have the query's
// length — go through one `Distance.evaluateMany` call. Column against column runs row by row.
// Float64 arrays are computed in Double.

import LoupeCore
import LoupeVector

/// Distance functions over arrays.
enum DistanceFunctions {
    static let entries: [String: FunctionEntry] = [
        "distance": FunctionEntry { try distance($0, .cosine) },
        "cosineDistance": FunctionEntry { try distance($0, .cosine) },
        "L2Distance": FunctionEntry { try distance($0, .l2) },
        "L2SquaredDistance": FunctionEntry { try distance($0, .l2Squared) },
        "dotProduct": FunctionEntry { try distance($0, .dot) },
    ]

    /// `f(a, b)` per row.
    private static func distance(_ call: FunctionCall, _ f: DistanceFunction) throws -> Column {
        try call.expectArguments(2)
        let a = ArrayArgument(call.arguments[0])
        let b = ArrayArgument(call.arguments[1])
        let isFloat32 = a.elements.type.nonNullable == .float32 && b.elements.type.nonNullable == .float32
        if isFloat32, case .float32(let x) = a.elements.data, case .float32(let y) = b.elements.data {
            let out: [Float]
            if a.isConstant != b.isConstant {
                let (column, flat, constant, constantFlat) = a.isConstant ? (b, y, a, x) : (a, x, b, y)
                out = try againstQuery(column, flat, Array(constantFlat[constant.range(0)]), f, call)
            } else {
                out = try rowByRow(a, x, b, y, f, call)
            }
            return NumericKernels.column(float: out, type: call.resultType, nulls: nil)
        }
        let x = a.elements.doubleValues()
        let y = b.elements.doubleValues()
        var out = [Double](repeating: 0, count: call.count)
        for i in 0..<call.count where !call.isNull(i) {
            let (ra, rb) = (a.range(i), b.range(i))
            try checkLengths(ra.count, rb.count, row: i, call)
            out[i] = Self.double(f, x[ra], y[rb])
        }
        return NumericKernels.column(double: out, type: call.resultType, nulls: nil)
    }

    /// A Float32 column of vectors (elements `flat`) against one query vector.
    private static func againstQuery(
        _ column: ArrayArgument, _ flat: [Float], _ query: [Float], _ f: DistanceFunction, _ call: FunctionCall
    ) throws -> [Float] {
        let n = call.count
        let dim = query.count
        var regular = true
        for i in 0..<n where column.range(i).count != dim {
            if call.isNull(i) {
                regular = false
            } else {
                throw dimensionMismatch(row: i, length: column.range(i).count, expected: dim, call)
            }
        }
        if dim == 0 { return [Float](repeating: empty(f), count: n) }
        var out = [Float](repeating: 0, count: n)
        guard n > 0 else { return out }
        flat.withUnsafeBufferPointer { rows in
            query.withUnsafeBufferPointer { q in
                out.withUnsafeMutableBufferPointer { o in
                    guard let qp = q.baseAddress, let base = rows.baseAddress, let op = o.baseAddress else { return }
                    if regular {
                        // Safe: every row has `dim` elements, so rows 0..<n are contiguous from the first
                        // row's offset and end within `flat`.
                        Distance.evaluateMany(
                            f, query: qp, rows: base + column.range(0).lowerBound, rowCount: n, dim: dim, into: op)
                    } else {
                        for i in 0..<n where !call.isNull(i) {
                            // Safe: row i has `dim` elements inside `flat` (checked above).
                            o[i] = Distance.evaluate(f, qp, base + column.range(i).lowerBound, count: dim)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Two Float32 array arguments, row by row.
    private static func rowByRow(
        _ a: ArrayArgument, _ x: [Float], _ b: ArrayArgument, _ y: [Float], _ f: DistanceFunction, _ call: FunctionCall
    ) throws -> [Float] {
        var out = [Float](repeating: 0, count: call.count)
        for i in 0..<call.count where !call.isNull(i) {
            try checkLengths(a.range(i).count, b.range(i).count, row: i, call)
        }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                guard let xp = px.baseAddress, let yp = py.baseAddress else {
                    // No elements at all: every vector is empty.
                    for i in 0..<call.count { out[i] = Self.empty(f) }
                    return
                }
                for i in 0..<call.count where !call.isNull(i) {
                    let (ra, rb) = (a.range(i), b.range(i))
                    // Safe: both rows have the same length and lie within their element buffers.
                    out[i] = Distance.evaluate(f, xp + ra.lowerBound, yp + rb.lowerBound, count: ra.count)
                }
            }
        }
        return out
    }

    /// The distance between two empty vectors.
    private static func empty(_ f: DistanceFunction) -> Float {
        f == .cosine ? .nan : 0
    }

    /// `f` over two Float64 vectors of equal length.
    static func double(_ f: DistanceFunction, _ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        var l2 = 0.0
        for (u, v) in zip(a, b) {
            dot += u * v
            na += u * u
            nb += v * v
            l2 += (u - v) * (u - v)
        }
        switch f {
        case .cosine: return 1 - dot / (na.squareRoot() * nb.squareRoot())
        case .l2: return l2.squareRoot()
        case .l2Squared: return l2
        case .dot: return dot
        }
    }

    private static func checkLengths(_ la: Int, _ lb: Int, row: Int, _ call: FunctionCall) throws {
        if la != lb { throw dimensionMismatch(row: row, length: la, expected: lb, call) }
    }

    private static func dimensionMismatch(row: Int, length: Int, expected: Int, _ call: FunctionCall) -> LoupeError {
        call.error(
            .type, "dimension mismatch in \(call.name): row \(row + 1) has length \(length), expected \(expected)",
            row: row + 1)
    }
}
