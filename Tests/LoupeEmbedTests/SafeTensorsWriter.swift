// A minimal safetensors writer for tests: builds files with chosen tensors, dtypes and shapes
// (including deliberately broken ones) so the reader and the checkpoint loader can be tested
// without large downloads.

import Foundation

@testable import LoupeEmbed

struct SafeTensorsWriter {
    struct Entry {
        var name: String
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]
    }

    var entries: [Entry] = []

    /// Adds `values` as F32, F16 or BF16 (rounding to nearest even for the half types).
    mutating func add(_ name: String, shape: [Int], values: [Float], dtype: String = "F32") {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            switch dtype {
            case "F16":
                let h = Float16Bits.encode(v)
                bytes += [UInt8(h & 0xff), UInt8(h >> 8)]
            case "BF16":
                let bits = v.bitPattern
                let rounded = (bits &+ 0x7fff &+ ((bits >> 16) & 1)) >> 16
                bytes += [UInt8(rounded & 0xff), UInt8((rounded >> 8) & 0xff)]
            default:
                let bits = v.bitPattern
                bytes += [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)]
            }
        }
        entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    /// The file's bytes: header length, header JSON (padded to 8 bytes), data.
    func data() -> Data {
        var header: [String: Any] = ["__metadata__": ["format": "pt"]]
        var offset = 0
        for entry in entries {
            header[entry.name] = [
                "dtype": entry.dtype, "shape": entry.shape, "data_offsets": [offset, offset + entry.bytes.count],
            ]
            offset += entry.bytes.count
        }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data()
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(json)
        for entry in entries { out.append(contentsOf: entry.bytes) }
        return out
    }

    func write(to path: String) throws {
        try data().write(to: URL(fileURLWithPath: path))
    }
}

/// Float to IEEE binary16 for the writer (normal range, round to nearest even).
enum Float16Bits {
    static func encode(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xff) - 127 + 15
        var mantissa = bits & 0x7f_ffff
        if exponent <= 0 { return sign }
        if exponent >= 31 { return sign | 0x7c00 }
        let round = (mantissa >> 13) & 1
        mantissa = mantissa + 0xfff + round
        var e = UInt16(exponent)
        if mantissa & 0x80_0000 != 0 {
            mantissa = 0
            e += 1
        }
        return sign | (e << 10) | UInt16(mantissa >> 13)
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-embed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
