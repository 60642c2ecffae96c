// The geometry of a CLIP vision tower, read from a Hugging Face `config.json`. Keys left out of
// the file take CLIPVisionConfig's defaults, which are those of ViT-B/32; the vision settings may
// sit under `vision_config` (CLIPModel), under `vision_config_dict` (older files) or at the top
// level (a standalone vision model).

/// The activation between the two MLP layers of a transformer block.
public enum CLIPActivation: String, Sendable {
    /// `x * sigmoid(1.702 x)`, used by the OpenAI CLIP checkpoints.
    case quickGELU = "quick_gelu"
    /// The exact (erf) GELU.
    case gelu = "gelu"
}

/// Shape parameters of a CLIP ViT image encoder.
public struct CLIPVisionConfig: Sendable, Equatable {
    /// Width of the token vectors (768 for ViT-B/32).
    public var hiddenSize: Int
    /// Width of the MLP inside each block (3072 for ViT-B/32).
    public var intermediateSize: Int
    /// Number of transformer blocks.
    public var layerCount: Int
    /// Number of attention heads; must divide `hiddenSize`.
    public var headCount: Int
    /// Side of a square patch in pixels.
    public var patchSize: Int
    /// Side of the square input image in pixels; a multiple of `patchSize`.
    public var imageSize: Int
    /// Width of the projected embedding (512 for ViT-B/32).
    public var projectionSize: Int
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Float
    /// The MLP activation.
    public var activation: CLIPActivation

    /// ViT-B/32, the geometry of openai/clip-vit-base-patch32.
    public static let vitB32 = CLIPVisionConfig(
        hiddenSize: 768, intermediateSize: 3072, layerCount: 12, headCount: 12, patchSize: 32, imageSize: 224,
        projectionSize: 512, layerNormEpsilon: 1e-5, activation: .quickGELU)

    /// Builds a configuration from explicit values.
    public init(
        hiddenSize: Int, intermediateSize: Int, layerCount: Int, headCount: Int, patchSize: Int, imageSize: Int,
        projectionSize: Int, layerNormEpsilon: Float = 1e-5, activation: CLIPActivation = .quickGELU
    ) {
        self.hiddenSize = hiddenSize
        self.intermediateSize = intermediateSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.patchSize = patchSize
        self.imageSize = imageSize
        self.projectionSize = projectionSize
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
    }

    /// Reads the vision settings of `config.json` at `path`. The projection size is taken from
    /// the file here and checked against the `visual_projection.weight` shape when weights load.
    public init(contentsOf path: String) throws {
        let file = try JSONConfigFile(path: path)
        let vision: JSONConfigFile
        if let nested = file.child("vision_config") ?? file.child("vision_config_dict") {
            vision = nested
        } else if try file.string("model_type", default: "") == "clip" {
            throw EmbedError.invalidConfig(file: path, key: "vision_config", reason: "is missing")
        } else {
            vision = file
        }
        let defaults = Self.vitB32
        let projection = try vision.int("projection_dim", default: file.int("projection_dim", default: 512))
        self.init(
            hiddenSize: try vision.positiveInt("hidden_size", default: defaults.hiddenSize),
            intermediateSize: try vision.positiveInt("intermediate_size", default: defaults.intermediateSize),
            layerCount: try vision.positiveInt("num_hidden_layers", default: defaults.layerCount),
            headCount: try vision.positiveInt("num_attention_heads", default: defaults.headCount),
            patchSize: try vision.positiveInt("patch_size", default: defaults.patchSize),
            imageSize: try vision.positiveInt("image_size", default: defaults.imageSize),
            projectionSize: projection,
            layerNormEpsilon: Float(try vision.double("layer_norm_eps", default: 1e-5)))
        let channels = try vision.int("num_channels", default: 3)
        guard channels == 3 else {
            throw EmbedError.invalidConfig(
                file: path, key: "num_channels", reason: "is \(channels); only 3 (RGB) is supported")
        }
        let act = try vision.string("hidden_act", default: "quick_gelu")
        guard let activation = CLIPActivation(rawValue: act) else {
            throw EmbedError.invalidConfig(file: path, key: "hidden_act", reason: "'\(act)' is not quick_gelu or gelu")
        }
        self.activation = activation
        try validate(file: path)
    }

    /// Tokens per image: one per patch plus the class token.
    public var tokenCount: Int { gridSize * gridSize + 1 }
    /// Patches per side.
    public var gridSize: Int { imageSize / patchSize }
    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    /// Checks that the numbers fit together. `file` names the source in the error.
    public func validate(file: String = "config.json") throws {
        guard hiddenSize > 0, intermediateSize > 0, layerCount > 0, projectionSize > 0 else {
            throw EmbedError.invalidConfig(file: file, key: "vision_config", reason: "has a non-positive size")
        }
        guard headCount > 0, hiddenSize % headCount == 0 else {
            throw EmbedError.invalidConfig(
                file: file, key: "num_attention_heads",
                reason: "(\(headCount)) does not divide hidden_size \(hiddenSize)")
        }
        guard patchSize > 0, imageSize >= patchSize, imageSize % patchSize == 0 else {
            throw EmbedError.invalidConfig(
                file: file, key: "patch_size", reason: "(\(patchSize)) does not divide image_size \(imageSize)")
        }
    }
}
