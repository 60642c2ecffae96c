// Per-dimension affine 8-bit quantization: dimension d of a vector is stored as a code
// u = round((x − offset[d]) / scale[d]) in 0 ... 255, so x ≈ offset[d] + scale[d]·u. The offsets
// and scales come from the minimum and maximum of each dimension over the vectors the quantizer
// is trained on. A query is not quantized to 8 bits: q·x̂ = Σ q[d]·offset[d] + Σ (q[d]·scale[d])·u[d],
// and the second sum is taken with the weights q[d]·scale[d] rounded to 15-bit integers, so the
// only coarse approximation is the codes' own. Code rows are padded with zeros to a multiple of
// `CodeDistance.blockLength`.

/// A trained per-dimension 8-bit quantizer.
public struct ScalarQuantizer: Sendable, Equatable {
    /// Floats per vector.
    public let dimension: Int
    /// Value of code 0, per dimension.
    public let offsets: [Float]
    /// Step between consecutive codes, per dimension (0 for a constant dimension).
    public let scales: [Float]

    /// Bytes of one code row: `dimension` rounded up to a multiple of `CodeDistance.blockLength`.
    public var codeLength: Int { Self.codeLength(dimension) }

    /// Bytes of a code row for vectors of `dimension` floats.
    public static func codeLength(_ dimension: Int) -> Int {
        (dimension + CodeDistance.blockLength - 1) / CodeDistance.blockLength * CodeDistance.blockLength
    }

    /// A quantizer with the given per-dimension parameters (`offsets.count == scales.count`).
    public init(offsets: [Float], scales: [Float]) {
        precondition(offsets.count == scales.count, "offsets and scales differ in length")
        dimension = offsets.count
        self.offsets = offsets
        self.scales = scales
    }

    /// A quantizer spanning each dimension's range from `minimum` to `maximum`.
    public init(minimum: [Float], maximum: [Float]) {
        precondition(minimum.count == maximum.count, "minimum and maximum differ in length")
        var scales = [Float](repeating: 0, count: minimum.count)
        for d in 0..<minimum.count where maximum[d] > minimum[d] {
            scales[d] = (maximum[d] - minimum[d]) / 255
        }
        self.init(offsets: minimum.map { $0.isFinite ? $0 : 0 }, scales: scales.map { $0.isFinite ? $0 : 0 })
    }

    /// Writes the `codeLength` code bytes of `vector` (`dimension` floats) to `codes`, in the
    /// interleaved order `CodeDistance` reads (element d at `CodeDistance.codePosition(d)`).
    /// - Complexity: O(codeLength).
    public func encode(_ vector: UnsafePointer<Float>, into codes: UnsafeMutablePointer<UInt8>) {
        codes.update(repeating: 0, count: codeLength)
        offsets.withUnsafeBufferPointer { o in
            scales.withUnsafeBufferPointer { s in
                for d in 0..<dimension {
                    let step = s[d]
                    let u = step > 0 ? ((vector[d] - o[d]) / step).rounded(.toNearestOrEven) : 0
                    // NaN compares false both ways and lands on 0.
                    codes[CodeDistance.codePosition(d)] = u >= 255 ? 255 : (u > 0 ? UInt8(u) : 0)
                }
            }
        }
    }

    /// Writes the `dimension` floats that `codes` stand for to `vector`.
    /// - Complexity: O(dimension).
    public func decode(_ codes: UnsafePointer<UInt8>, into vector: UnsafeMutablePointer<Float>) {
        offsets.withUnsafeBufferPointer { o in
            scales.withUnsafeBufferPointer { s in
                for d in 0..<dimension { vector[d] = o[d] + s[d] * Float(codes[CodeDistance.codePosition(d)]) }
            }
        }
    }

    /// Largest weight magnitude `prepare` uses: 15 bits, less when code rows are so long that the
    /// kernel's 32-bit sum could overflow.
    public var weightBound: Int32 {
        Int32(min(32767, Int(Int32.max) / (255 * max(codeLength, 1))))
    }

    /// Prepares `query` (`dimension` floats) for `approximateDot`: writes `codeLength` weights to
    /// `weights` and returns the terms that turn their integer dot product with a code row into
    /// `query · decoded(row)`. A query with a non-finite value gets zero weights and a NaN constant.
    /// - Complexity: O(codeLength).
    public func prepare(_ query: UnsafePointer<Float>, weights: UnsafeMutablePointer<Int32>) -> QueryTerms {
        weights.update(repeating: 0, count: codeLength)
        guard dimension > 0 else { return QueryTerms(constant: 0, unit: 0) }
        return offsets.withUnsafeBufferPointer { o in
            scales.withUnsafeBufferPointer { s in
                // Both arrays hold `dimension` > 0 floats (so have addresses), as does the query.
                let (constant, largest) = Self.constantAndLargest(query, o.baseAddress!, s.baseAddress!, dimension)
                guard constant.isFinite && largest.isFinite else { return QueryTerms(constant: .nan, unit: 0) }
                let bound = Float(weightBound)
                let unit = largest > 0 ? largest / bound : 0
                let inverse = unit > 0 ? 1 / unit : 0
                Self.writeWeights(query, s.baseAddress!, scale: inverse, bound: bound, dimension, into: weights)
                return QueryTerms(constant: constant, unit: unit)
            }
        }
    }

