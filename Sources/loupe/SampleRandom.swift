// The seeded generator behind `loupe sample`: xoshiro256** with its state filled by SplitMix64, as
// its authors recommend. Swift's own generators are not seedable and `Int.random(in:using:)` may
// change between releases, so every draw the samples make (integers below a bound, uniform and
// Gaussian doubles, weighted choices) is written here and gives the same values everywhere.

struct SampleRandom: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareGaussian: Double?

    /// A generator for one independent `stream` of a sample made with `seed`.
    init(seed: UInt64, stream: UInt64) {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        s0 = SampleRandom.splitMix(&state)
        s1 = SampleRandom.splitMix(&state)
        s2 = SampleRandom.splitMix(&state)
        s3 = SampleRandom.splitMix(&state)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value mixed from `seed` and `key` alone, for things derived from an index (user ids).
    static func hash(_ seed: UInt64, _ key: UInt64) -> UInt64 {
        var state = seed ^ (key &* 0x9E37_79B9_7F4A_7C15)
        _ = splitMix(&state)
        return splitMix(&state)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in 0..<n (n > 0), by Lemire's multiply-shift (its tiny bias does not matter here).
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in range.
    mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Standard normal, by the Box–Muller transform (two values per pair of draws).
    mutating func gaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        let u1 = 1 - unit()  // in (0, 1]
        let u2 = unit()
        let r = (-2 * _log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareGaussian = r * _sin(angle)
        return r * _cos(angle)
    }

    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

/// A choice among n items with fixed weights: a cumulative table searched by bisection.
struct WeightedChoice {
    private(set) var cumulative: [Double]

    init(weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { total += $0; return total }
    }

    /// Weights 1/(rank+1)^exponent: a Zipf-like popularity over n ranks.
    init(zipf n: Int, exponent: Double = 1.1) {
        self.init(weights: (0..<n).map { 1 / _pow(Double($0 + 1), exponent) })
    }

    var count: Int { cumulative.count }

    func pick(_ random: inout SampleRandom) -> Int {
        let target = random.unit() * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@inline(__always) private func _log(_ x: Double) -> Double { log(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
