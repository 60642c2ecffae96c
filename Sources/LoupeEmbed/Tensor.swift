// The dense float storage the transformer works on: a row-major tensor that owns its memory,
// the thin cblas_sgemm wrapper every matrix product goes through (OpenBLAS, loaded at run time by
// `OpenBLASLibrary`), and a helper that splits element-wise work over the cores.

import COpenBLAS
import Dispatch

/// A row-major float tensor that owns its memory (zeroed at creation, freed in `deinit`).
final class Tensor: @unchecked Sendable {
    /// The dimensions, outermost first.
    let shape: [Int]
    /// The number of elements.
    let count: Int
    // Allocated for exactly `count` elements in init and freed only in deinit. Weights are never
    // written after loading; workspaces are used by one forward pass at a time.
    let data: UnsafeMutablePointer<Float>

    init(shape: [Int]) {
        self.shape = shape
        count = shape.reduce(1, *)
        data = .allocate(capacity: max(count, 1))
        data.initialize(repeating: 0, count: count)
    }

    convenience init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "tensor of shape \(shape) given \(values.count) values")
        self.init(shape: shape)
        // `values` has exactly `count` elements (checked above).
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    deinit {
        data.deallocate()
    }

    /// The elements as an array.
    var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }
}

/// Matrix products through CBLAS. Callers make sure `OpenBLASLibrary.require()` succeeded.
enum BLAS {
    /// Sets how many threads OpenBLAS uses for one product.
    static func setThreadCount(_ count: Int) {
        OpenBLASLibrary.loaded.setThreadCount(Int32(max(count, 1)))
    }

    /// Multiplies `count` floats at `data` by `factor` in place.
    static func scale(_ data: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        for i in 0..<count { data[i] *= factor }
    }

    /// `c[m, n] = alpha * a[m, k] · op(b) + beta * c`, all row-major with leading dimensions
    /// `lda`, `ldb`, `ldc`; `op(b)` is `bᵀ` (b stored `[n, k]`, as Linear weights are) when
    /// `transposeB`, else `b` (stored `[k, n]`).
    static func gemm(
        m: Int, n: Int, k: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool, beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        OpenBLASLibrary.loaded.sgemm(
            CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `output[rows, out] = input[rows, in] · weightᵀ + bias` for a Linear layer whose weight is
    /// `[out, in]`. With `accumulate`, the product and bias are added to `output` instead. The
    /// rows are split over `threads` threads, each running a single-threaded sgemm on its share.
    static func linear(
        _ input: UnsafePointer<Float>, rows: Int, weight: Tensor, bias: Tensor?,
        into output: UnsafeMutablePointer<Float>,
        accumulate: Bool = false, threads: Int = 1
    ) {
        let outFeatures = weight.shape[0]
        let inFeatures = weight.shape[1]
        let source = UnsafeSendable(input)
        let target = DisjointWrites(base: output)
        // Each worker reads and writes only its own rows of `input` and `output`.
        parallelRanges(rows, threads: rows >= 32 ? threads : 1) { range in
            let input = source.value + range.lowerBound * inFeatures
            let output = target.base + range.lowerBound * outFeatures
            if let bias {
                for row in 0..<range.count {
                    let destination = output + row * outFeatures
                    if accumulate {
                        for j in 0..<outFeatures { destination[j] += bias.data[j] }
                    } else {
                        destination.update(from: bias.data, count: outFeatures)
                    }
                }
            }
            gemm(
                m: range.count, n: outFeatures, k: inFeatures, a: input, lda: inFeatures, b: weight.data,
                ldb: inFeatures, transposeB: true, beta: bias != nil || accumulate ? 1 : 0, c: output, ldc: outFeatures)
        }
    }
}

/// Runs `body` over `0..<count` split into contiguous ranges, one per thread.
func parallelRanges(_ count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let parts = max(1, min(threads, count))
    if parts == 1 {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        body((count * part / parts)..<(count * (part + 1) / parts))
    }
}

/// A pointer handed to parallel workers that each write disjoint elements.
struct DisjointWrites<Element>: @unchecked Sendable {
    // Callers guarantee every element is written by at most one worker and read after all finish.
    let base: UnsafeMutablePointer<Element>
}

/// A read-only pointer handed to parallel workers.
struct UnsafeSendable<Pointee>: @unchecked Sendable {
    // Workers only read through it while the owner keeps the memory alive.
    let value: UnsafePointer<Pointee>

    init(_ value: UnsafePointer<Pointee>) { self.value = value }
}
