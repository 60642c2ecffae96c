// The element-wise kernels of the transformer: LayerNorm over rows, softmax over rows, the two
// MLP activations and a vectorised exp (Cephes' single-precision polynomial, within 2 ulp), all
// on raw float rows. The SIMD paths keep the non-BLAS share of a forward pass small.

import Foundation

enum VectorMath {
    typealias Vector = SIMD8<Float>

    /// e^x for each lane; inputs are clamped to the range where the result is a normal float.
    @inline(__always)
    static func exp(_ input: Vector) -> Vector {
        var x = input
        x.replace(with: -87.3, where: x .< -87.3)
        x.replace(with: 88.3, where: x .> 88.3)
        // Adding 1.5·2^23 rounds x·log2(e) to the nearest integer n and leaves n in the low mantissa
        // bits, so n is had without a float-to-int conversion (which is slow on SIMD vectors).
        let magic = Vector(repeating: 12_582_912)
        let shifted = x * 1.442_695_040_888_963_4 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let result = p * r * r + r + 1
        // Same size and lane count: reinterpret the lanes' bits. The low bits of `shifted` are
        // 0x4B40_0000 + n; (n + 127) << 23 is the IEEE bit pattern of 2^n.
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        return result * unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
    }

    /// Sum of `count` floats from `p`.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = Vector()
        var i = 0
        while i + 8 <= count {
            // i + 8 <= count: the 8 lanes read are inside the row.
            acc += UnsafeRawPointer(p + i).loadUnaligned(as: Vector.self)
            i += 8
        }
        var total = acc.sum()
        while i < count {
            total += p[i]
            i += 1
        }
        return total
    }

    /// LayerNorm of each `width`-float row of `input` into `output` (which may be `input`).
    static func layerNorm(
        _ input: UnsafePointer<Float>, rows: Range<Int>, width: Int, gamma: Tensor, beta: Tensor, epsilon: Float,
        into output: UnsafeMutablePointer<Float>
    ) {
        for row in rows {
            let x = input + row * width
            let y = output + row * width
            let mean = sum(x, width) / Float(width)
            var variance: Float = 0
            for j in 0..<width {
                let d = x[j] - mean
                variance += d * d
            }
            let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
            for j in 0..<width {
                y[j] = (x[j] - mean) * scale * gamma.data[j] + beta.data[j]
            }
        }
    }

    /// Softmax of each `width`-float row in place.
    static func softmaxRows(_ data: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let x = data + row * width
            var maximum = -Float.infinity
            for j in 0..<width { maximum = max(maximum, x[j]) }
            var total: Float = 0
            var j = 0
            while j + 8 <= width {
                // j + 8 <= width: the 8 lanes stay inside the row.
                let raw = UnsafeMutableRawPointer(x + j)
                let e = exp(raw.loadUnaligned(as: Vector.self) - maximum)
                raw.storeBytes(of: e, as: Vector.self)
                total += e.sum()
                j += 8
            }
            while j < width {
                x[j] = Foundation.exp(x[j] - maximum)
                total += x[j]
                j += 1
            }
            let inverse = 1 / total
            for k in 0..<width { x[k] *= inverse }
        }
    }

    /// Applies `activation` to `count` floats in place.
    static func activate(_ data: UnsafeMutablePointer<Float>, count: Int, _ activation: CLIPActivation) {
        switch activation {
        case .quickGELU:
            var i = 0
            while i + 8 <= count {
                // i + 8 <= count: the 8 lanes stay inside the buffer.
                let raw = UnsafeMutableRawPointer(data + i)
                let x = raw.loadUnaligned(as: Vector.self)
                raw.storeBytes(of: x / (1 + exp(-1.702 * x)), as: Vector.self)
                i += 8
            }
            while i < count {
                data[i] = data[i] / (1 + Foundation.exp(-1.702 * data[i]))
                i += 1
            }
        case .gelu:
            for i in 0..<count {
                data[i] = 0.5 * data[i] * (1 + erf(data[i] * 0.707_106_781_186_547_5))
            }
        }
    }
}
