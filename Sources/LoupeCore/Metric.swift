// Vector distance metrics as MyScale names them. Shared by the SQL functions, the exact kernels
// and (later) the vector index, so that `distance()` means the same thing everywhere.

/// How two vectors are compared.
public enum Metric: String, Hashable, Sendable, CaseIterable {
    /// `1 - cos(a, b)`; smaller is closer.
    case cosine = "Cosine"
    /// Squared Euclidean distance; smaller is closer (MyScale's `L2`).
    case l2 = "L2"
    /// Inner product; larger is closer, so results order DESC.
    case innerProduct = "IP"

    /// Parses a `metric_type` value case-insensitively (`Cosine`, `L2`, `IP`).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "cosine": self = .cosine
        case "l2": self = .l2
        case "ip": self = .innerProduct
        default: return nil
        }
    }

    /// True when a larger value means a closer vector.
    public var largerIsCloser: Bool { self == .innerProduct }
}
