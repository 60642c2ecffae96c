// A reader for the safetensors format Hugging Face checkpoints use: an 8-byte little-endian header
// length, a JSON header mapping each tensor name to its dtype, shape and byte range, then the raw
// little-endian tensor data. The file is memory-mapped; tensors are converted to Float on request
// (F32 is copied, F16 and BF16 are widened).

import Foundation

/// The element types a safetensors file may declare. Only the floating-point ones can be read.
public enum SafeTensorsDType: String, Sendable {
    case f64 = "F64"
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case i64 = "I64"
    case i32 = "I32"
    case i16 = "I16"
    case i8 = "I8"
    case u8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .i8, .u8, .bool: return 1
        }
    }
}

/// Where one tensor lives in a safetensors file.
public struct SafeTensorInfo: Sendable, Equatable {
    /// The tensor's name in the header.
    public let name: String
    /// The declared element type.
    public let dtype: SafeTensorsDType
    /// The declared shape (empty for a scalar).
    public let shape: [Int]
    /// Absolute byte range of the data within the file.
    public let byteRange: Range<Int>

    /// The number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
}

/// A memory-mapped safetensors file.
public final class SafeTensorsFile: Sendable {
    /// The file's path, used in error messages.
    public let path: String
    /// Every tensor in the file, by name.
    public let tensors: [String: SafeTensorInfo]
    /// The free-form `__metadata__` strings of the header.
    public let metadata: [String: String]
    private let file: MappedFile

    /// Maps and validates the file at `path`: header length, header JSON, every tensor's dtype,
    /// shape and byte range. Throws `EmbedError.missingFile` or `.invalidFile`.
    public init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        let (tensors, metadata) = try file.withBytes { bytes in try Self.parseHeader(bytes, path: path) }
        self.tensors = tensors
        self.metadata = metadata
    }

    private static func parseHeader(
        _ bytes: UnsafeRawBufferPointer, path: String
    ) throws -> ([String: SafeTensorInfo], [String: String]) {
        guard bytes.count >= 8 else {
            throw EmbedError.invalidFile(
                path: path, reason: "too short for a safetensors header (\(bytes.count) bytes)")
        }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard headerLength <= UInt64(bytes.count - 8), headerLength <= 100_000_000 else {
            throw EmbedError.invalidFile(
                path: path, reason: "header length \(headerLength) exceeds the file size \(bytes.count)")
        }
        let dataStart = 8 + Int(headerLength)
        let headerData = Data(bytes[8..<dataStart])
        guard let object = try? JSONSerialization.jsonObject(with: headerData), let header = object as? [String: Any]
        else {
            throw EmbedError.invalidFile(path: path, reason: "safetensors header is not a JSON object")
        }
        var tensors: [String: SafeTensorInfo] = [:]
        var metadata: [String: String] = [:]
        let dataCount = bytes.count - dataStart
        for (name, value) in header {
            if name == "__metadata__" {
                for (key, item) in value as? [String: Any] ?? [:] { metadata[key] = item as? String }
                continue
            }
            guard let entry = value as? [String: Any],
                let dtypeName = entry["dtype"] as? String,
                let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                offsets.count == 2, shape.count == (entry["shape"] as? [Any])?.count
            else {
                throw EmbedError.invalidFile(path: path, reason: "tensor '\(name)' has a malformed header entry")
            }
            guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                throw EmbedError.unsupportedDType(file: path, tensor: name, dtype: dtypeName)
            }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataCount
            else {
                throw EmbedError.invalidFile(
                    path: path,
                    reason: "tensor '\(name)' has byte range \(offsets) outside the data (\(dataCount) bytes)")
            }
            let (elements, overflow) = shape.reduce((1, false)) { acc, dim in
                let product = acc.0.multipliedReportingOverflow(by: dim)
                return (product.partialValue, acc.1 || product.overflow)
            }
            guard !overflow,
                elements.multipliedReportingOverflow(by: dtype.size).partialValue == offsets[1] - offsets[0]
            else {
                throw EmbedError.invalidFile(
                    path: path,
                    reason: "tensor '\(name)' of shape \(shape) \(dtypeName) needs \(elements * dtype.size) bytes, "
                        + "the header gives \(offsets[1] - offsets[0])")
            }
            tensors[name] = SafeTensorInfo(
                name: name, dtype: dtype, shape: shape, byteRange: (dataStart + offsets[0])..<(dataStart + offsets[1]))
        }
        return (tensors, metadata)
    }

    /// The header entry of `name`. Throws `EmbedError.missingTensor`.
    public func info(_ name: String) throws -> SafeTensorInfo {
        guard let info = tensors[name] else { throw EmbedError.missingTensor(file: path, tensor: name) }
        return info
    }

    /// The tensor `name` as row-major Float values, after checking that its shape is `shape`.
    /// Throws `EmbedError.missingTensor`, `.shapeMismatch` or `.unsupportedDType`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let info = try info(name)
        guard info.shape == shape else {
            throw EmbedError.shapeMismatch(file: path, tensor: name, expected: shape, found: info.shape)
        }
        return try floats(info)
    }

    /// The tensor `name` as row-major Float values, whatever its shape.
    public func floats(_ name: String) throws -> [Float] {
        try floats(info(name))
    }

    private func floats(_ info: SafeTensorInfo) throws -> [Float] {
        let count = info.elementCount
        switch info.dtype {
        case .f32, .f16, .bf16:
            break
        default:
            throw EmbedError.unsupportedDType(file: path, tensor: info.name, dtype: info.dtype.rawValue)
        }
        return file.withBytes { bytes in
            let source = UnsafeRawBufferPointer(rebasing: bytes[info.byteRange])
            return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                switch info.dtype {
                case .f32:
                    // The byte range holds exactly `count` little-endian floats (checked at open).
                    UnsafeMutableRawBufferPointer(out).copyMemory(from: source)
                case .f16:
                    for i in 0..<count {
                        out[i] = Self.halfToFloat(source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    }
                default:
                    for i in 0..<count {
                        let bits = UInt32(source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) << 16
                        out[i] = Float(bitPattern: bits)
                    }
                }
                initialized = count
            }
        }
    }

    /// IEEE 754 binary16 to binary32, including subnormals, infinities and NaN.
    static func halfToFloat(_ half: UInt16) -> Float {
        let sign = UInt32(half & 0x8000) << 16
        let exponent = Int(half >> 10) & 0x1f
        let mantissa = UInt32(half & 0x3ff)
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 0x1f {
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | (UInt32(exponent + 112) << 23) | (mantissa << 13))
    }
}