    /// `weights[d] = round(q[d] · s[d] · scale)`, clamped to ±bound (< 2²²), for d < n. Rounding
    /// adds 1.5·2²³, which leaves the integer in the low mantissa bits (ties to even): no
    /// conversion with a trap check, so sixteen lanes go at a time.
    @inline(__always)
    private static func writeWeights(
        _ q: UnsafePointer<Float>, _ s: UnsafePointer<Float>, scale: Float, bound: Float, _ n: Int,
        into weights: UnsafeMutablePointer<Int32>
    ) {
        let magic: Float = 12_582_912
        let magicBits = Int32(bitPattern: magic.bitPattern)
        let low = SIMD16<Float>(repeating: -bound)
        let high = SIMD16<Float>(repeating: bound)
        var d = 0
        while d &+ 16 <= n {
            // d + 16 <= n: sixteen floats of q and s, and sixteen weights, lie inside the buffers.
            let x = UnsafeRawPointer(q + d).loadUnaligned(as: SIMD16<Float>.self)
            // `replacing(with:where:)` compiles to blends; the standard `clamped` and
            // `pointwiseMax` go lane by lane.
            var w = x * UnsafeRawPointer(s + d).loadUnaligned(as: SIMD16<Float>.self) * scale
            w.replace(with: low, where: w .< low)
            w.replace(with: high, where: w .> high)
            let bits = unsafeBitCast(w + magic, to: SIMD16<Int32>.self) &- magicBits
            UnsafeMutableRawPointer(weights + d).storeBytes(of: bits, as: SIMD16<Int32>.self)
            d &+= 16
        }
        while d < n {
            let w = min(max(q[d] * s[d] * scale, -bound), bound)
            weights[d] = Int32(bitPattern: (w + magic).bitPattern) &- magicBits
            d &+= 1
        }
    }

    /// `(Σ q[d]·o[d], max |q[d]·s[d]|)` over `n` elements, sixteen lanes at a time.
    @inline(__always)
    private static func constantAndLargest(
        _ q: UnsafePointer<Float>, _ o: UnsafePointer<Float>, _ s: UnsafePointer<Float>, _ n: Int
    ) -> (Float, Float) {
        var sum = SIMD16<Float>()
        var top = SIMD16<Float>()
        var d = 0
        while d &+ 16 <= n {
            // d + 16 <= n: sixteen floats of each buffer lie inside it.
            let x = UnsafeRawPointer(q + d).loadUnaligned(as: SIMD16<Float>.self)
            sum.addProduct(x, UnsafeRawPointer(o + d).loadUnaligned(as: SIMD16<Float>.self))
            let w = x * UnsafeRawPointer(s + d).loadUnaligned(as: SIMD16<Float>.self)
            // A NaN lane propagates through the sum below, which the caller checks.
            sum += w - w
            let magnitude = w.replacing(with: -w, where: w .< 0)
            top.replace(with: magnitude, where: magnitude .> top)
            d &+= 16
        }
        var constant = sum.pairwiseSum
        var largest = top.max()
        while d < n {
            let w = q[d] * s[d]
            constant += q[d] * o[d] + (w - w)
            largest = max(largest, abs(w))
            d &+= 1
        }
        return (constant, largest)
    }

    /// `query · decoded(codes)` for a query prepared into `weights` and `terms`.
    @inline(__always)
    public func approximateDot(_ terms: QueryTerms, _ weights: UnsafePointer<Int32>, _ codes: UnsafePointer<UInt8>)
        -> Float
    {
        terms.constant + terms.unit * Float(CodeDistance.dot(weights, codes, count: codeLength))
    }

    /// What turns an integer weight-code dot product into a float one: `constant + unit · dot`.
    public struct QueryTerms: Sendable, Equatable {
        /// `Σ query[d] · offset[d]`.
        public var constant: Float
        /// The value of one weight step.
        public var unit: Float

        public init(constant: Float, unit: Float) {
            self.constant = constant
            self.unit = unit
        }
    }
}

extension ScalarQuantizer {
    /// Accumulates each dimension's minimum and maximum over the vectors it is shown.
    public struct Trainer: Sendable {
        public let dimension: Int
        private var minimum: [Float]
        private var maximum: [Float]

        public init(dimension: Int) {
            self.dimension = dimension
            minimum = [Float](repeating: .infinity, count: dimension)
            maximum = [Float](repeating: -.infinity, count: dimension)
        }

        /// Takes `count` vectors stored one after another at `rows`. Non-finite values are ignored.
        /// - Complexity: O(count · dimension).
        public mutating func observe(_ rows: UnsafePointer<Float>, count: Int) {
            minimum.withUnsafeMutableBufferPointer { lo in
                maximum.withUnsafeMutableBufferPointer { hi in
                    for r in 0..<count {
                        // Row r occupies rows[r·dimension ..< (r+1)·dimension], inside the caller's buffer.
                        let row = rows + r &* dimension
                        for d in 0..<dimension where row[d].isFinite {
                            lo[d] = min(lo[d], row[d])
                            hi[d] = max(hi[d], row[d])
                        }
                    }
                }
            }
        }

        /// The quantizer spanning what was observed (dimensions never observed get range 0).
        public func finish() -> ScalarQuantizer {
            let lo = minimum.map { $0.isFinite ? $0 : 0 }
            let hi = zip(maximum, lo).map { $0.isFinite ? $0 : $1 }
            return ScalarQuantizer(minimum: lo, maximum: hi)
        }
    }
}
