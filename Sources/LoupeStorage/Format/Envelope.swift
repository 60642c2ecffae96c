// The checksummed wrapper of every small file: catalog, manifest, part index and delete mask.
// A 20-byte header (magic, format version, payload length, CRC32C of the header's first 16 bytes
// and the payload) precedes the payload, so a torn, truncated, extended or bit-flipped file is
// detected before anything in it is believed.

import LoupeCore

/// Wraps and unwraps checksummed files.
enum Envelope {
    static let headerSize = 20

    /// `payload` behind a header with `magic` (4 ASCII characters) and `version`.
    static func wrap(magic: StaticString, version: UInt32, payload: [UInt8]) -> [UInt8] {
        var out = ByteWriter(reservingCapacity: headerSize + payload.count)
        magic.withUTF8Buffer { out.raw(UnsafeRawBufferPointer($0)) }
        out.u32(version)
        out.count(payload.count)
        out.u32(0)
        payload.withUnsafeBytes { out.raw($0) }
        let crc = out.bytes.withUnsafeBytes { all in
            CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: all[headerSize...]),
                continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[..<16])))
        }
        out.patchU32(crc, at: 16)
        return out.bytes
    }

    /// The payload of `bytes` read from `path` (a `what`, for messages), after checking the
    /// magic, the version (at most `version`), the length and the checksum.
    static func unwrap(_ bytes: [UInt8], magic: StaticString, version: UInt32, what: String, path: String) throws
        -> (version: UInt32, payload: [UInt8])
    {
        func corrupt(_ detail: String) -> LoupeError {
            LoupeError(.corrupt, "The \(what) \(path) is damaged: \(detail)", file: path)
        }
        guard bytes.count >= headerSize else {
            throw corrupt("it holds \(bytes.count) bytes, fewer than its \(headerSize)-byte header")
        }
        let expectedMagic = magic.withUTF8Buffer { Array($0) }
        guard Array(bytes[0..<4]) == expectedMagic else { throw corrupt("bad magic number") }
        return try bytes.withUnsafeBytes { all in
            var reader = ByteReader(all, from: 4)
            let fileVersion = try reader.u32()
            let length = try reader.u64()
            let stored = try reader.u32()
            guard length == UInt64(bytes.count - headerSize) else {
                throw corrupt("its header announces \(length) payload bytes but \(bytes.count - headerSize) follow")
            }
            let crc = CRC32C.checksum(
                UnsafeRawBufferPointer(rebasing: all[headerSize...]),
                continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[..<16])))
            guard crc == stored else { throw corrupt("checksum mismatch") }
            guard fileVersion >= 1, fileVersion <= version else {
                throw corrupt("format version \(fileVersion) is not supported (at most \(version))")
            }
            return (fileVersion, Array(bytes[headerSize...]))
        }
    }
}
