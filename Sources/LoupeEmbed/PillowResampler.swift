// Image resizing that reproduces Pillow's `Image.resize` on 8-bit RGB bit for bit: separable
// convolution (horizontal pass into a uint8 intermediate, then vertical), a filter widened by the
// scale when shrinking (antialiasing), per-pixel weights normalised to sum 1 and converted to
// 22-bit fixed point, an accumulator seeded with one half, and the result shifted and clamped.
// CLIP's preprocessing was trained on exactly these pixels, so matching them matters.

/// The resampling filters of Pillow that CLIP preprocessors use.
public enum ResampleFilter: Int, Sendable {
    /// Pillow's BILINEAR (2), the triangle filter.
    case bilinear = 2
    /// Pillow's BICUBIC (3), the cubic kernel with a = -0.5.
    case bicubic = 3

    var support: Double {
        switch self {
        case .bilinear: return 1
        case .bicubic: return 2
        }
    }

    func weight(_ value: Double) -> Double {
        let x = abs(value)
        switch self {
        case .bilinear:
            return x < 1 ? 1 - x : 0
        case .bicubic:
            let a = -0.5
            if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
            if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
            return 0
        }
    }
}

/// Pillow's two-pass fixed-point resampler for 8-bit RGB images.
enum PillowResampler {
    static let precisionBits = 22

    /// The source taps of every output pixel along one axis, as Pillow's `precompute_coeffs`
    /// computes them: `starts[i]` is the first source index, and `weights[i * taps ..< i * taps +
    /// counts[i]]` are the fixed-point weights.
    struct Coefficients {
        var starts: [Int]
        var counts: [Int]
        var weights: [Int32]
        var taps: Int
    }

    static func coefficients(inSize: Int, outSize: Int, filter: ResampleFilter) -> Coefficients {
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let taps = Int(support.rounded(.up)) * 2 + 1
        var result = Coefficients(
            starts: [], counts: [], weights: [Int32](repeating: 0, count: outSize * taps), taps: taps)
        var kernel = [Double](repeating: 0, count: taps)
        for i in 0..<outSize {
            let center = (Double(i) + 0.5) * scale
            let inverse = 1 / filterScale
            let first = max(Int(center - support + 0.5), 0)
            let count = min(Int(center + support + 0.5), inSize) - first
            var total = 0.0
            for j in 0..<count {
                let w = filter.weight((Double(j + first) - center + 0.5) * inverse)
                kernel[j] = w
                total += w
            }
            for j in 0..<count {
                let w = total != 0 ? kernel[j] / total : kernel[j]
                let scaled = w * Double(1 << precisionBits)
                result.weights[i * taps + j] = Int32(w < 0 ? (-0.5 + scaled) : (0.5 + scaled))
            }
            result.starts.append(first)
            result.counts.append(max(count, 0))
        }
        return result
    }

    /// `image` resized to `width` x `height`.
    static func resize(_ image: RGBImage, width: Int, height: Int, filter: ResampleFilter) -> RGBImage {
        var current = image
        if width != image.width {
            current = horizontal(current, width: width, filter: filter)
        }
        if height != image.height {
            current = vertical(current, height: height, filter: filter)
        }
        return current
    }

    @inline(__always)
    private static func clip8(_ accumulator: Int32) -> UInt8 {
        UInt8(clamping: accumulator >> Int32(precisionBits))
    }

    private static func horizontal(_ image: RGBImage, width: Int, filter: ResampleFilter) -> RGBImage {
        let c = coefficients(inSize: image.width, outSize: width, filter: filter)
        let half = Int32(1 << (precisionBits - 1))
        var out = [UInt8](repeating: 0, count: width * image.height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            c.weights.withUnsafeBufferPointer { weights in
                out.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<image.height {
                        let row = y * image.width * 3
                        for x in 0..<width {
                            var r = half
                            var g = half
                            var b = half
                            let base = x * c.taps
                            var at = row + c.starts[x] * 3
                            for k in 0..<c.counts[x] {
                                // Pillow accumulates in 32-bit ints; the weights keep it in range.
                                let w = weights[base + k]
                                r &+= Int32(src[at]) &* w
                                g &+= Int32(src[at + 1]) &* w
                                b &+= Int32(src[at + 2]) &* w
                                at += 3
                            }
                            let o = (y * width + x) * 3
                            dst[o] = clip8(r)
                            dst[o + 1] = clip8(g)
                            dst[o + 2] = clip8(b)
                        }
                    }
                }
            }
        }
        return RGBImage(uncheckedWidth: width, height: image.height, pixels: out)
    }

    private static func vertical(_ image: RGBImage, height: Int, filter: ResampleFilter) -> RGBImage {
        let c = coefficients(inSize: image.height, outSize: height, filter: filter)
        let half = Int32(1 << (precisionBits - 1))
        let stride = image.width * 3
        var out = [UInt8](repeating: 0, count: stride * height)
        image.pixels.withUnsafeBufferPointer { src in
            c.weights.withUnsafeBufferPointer { weights in
                out.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<height {
                        let base = y * c.taps
                        let first = c.starts[y]
                        let count = c.counts[y]
                        for i in 0..<stride {
                            var acc = half
                            for k in 0..<count {
                                acc &+= Int32(src[(first + k) * stride + i]) &* weights[base + k]
                            }
                            dst[y * stride + i] = clip8(acc)
                        }
                    }
                }
            }
        }
        return RGBImage(uncheckedWidth: image.width, height: height, pixels: out)
    }
}
