// The errors LoupeEmbed throws. Each case names what is at fault: the checkpoint file and tensor,
// the configuration key, or the image source, so a user can tell a wrong download from a bad
// image from a network failure without reading the code.

/// An error from loading a CLIP checkpoint, decoding an image or fetching one.
public enum EmbedError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file the checkpoint needs does not exist.
    case missingFile(path: String)
    /// A file exists but cannot be read or is not in the expected format.
    case invalidFile(path: String, reason: String)
    /// The weights file has no tensor of this name.
    case missingTensor(file: String, tensor: String)
    /// A tensor's shape differs from the one the configuration implies.
    case shapeMismatch(file: String, tensor: String, expected: [Int], found: [Int])
    /// A tensor is stored in an element type that cannot be read as floats.
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// A configuration value is missing, of the wrong type, or out of range.
    case invalidConfig(file: String, key: String, reason: String)
    /// Image bytes could not be decoded.
    case invalidImage(source: String, reason: String)
    /// An image could not be fetched from its path or URL.
    case fetchFailed(source: String, reason: String)
    /// An argument does not fit the model (for example a pixel tensor of the wrong size).
    case invalidInput(reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): file not found"
        case .invalidFile(let path, let reason):
            return "\(path): \(reason)"
        case .missingTensor(let file, let tensor):
            return "\(file): tensor '\(tensor)' not found"
        case .shapeMismatch(let file, let tensor, let expected, let found):
            return "\(file): tensor '\(tensor)' has shape \(found), expected \(expected)"
        case .unsupportedDType(let file, let tensor, let dtype):
            return "\(file): tensor '\(tensor)' has unsupported dtype \(dtype) (F32, F16 and BF16 are read)"
        case .invalidConfig(let file, let key, let reason):
            return "\(file): '\(key)' \(reason)"
        case .invalidImage(let source, let reason):
            return "\(source): cannot decode image: \(reason)"
        case .fetchFailed(let source, let reason):
            return "\(source): cannot fetch: \(reason)"
        case .invalidInput(let reason):
            return reason
        }
    }
}
