// The CLIP ViT image encoder: patch embedding (the convolution as one matrix product), class
// token and position embeddings, pre-LayerNorm, pre-LN transformer blocks (multi-head attention,
// MLP), post-LayerNorm on the class token, projection and L2 normalisation — the numbers
// `CLIPModel.get_image_features` gives, normalised. Images run in batches: every Linear layer is
// one sgemm over all tokens of the batch, attention one small sgemm pair per image and head,
// spread over the cores.

import Foundation

/// What a forward pass computes for each image.
public struct CLIPVisionOutput: Sendable {
    /// The L2-normalised embeddings, one per image (what `embed` returns).
    public var embeddings: [[Float]]
    /// The projected embeddings before normalisation.
    public var projected: [[Float]]
    /// The class token after `post_layernorm`.
    public var pooled: [[Float]]
    /// When requested, per image the class token after `pre_layrnorm` and after every block
    /// (`layerCount + 1` vectors); empty otherwise.
    public var classTokenStates: [[[Float]]]
}

/// A CLIP vision tower with its weights, ready to embed images.
public final class CLIPVisionModel: Sendable {
    /// The tower's geometry.
    public let config: CLIPVisionConfig
    /// The preprocessing the checkpoint was trained with.
    public let processor: CLIPImageProcessor
    /// Threads a forward pass uses: a batch runs as one group of whole images per thread, each
    /// with single-threaded sgemm (OpenBLAS's own threads are set to 1; see docs/decisions/0601).
    public let threadCount: Int
    /// Images per forward pass; larger requests are split.
    public let maxBatchSize: Int
    let weights: CLIPVisionWeights

    /// Loads a Hugging Face CLIP checkpoint directory: `config.json`, `model.safetensors` (or
    /// a sharded index) and `preprocessor_config.json`.
    /// Throws `EmbedError` naming the file and tensor at fault.
    public convenience init(directory: URL, threadCount: Int? = nil, maxBatchSize: Int = 32) throws {
        var config = try CLIPVisionConfig(contentsOf: directory.appendingPathComponent("config.json").path)
        let processor = try CLIPImageProcessor(
            contentsOf: directory.appendingPathComponent("preprocessor_config.json").path)
        let tensors = try CheckpointTensors(directory: directory)
        let weights = try CLIPVisionWeights(source: tensors, config: &config)
        try self.init(
            config: config, weights: weights, processor: processor, threadCount: threadCount, maxBatchSize: maxBatchSize
        )
    }

    init(
        config: CLIPVisionConfig, weights: CLIPVisionWeights, processor: CLIPImageProcessor, threadCount: Int?,
        maxBatchSize: Int
    ) throws {
        _ = try OpenBLASLibrary.require()
        try config.validate()
        let size = config.imageSize
        guard !processor.doCenterCrop || (processor.cropWidth == size && processor.cropHeight == size) else {
            let crop = "\(processor.cropWidth)x\(processor.cropHeight)"
            throw EmbedError.invalidConfig(
                file: "preprocessor_config.json", key: "crop_size",
                reason: "(\(crop)) differs from the model's image_size \(size)")
        }
        self.config = config
        self.weights = weights
        self.processor = processor
        self.threadCount = max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        self.maxBatchSize = max(1, maxBatchSize)
        BLAS.setThreadCount(1)
    }

    /// A model of `config`'s geometry with seeded random weights (for benchmarks and tests).
    public static func random(
        config: CLIPVisionConfig = .vitB32, seed: UInt64 = 1, threadCount: Int? = nil, maxBatchSize: Int = 32
    ) throws -> CLIPVisionModel {
        try CLIPVisionModel(
            config: config, weights: .random(config: config, seed: seed),
            processor: CLIPImageProcessor(size: config.imageSize), threadCount: threadCount, maxBatchSize: maxBatchSize)
    }

    /// The normalised embedding of each image (preprocessed with `processor`).
    public func embed(images: [RGBImage]) throws -> [[Float]] {
        var results: [[Float]] = []
        results.reserveCapacity(images.count)
        for start in stride(from: 0, to: images.count, by: maxBatchSize) {
            let batch = Array(images[start..<min(start + maxBatchSize, images.count)])
            results += try forward(pixelValues: pixelValues(batch), imageCount: batch.count).embeddings
        }
        return results
    }

    /// The normalised embedding of one image.
    public func embed(image: RGBImage) throws -> [Float] {
        try embed(images: [image])[0]
    }

    /// The preprocessed tensors of `images` back to back (`[n, 3, S, S]`), preprocessed in parallel.
    public func pixelValues(_ images: [RGBImage]) throws -> [Float] {
        let size = config.imageSize
        let plane = 3 * size * size
        if images.isEmpty { return [] }
        var crops = [RGBImage?](repeating: nil, count: images.count)
        let processor = self.processor
        crops.withUnsafeMutableBufferPointer { slots in
            // Each index is written by exactly one worker.
            let out = DisjointWrites(base: slots.baseAddress!)
            parallelRanges(images.count, threads: threadCount) { range in
                for i in range { out.base[i] = processor.resizedAndCropped(images[i]) }
            }
        }
        var values = [Float](repeating: 0, count: images.count * plane)
        for (i, crop) in crops.enumerated() {
            guard let crop, crop.width == size, crop.height == size else {
                throw EmbedError.invalidInput(reason: "preprocessing gave an image that is not \(size)x\(size)")
            }
            processor.pixelValues(crop, into: &values, offset: i * plane)
        }
        return values
    }

    /// Runs the tower on `imageCount` preprocessed images laid out `[n, 3, S, S]`.
    /// With `recordClassTokens`, the class token after every stage is returned too.
    public func forward(pixelValues: [Float], imageCount: Int, recordClassTokens: Bool = false) throws
        -> CLIPVisionOutput
    {
        let s = config.imageSize
        guard imageCount > 0, pixelValues.count == imageCount * 3 * s * s else {
            let needed = imageCount * 3 * s * s
            let shape = "\(imageCount) images of 3x\(s)x\(s)"
            throw EmbedError.invalidInput(
                reason: "pixel tensor has \(pixelValues.count) values; \(shape) need \(needed)")
        }
        return pixelValues.withUnsafeBufferPointer { pixels in
            // The count was checked above: n images of 3·S·S floats.
            run(pixels.baseAddress!, imageCount: imageCount, recordClassTokens: recordClassTokens)
        }
    }
}
