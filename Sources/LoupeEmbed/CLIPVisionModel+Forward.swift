// The forward pass of `CLIPVisionModel` on raw float buffers. A batch is cut into groups of whole
// images that run side by side, one per thread; within a group every Linear layer is one sgemm
// over all its tokens, attention is two small sgemms per image and head, and LayerNorm, softmax
// and the activation work on rows. A group given several threads (a batch smaller than the
// thread count) splits those steps by rows.

import Dispatch

extension CLIPVisionModel {
    /// Runs the batch, split into up to `threadCount` groups of whole images that run side by side,
    /// each on its own share of the threads; a group with more than one thread splits its
    /// matrix products and element-wise steps by rows.
    func run(_ pixels: UnsafePointer<Float>, imageCount n: Int, recordClassTokens: Bool) -> CLIPVisionOutput {
        let groups = min(threadCount, n)
        if groups == 1 {
            return run(pixels, imageCount: n, recordClassTokens: recordClassTokens, threads: threadCount)
        }
        let plane = 3 * config.imageSize * config.imageSize
        let outputs = DisjointWrites(base: UnsafeMutablePointer<CLIPVisionOutput>.allocate(capacity: groups))
        defer { outputs.base.deallocate() }
        let source = UnsafeSendable(pixels)
        let threads = max(1, threadCount / groups)
        // Group g writes only slot g, which is initialised exactly once before being read below.
        DispatchQueue.concurrentPerform(iterations: groups) { group in
            let first = n * group / groups
            let count = n * (group + 1) / groups - first
            let output = run(
                source.value + first * plane, imageCount: count, recordClassTokens: recordClassTokens, threads: threads)
            (outputs.base + group).initialize(to: output)
        }
        var merged = CLIPVisionOutput(embeddings: [], projected: [], pooled: [], classTokenStates: [])
        for group in 0..<groups {
            let part = (outputs.base + group).move()
            merged.embeddings += part.embeddings
            merged.projected += part.projected
            merged.pooled += part.pooled
            merged.classTokenStates += part.classTokenStates
        }
        return merged
    }

    private func run(
        _ pixels: UnsafePointer<Float>, imageCount n: Int, recordClassTokens: Bool, threads: Int
    ) -> CLIPVisionOutput {
        let d = config.hiddenSize
        let t = config.tokenCount
        let rows = n * t
        let eps = config.layerNormEpsilon

        let x = Tensor(shape: [rows, d])
        embedPatches(pixels, imageCount: n, into: x, threads: threads)
        parallelRanges(rows, threads: threads) { range in
            VectorMath.layerNorm(
                x.data, rows: range, width: d, gamma: weights.preNorm.gamma, beta: weights.preNorm.beta, epsilon: eps,
                into: x.data)
        }
        var states = [[[Float]]](repeating: [], count: recordClassTokens ? n : 0)
        func record() {
            for i in 0..<states.count {
                states[i].append(Array(UnsafeBufferPointer(start: x.data + i * t * d, count: d)))
            }
        }
        record()

        let normed = Tensor(shape: [rows, d])
        let qkv = Tensor(shape: [rows, 3 * d])
        let attention = Tensor(shape: [rows, d])
        let hidden = Tensor(shape: [rows, config.intermediateSize])
        for layer in weights.layers {
            parallelRanges(rows, threads: threads) { range in
                VectorMath.layerNorm(
                    x.data, rows: range, width: d, gamma: layer.norm1.gamma, beta: layer.norm1.beta, epsilon: eps,
                    into: normed.data)
            }
            BLAS.linear(
                normed.data, rows: rows, weight: layer.qkvWeight, bias: layer.qkvBias, into: qkv.data, threads: threads)
            attend(qkv, imageCount: n, into: attention, threads: threads)
            BLAS.linear(
                attention.data, rows: rows, weight: layer.outWeight, bias: layer.outBias, into: x.data,
                accumulate: true, threads: threads)
            parallelRanges(rows, threads: threads) { range in
                VectorMath.layerNorm(
                    x.data, rows: range, width: d, gamma: layer.norm2.gamma, beta: layer.norm2.beta, epsilon: eps,
                    into: normed.data)
            }
            BLAS.linear(
                normed.data, rows: rows, weight: layer.fc1Weight, bias: layer.fc1Bias, into: hidden.data,
                threads: threads)
            let width = config.intermediateSize
            let activation = config.activation
            parallelRanges(rows, threads: threads) { range in
                VectorMath.activate(hidden.data + range.lowerBound * width, count: range.count * width, activation)
            }
            BLAS.linear(
                hidden.data, rows: rows, weight: layer.fc2Weight, bias: layer.fc2Bias, into: x.data, accumulate: true,
                threads: threads)
            record()
        }

        let pooled = Tensor(shape: [n, d])
        for i in 0..<n {
            VectorMath.layerNorm(
                x.data + i * t * d, rows: 0..<1, width: d, gamma: weights.postNorm.gamma, beta: weights.postNorm.beta,
                epsilon: eps, into: pooled.data + i * d)
        }
        let e = config.projectionSize
        let projected = Tensor(shape: [n, e])
        BLAS.linear(pooled.data, rows: n, weight: weights.projection, bias: nil, into: projected.data)
        var output = CLIPVisionOutput(embeddings: [], projected: [], pooled: [], classTokenStates: states)
        for i in 0..<n {
            let vector = Array(UnsafeBufferPointer(start: projected.data + i * e, count: e))
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            output.projected.append(vector)
            output.embeddings.append(norm > 0 ? vector.map { $0 / norm } : vector)
            output.pooled.append(Array(UnsafeBufferPointer(start: pooled.data + i * d, count: d)))
        }
        return output
    }

