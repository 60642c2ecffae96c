// The index file of a part: a 64-byte header, then the kind-specific payload starting at byte 64
// (so a mapped file's payload is 64-byte aligned). Layout (little-endian):
//
//     0   4  magic "LPVX"
//     4   4  format version (1)
//     8   1  kind (VectorIndexKind)      9  1  metric (1 Cosine, 2 L2, 3 IP)    10  6  zero
//    16   8  vector count               24  4  dimension                        28  4  zero
//    32   8  payload length             40  4  CRC32C of the payload            44  4  CRC32C of bytes 0..<44
//    48  16  zero
//
// A file whose header or payload does not check out is reported as `.corrupt` naming the file;
// the caller decides whether to rebuild or scan exactly.

import LoupeCore

/// Encoding and decoding of index files.
public enum VectorIndexFile {
    /// The current format version.
    public static let version: UInt32 = 1
    /// Bytes before the payload.
    public static let headerSize = 64
    static let magic: [UInt8] = Array("LPVX".utf8)

    /// A whole file for an index of `kind` with `payload`.
    public static func encode(kind: VectorIndexKind, metric: Metric, count: Int, dimension: Int, payload: [UInt8])
        -> [UInt8]
    {
        var bytes = [UInt8](repeating: 0, count: headerSize)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
        }
        bytes.replaceSubrange(0..<4, with: magic)
        put(version, at: 4)
        bytes[8] = kind.rawValue
        bytes[9] = metric.code
        put(UInt64(count), at: 16)
        put(UInt32(dimension), at: 24)
        put(UInt64(payload.count), at: 32)
        put(CRC32C.checksum(payload), at: 40)
        put(bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<44])) }, at: 44)
        return bytes + payload
    }

    /// The index a file holds. `bytes` must stay valid as long as the index lives (`owner` keeps
    /// them, e.g. a mapping); `path` names the file in errors. The index must cover `count`
    /// vectors of `dimension` floats under `metric`, else the file is reported as stale.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, owner: AnyObject?, path: String, metric: Metric, count: Int, dimension: Int
    ) throws -> VectorIndex {
        func corrupt(_ detail: String) -> LoupeError {
            LoupeError(.corrupt, "Vector index file \(path) is damaged: \(detail)", file: path)
        }
        guard bytes.count >= headerSize else { throw corrupt("it holds \(bytes.count) bytes, less than a header") }
        func read<T: FixedWidthInteger>(_: T.Type, _ offset: Int) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        guard Array(bytes[0..<4]) == magic else { throw corrupt("bad magic number") }
        guard read(UInt32.self, 44) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<44])) else {
            throw corrupt("header checksum mismatch")
        }
        // Bytes 48..<64 lie outside the header checksum; they must read as written.
        guard bytes[48..<headerSize].allSatisfy({ $0 == 0 }) else { throw corrupt("reserved header bytes are not zero") }
        let fileVersion = read(UInt32.self, 4)
        guard fileVersion >= 1, fileVersion <= version else {
            throw corrupt("format version \(fileVersion) is not supported (at most \(version))")
        }
        guard let kind = VectorIndexKind(rawValue: bytes[8]) else { throw corrupt("unknown index kind \(bytes[8])") }
        guard let fileMetric = Metric(code: bytes[9]) else { throw corrupt("unknown metric \(bytes[9])") }
        let payloadLength = read(UInt64.self, 32)
        guard payloadLength == UInt64(bytes.count - headerSize) else {
            throw corrupt("its header announces \(payloadLength) payload bytes but \(bytes.count - headerSize) follow")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        guard read(UInt32.self, 40) == CRC32C.checksum(payload) else { throw corrupt("payload checksum mismatch") }
        let fileCount = Int(read(UInt64.self, 16))
        let fileDimension = Int(read(UInt32.self, 24))
        guard fileMetric == metric, fileCount == count, fileDimension == dimension else {
            throw corrupt(
                "it indexes \(fileCount) vectors of \(fileDimension) floats by \(fileMetric.rawValue), "
                    + "the part \(count) of \(dimension) by \(metric.rawValue)")
        }
        switch kind {
        case .flat:
            guard payload.isEmpty else { throw corrupt("a flat index has no payload") }
            return FlatIndex(metric: metric, count: count, dimension: dimension)
        case .graph:
            do {
                return try GraphIndex(decoding: payload, owner: owner, metric: metric, count: count, dimension: dimension)
            } catch let error as IndexFormatError {
                throw corrupt(error.message)
            }
        }
    }
}

/// A structural fault found while decoding a payload (the caller adds the file name).
struct IndexFormatError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

extension Metric {
    /// The metric's number in index files.
    var code: UInt8 {
        switch self {
        case .cosine: return 1
        case .l2: return 2
        case .innerProduct: return 3
        }
    }

    init?(code: UInt8) {
        switch code {
        case 1: self = .cosine
        case 2: self = .l2
        case 3: self = .innerProduct
        default: return nil
        }
    }
}
