// Turning one page of a column into bytes and back. Encoding lays the payload out (column
// encoding or raw vectors), compresses it with lz4 when that saves at least 10% (never for raw
// vectors, which stay addressable in the file), and stamps the header and CRC32C. Decoding checks
// the header against what the part index expects, verifies the checksum, decompresses and decodes,
// refusing trailing bytes.

import CLZ4
import LoupeCore

/// A page ready to be written: header and stored payload in one buffer.
struct EncodedPage {
    var bytes: [UInt8]
    /// Payload bytes before compression.
    var rawSize: Int
}

/// Builds pages.
enum PageEncoder {
    /// Payloads smaller than this are not worth compressing.
    static let minimumCompressibleSize = 64

    /// The page holding `column`'s rows (of `type`); as raw vectors when `fixedDimension` is set.
    static func encode(_ column: Column, type: DataType, fixedDimension: Int?) -> EncodedPage {
        var out = ByteWriter(reservingCapacity: PageHeader.size + 64)
        out.reserve(PageHeader.size) { _ in }  // room for the header, written below
        let layout: PageLayout
        if fixedDimension != nil {
            layout = .fixedVectors
            ColumnCodec.encodeFixedVectors(column, into: &out)
        } else {
            layout = .column
            ColumnCodec.encode(column, as: type, into: &out)
        }
        let rawSize = out.count - PageHeader.size
        var bytes = out.bytes
        var codec = PageCodec.plain
        if layout == .column, let compressed = compress(bytes, rawSize: rawSize) {
            bytes = compressed
            codec = .lz4
        }
        var header = PageHeader(
            codec: codec, layout: layout, rows: column.count, dimension: fixedDimension ?? 0, rawSize: rawSize,
            storedSize: bytes.count - PageHeader.size, checksum: 0)
        bytes.withUnsafeMutableBytes { all in
            header.write(into: all)
            header.checksum = PageHeader.checksum(
                header: UnsafeRawBufferPointer(all), payload: UnsafeRawBufferPointer(rebasing: all[PageHeader.size...]))
            header.write(into: all)
        }
        return EncodedPage(bytes: bytes, rawSize: rawSize)
    }

    /// `page` (header space plus `rawSize` payload bytes) with its payload lz4-compressed, when
    /// that saves at least 10%.
    private static func compress(_ page: [UInt8], rawSize: Int) -> [UInt8]? {
        guard rawSize >= minimumCompressibleSize, rawSize <= Int(LZ4_MAX_INPUT_SIZE) else { return nil }
        let bound = Int(LZ4_compressBound(Int32(rawSize)))
        var out = [UInt8](repeating: 0, count: PageHeader.size + bound)
        let stored = page.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                // lz4 takes `char *`; C's char may alias any bytes, and both buffers are sized
                // above (the source holds `rawSize` payload bytes, the destination `bound`).
                LZ4_compress_default(
                    src.baseAddress!.advanced(by: PageHeader.size).assumingMemoryBound(to: CChar.self),
                    dst.baseAddress!.advanced(by: PageHeader.size).assumingMemoryBound(to: CChar.self),
                    Int32(rawSize), Int32(bound))
            }
        }
        guard stored > 0, Int(stored) * 10 <= rawSize * 9 else { return nil }
        out.removeLast(bound - Int(stored))
        return out
    }
}

/// Reads pages.
enum PageDecoder {
    /// Checks a whole page (header and stored payload) and decodes its rows of `type`.
    static func decode(_ page: UnsafeRawBufferPointer, type: DataType, expectedRows: Int) throws -> Column {
        let header = try verifiedHeader(page, pageSize: page.count, expectedRows: expectedRows)
        let payload = UnsafeRawBufferPointer(rebasing: page[PageHeader.size...])
        guard PageHeader.checksum(header: page, payload: payload) == header.checksum else {
            throw FormatError("checksum mismatch")
        }
        switch header.codec {
        case .plain:
            guard header.rawSize == header.storedSize else {
                throw FormatError("a plain page of \(header.storedSize) bytes claims \(header.rawSize) raw bytes")
            }
            return try decodePayload(payload, header: header, type: type)
        case .lz4:
            guard header.layout == .column else { throw FormatError("raw vectors are never compressed") }
            let raw = try decompress(payload, rawSize: header.rawSize)
            return try raw.withUnsafeBytes { try decodePayload($0, header: header, type: type) }
        }
    }

    /// The header at the start of `bytes`, checked against the page's length in the index and
    /// the expected row count.
    static func verifiedHeader(_ bytes: UnsafeRawBufferPointer, pageSize: Int, expectedRows: Int) throws -> PageHeader {
        let header = try PageHeader.parse(bytes)
        guard header.storedSize == pageSize - PageHeader.size else {
            throw FormatError("header says \(header.storedSize) stored bytes, the index \(pageSize - PageHeader.size)")
        }
        guard header.rows == expectedRows else {
            throw FormatError("header says \(header.rows) rows, the index \(expectedRows)")
        }
        return header
    }

    private static func decodePayload(_ payload: UnsafeRawBufferPointer, header: PageHeader, type: DataType) throws
        -> Column
    {
        var reader = ByteReader(payload)
        switch header.layout {
        case .column:
            let column = try ColumnCodec.decode(type, rows: header.rows, from: &reader)
            guard reader.isAtEnd else { throw FormatError("\(reader.remaining) bytes follow the last row") }
            return column
        case .fixedVectors:
            guard type == .array(.float32), header.dimension > 0 else {
                throw FormatError("raw vectors in a column of type \(type)")
            }
            let (count, overflow) = header.rows.multipliedReportingOverflow(by: header.dimension)
            guard !overflow, count * MemoryLayout<Float>.stride == payload.count else {
                throw FormatError("\(header.rows) vectors of \(header.dimension) floats do not fill \(payload.count) bytes")
            }
            let floats = try reader.array(of: Float.self, count: count)
            return ColumnCodec.fixedVectorColumn(floats, rows: header.rows, dimension: header.dimension)
        }
    }

    private static func decompress(_ payload: UnsafeRawBufferPointer, rawSize: Int) throws -> [UInt8] {
        guard rawSize <= Int(LZ4_MAX_INPUT_SIZE), payload.count <= Int(Int32.max) else {
            throw FormatError("impossible lz4 sizes (raw \(rawSize), stored \(payload.count))")
        }
        var raw = [UInt8](repeating: 0, count: rawSize)
        let got = raw.withUnsafeMutableBytes { dst -> Int32 in
            guard let source = payload.baseAddress, let target = dst.baseAddress else { return rawSize == 0 ? 0 : -1 }
            // lz4 takes `char *`; the safe decoder never reads beyond `payload.count` bytes nor
            // writes beyond `rawSize`.
            return LZ4_decompress_safe(
                source.assumingMemoryBound(to: CChar.self), target.assumingMemoryBound(to: CChar.self),
                Int32(payload.count), Int32(rawSize))
        }
        guard got == Int32(rawSize) else { throw FormatError("lz4 payload does not decompress to \(rawSize) bytes") }
        return raw
    }
}