    /// Fills `x` (`[n·T, D]`) with class token + patch embeddings, plus position embeddings.
    private func embedPatches(_ pixels: UnsafePointer<Float>, imageCount n: Int, into x: Tensor, threads: Int) {
        let d = config.hiddenSize
        let p = config.patchSize
        let g = config.gridSize
        let s = config.imageSize
        let t = config.tokenCount
        let patchWidth = 3 * p * p
        let patches = Tensor(shape: [n * g * g, patchWidth])
        for image in 0..<n {
            let source = pixels + image * 3 * s * s
            for row in 0..<g {
                for column in 0..<g {
                    var target = patches.data + ((image * g + row) * g + column) * patchWidth
                    for channel in 0..<3 {
                        for py in 0..<p {
                            // Row (row·P + py) of `channel`, P pixels from column·P: inside the S×S plane.
                            target.update(from: source + (channel * s + row * p + py) * s + column * p, count: p)
                            target += p
                        }
                    }
                }
            }
        }
        let embedded = Tensor(shape: [n * g * g, d])
        BLAS.linear(
            patches.data, rows: n * g * g, weight: weights.patchEmbedding, bias: nil, into: embedded.data,
            threads: threads)
        let position = weights.positionEmbedding.data
        for image in 0..<n {
            let base = x.data + image * t * d
            for j in 0..<d { base[j] = weights.classEmbedding.data[j] + position[j] }
            for token in 1..<t {
                let target = base + token * d
                let source = embedded.data + (image * g * g + token - 1) * d
                let offset = position + token * d
                for j in 0..<d { target[j] = source[j] + offset[j] }
            }
        }
    }

    /// Multi-head self-attention of every image: `qkv` is `[n·T, 3D]` (q, k, v side by side),
    /// the heads' outputs are written side by side into `output` (`[n·T, D]`).
    private func attend(_ qkv: Tensor, imageCount n: Int, into output: Tensor, threads: Int) {
        let d = config.hiddenSize
        let t = config.tokenCount
        let heads = config.headCount
        let headSize = config.headSize
        let scale = 1 / Float(headSize).squareRoot()
        parallelRanges(n * heads, threads: threads) { range in
            let scores = Tensor(shape: [t, t])
            for job in range {
                let image = job / heads
                let head = job % heads
                let q = qkv.data + image * t * 3 * d + head * headSize
                BLAS.gemm(
                    m: t, n: t, k: headSize, alpha: scale, a: q, lda: 3 * d, b: q + d, ldb: 3 * d, transposeB: true,
                    c: scores.data, ldc: t)
                VectorMath.softmaxRows(scores.data, rows: t, width: t)
                BLAS.gemm(
                    m: t, n: headSize, k: t, a: scores.data, lda: t, b: q + 2 * d, ldb: 3 * d, transposeB: false,
                    c: output.data + image * t * d + head * headSize, ldc: d)
            }
        }
    }
}
