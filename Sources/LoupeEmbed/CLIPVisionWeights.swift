// The tensors of a CLIP vision tower, loaded from a Hugging Face checkpoint under their HF names
// (`vision_model.…`, `visual_projection.weight`) and checked against the configuration's shapes.
// Q, K and V are fused into one [3D, D] matrix so a block needs one product for all three. For
// benchmarks and tests, `random` makes weights of any geometry without a file.

/// LayerNorm scale and shift.
struct LayerNormWeights: Sendable {
    let gamma: Tensor
    let beta: Tensor
}

/// One pre-LN transformer block.
struct CLIPEncoderLayerWeights: Sendable {
    let norm1: LayerNormWeights
    /// `[3D, D]`: rows of q_proj, then k_proj, then v_proj.
    let qkvWeight: Tensor
    let qkvBias: Tensor
    let outWeight: Tensor
    let outBias: Tensor
    let norm2: LayerNormWeights
    let fc1Weight: Tensor
    let fc1Bias: Tensor
    let fc2Weight: Tensor
    let fc2Bias: Tensor
}

/// Every tensor the vision tower uses.
struct CLIPVisionWeights: Sendable {
    /// `[D, 3·P·P]`: the patch convolution as a matrix over flattened (channel, row, column) patches.
    let patchEmbedding: Tensor
    let classEmbedding: Tensor
    /// `[T, D]`.
    let positionEmbedding: Tensor
    let preNorm: LayerNormWeights
    let layers: [CLIPEncoderLayerWeights]
    let postNorm: LayerNormWeights
    /// `[E, D]`.
    let projection: Tensor

    /// Loads the tensors of `config` from `source`. The projection width is taken from the
    /// `visual_projection.weight` shape and written back into `config`.
    init(source: CheckpointTensors, config: inout CLIPVisionConfig) throws {
        let d = config.hiddenSize
        let p = config.patchSize
        let inner = config.intermediateSize
        func load(_ name: String, _ shape: [Int]) throws -> Tensor {
            Tensor(shape: shape, values: try source.floats(name, shape: shape))
        }
        func norm(_ prefix: String) throws -> LayerNormWeights {
            LayerNormWeights(gamma: try load(prefix + ".weight", [d]), beta: try load(prefix + ".bias", [d]))
        }
        let projectionInfo = try source.info("visual_projection.weight")
        guard projectionInfo.shape.count == 2, projectionInfo.shape[1] == d, projectionInfo.shape[0] > 0 else {
            throw EmbedError.shapeMismatch(
                file: source.file(of: "visual_projection.weight"), tensor: "visual_projection.weight",
                expected: [config.projectionSize, d], found: projectionInfo.shape)
        }
        config.projectionSize = projectionInfo.shape[0]
        let v = "vision_model."
        let patch = try source.floats(v + "embeddings.patch_embedding.weight", shape: [d, 3, p, p])
        patchEmbedding = Tensor(shape: [d, 3 * p * p], values: patch)
        classEmbedding = try load(v + "embeddings.class_embedding", [d])
        positionEmbedding = try load(v + "embeddings.position_embedding.weight", [config.tokenCount, d])
        preNorm = try norm(v + "pre_layrnorm")
        var layers: [CLIPEncoderLayerWeights] = []
        for index in 0..<config.layerCount {
            let prefix = v + "encoder.layers.\(index)."
            var qkv: [Float] = []
            var qkvBias: [Float] = []
            for name in ["q_proj", "k_proj", "v_proj"] {
                qkv += try source.floats(prefix + "self_attn.\(name).weight", shape: [d, d])
                qkvBias += try source.floats(prefix + "self_attn.\(name).bias", shape: [d])
            }
            layers.append(
                CLIPEncoderLayerWeights(
                    norm1: try norm(prefix + "layer_norm1"),
                    qkvWeight: Tensor(shape: [3 * d, d], values: qkv),
                    qkvBias: Tensor(shape: [3 * d], values: qkvBias),
                    outWeight: try load(prefix + "self_attn.out_proj.weight", [d, d]),
                    outBias: try load(prefix + "self_attn.out_proj.bias", [d]),
                    norm2: try norm(prefix + "layer_norm2"),
                    fc1Weight: try load(prefix + "mlp.fc1.weight", [inner, d]),
                    fc1Bias: try load(prefix + "mlp.fc1.bias", [inner]),
                    fc2Weight: try load(prefix + "mlp.fc2.weight", [d, inner]),
                    fc2Bias: try load(prefix + "mlp.fc2.bias", [d])))
        }
        self.layers = layers
        postNorm = try norm(v + "post_layernorm")
        projection = try load("visual_projection.weight", [config.projectionSize, d])
    }

