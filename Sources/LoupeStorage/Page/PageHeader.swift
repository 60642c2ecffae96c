// The fixed 40-byte header in front of every page of a column file. It says how the payload is
// stored (plain or lz4), how it is laid out (the column encoding, or raw fixed-dimension float32
// vectors), how many rows it holds and how big it is before and after compression; its CRC32C
// covers the header (with the checksum field zeroed) and the stored payload, so a flipped bit
// anywhere in a page is caught.

import LoupeCore

/// How a page's payload is stored.
enum PageCodec: UInt8 {
    case plain = 0
    case lz4 = 1
}

/// How a page's raw payload is laid out.
enum PageLayout: UInt8 {
    /// The column encoding of `ColumnCodec`.
    case column = 0
    /// `rows × dimension` float32 values, row after row (an Array(Float32) page whose rows all
    /// have `dimension` elements).
    case fixedVectors = 1
}

/// The header of a page.
struct PageHeader: Equatable {
    static let size = 40
    static let magic: (UInt8, UInt8, UInt8, UInt8) = (0x4C, 0x50, 0x50, 0x47)  // "LPPG"
    static let version: UInt8 = 1
    /// Offset of the checksum field.
    static let checksumOffset = 32

    var codec: PageCodec
    var layout: PageLayout
    var rows: Int
    /// Elements per row for `.fixedVectors`, else 0.
    var dimension: Int
    var rawSize: Int
    var storedSize: Int
    var checksum: UInt32

    /// Writes the header into the first `size` bytes of `buffer`.
    func write(into buffer: UnsafeMutableRawBufferPointer) {
        // Every store below lies in the first 40 bytes, which the precondition guarantees.
        precondition(buffer.count >= Self.size)
        buffer[0] = Self.magic.0
        buffer[1] = Self.magic.1
        buffer[2] = Self.magic.2
        buffer[3] = Self.magic.3
        buffer[4] = Self.version
        buffer[5] = codec.rawValue
        buffer[6] = layout.rawValue
        buffer[7] = 0
        buffer.storeBytes(of: UInt32(rows).littleEndian, toByteOffset: 8, as: UInt32.self)
        buffer.storeBytes(of: UInt32(dimension).littleEndian, toByteOffset: 12, as: UInt32.self)
        buffer.storeBytes(of: UInt64(rawSize).littleEndian, toByteOffset: 16, as: UInt64.self)
        buffer.storeBytes(of: UInt64(storedSize).littleEndian, toByteOffset: 24, as: UInt64.self)
        buffer.storeBytes(of: checksum.littleEndian, toByteOffset: 32, as: UInt32.self)
        buffer.storeBytes(of: UInt32(0), toByteOffset: 36, as: UInt32.self)
    }

    /// Parses the first `size` bytes of `buffer`, checking everything but the checksum.
    static func parse(_ buffer: UnsafeRawBufferPointer) throws -> PageHeader {
        guard buffer.count >= size else { throw FormatError("the page header is cut short") }
        guard buffer[0] == magic.0, buffer[1] == magic.1, buffer[2] == magic.2, buffer[3] == magic.3 else {
            throw FormatError("bad page magic number")
        }
        guard buffer[4] == version else { throw FormatError("page format version \(buffer[4]) is not supported") }
        guard let codec = PageCodec(rawValue: buffer[5]) else { throw FormatError("unknown page codec \(buffer[5])") }
        guard let layout = PageLayout(rawValue: buffer[6]) else { throw FormatError("unknown page layout \(buffer[6])") }
        var reader = ByteReader(buffer, from: 8)
        let rows = Int(try reader.u32())
        let dimension = Int(try reader.u32())
        let rawSize = try reader.u64()
        let storedSize = try reader.u64()
        let checksum = try reader.u32()
        let reserved = try reader.u32()
        guard buffer[7] == 0, reserved == 0 else { throw FormatError("reserved page header bytes are not zero") }
        guard rawSize <= UInt64(Int32.max) * 64, storedSize <= UInt64(Int32.max) * 64 else {
            throw FormatError("impossible page sizes (raw \(rawSize), stored \(storedSize))")
        }
        return PageHeader(
            codec: codec, layout: layout, rows: rows, dimension: dimension, rawSize: Int(rawSize),
            storedSize: Int(storedSize), checksum: checksum)
    }

    /// The CRC32C of a page: its header with a zero checksum field, then the stored payload.
    static func checksum(header: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer) -> UInt32 {
        var zeroed = [UInt8](header[..<size])
        for k in checksumOffset..<(checksumOffset + 4) { zeroed[k] = 0 }
        return CRC32C.checksum(payload, continuing: CRC32C.checksum(zeroed))
    }
}
