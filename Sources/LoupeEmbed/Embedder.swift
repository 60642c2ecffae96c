// The two roles a CLIP checkpoint plays, as protocols: an image embedder (CLIPVisionModel) and a
// text embedder (CLIP's text tower, which is not implemented yet). The pipeline and the `loupe`
// tool depend on these rather than on one model, so the text tower, or another image model,
// can be added without changing them. Both towers of a checkpoint project into the same space:
// a text query embedded by the one can be compared with `distance()` to images embedded by the other.

/// Turns decoded images into L2-normalised embedding vectors.
public protocol ImageEmbedder: Sendable {
    /// The length of every embedding.
    var embeddingSize: Int { get }
    /// Images the embedder prefers per call.
    var maxBatchSize: Int { get }
    /// The normalised embedding of each image, in order.
    func embed(images: [RGBImage]) throws -> [[Float]]
    /// Shrinks a freshly decoded image to what `embed` needs (for CLIP: resized and cropped),
    /// so a batch of large photos is not held at full size; `embed` gives the same result for
    /// the prepared image as for the original.
    func prepare(_ image: RGBImage) -> RGBImage
}

/// Turns texts into L2-normalised embedding vectors in the same space as an `ImageEmbedder`
/// of the same checkpoint. This is where CLIP's text tower (BPE tokenizer, causal transformer,
/// `text_projection`) plugs in; see docs/embedding.md.
public protocol TextEmbedder: Sendable {
    /// The length of every embedding.
    var embeddingSize: Int { get }
    /// The normalised embedding of each text, in order.
    func embed(texts: [String]) throws -> [[Float]]
}

extension CLIPVisionModel: ImageEmbedder {
    /// The projection width (512 for ViT-B/32).
    public var embeddingSize: Int { config.projectionSize }

    /// The image resized and center-cropped by `processor`.
    public func prepare(_ image: RGBImage) -> RGBImage {
        processor.resizedAndCropped(image)
    }
}