    /// Weights of `config`'s geometry filled from a seeded generator, scaled like a trained
    /// network's (unit LayerNorm scales, 1/√fan-in linear weights) so activations stay finite.
    /// Tensors are tiled from one pool of uniform values (cheap even for ViT-L sizes), each from
    /// its own offset.
    static func random(config: CLIPVisionConfig, seed: UInt64) -> CLIPVisionWeights {
        var state = seed | 1
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let pool = Tensor(shape: [65_537])
        for i in 0..<pool.count { pool.data[i] = Float(next() >> 40) * (2 / Float(1 << 24)) - 1 }
        func tensor(_ shape: [Int], scale: Float, offset: Float = 0) -> Tensor {
            let t = Tensor(shape: shape)
            var filled = 0
            var start = Int(next() % UInt64(pool.count))
            while filled < t.count {
                let chunk = min(pool.count - start, t.count - filled)
                (t.data + filled).update(from: pool.data + start, count: chunk)
                filled += chunk
                start = 0
            }
            BLAS.scale(t.data, count: t.count, by: scale)
            if offset != 0 {
                for i in 0..<t.count { t.data[i] += offset }
            }
            return t
        }
        let d = config.hiddenSize
        let inner = config.intermediateSize
        func norm() -> LayerNormWeights {
            LayerNormWeights(gamma: tensor([d], scale: 0.1, offset: 1), beta: tensor([d], scale: 0.05))
        }
        let fanD = 1 / Float(d).squareRoot()
        let layers = (0..<config.layerCount).map { _ in
            CLIPEncoderLayerWeights(
                norm1: norm(), qkvWeight: tensor([3 * d, d], scale: fanD), qkvBias: tensor([3 * d], scale: 0.02),
                outWeight: tensor([d, d], scale: fanD), outBias: tensor([d], scale: 0.02), norm2: norm(),
                fc1Weight: tensor([inner, d], scale: fanD), fc1Bias: tensor([inner], scale: 0.02),
                fc2Weight: tensor([d, inner], scale: 1 / Float(inner).squareRoot()), fc2Bias: tensor([d], scale: 0.02))
        }
        let patchFan = 3 * config.patchSize * config.patchSize
        return CLIPVisionWeights(
            patchEmbedding: tensor([d, patchFan], scale: 1 / Float(patchFan).squareRoot()),
            classEmbedding: tensor([d], scale: 0.5), positionEmbedding: tensor([config.tokenCount, d], scale: 0.1),
            preNorm: norm(), layers: layers, postNorm: norm(),
            projection: tensor([config.projectionSize, d], scale: fanD))
    }

    private init(
        patchEmbedding: Tensor, classEmbedding: Tensor, positionEmbedding: Tensor, preNorm: LayerNormWeights,
        layers: [CLIPEncoderLayerWeights], postNorm: LayerNormWeights, projection: Tensor
    ) {
        self.patchEmbedding = patchEmbedding
        self.classEmbedding = classEmbedding
        self.positionEmbedding = positionEmbedding
        self.preNorm = preNorm
        self.layers = layers
        self.postNorm = postNorm
        self.projection = projection
    }
}
