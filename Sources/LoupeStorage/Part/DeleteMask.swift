// The rows of a part that DELETE removed: a bitmap with one bit per row, stored next to the
// part's column files as `mask_<sequence>` (a new file for every change, so the manifest can name
// the current one and a crash leaves the previous one in force). Masks are immutable; a delete
// builds a new one from the old.

import LoupeCore

/// The deleted rows of one part.
final class DeleteMask: Sendable {
    static let magic: StaticString = "LPMK"
    static let version: UInt32 = 1

    /// File name within the part directory.
    let fileName: String
    let rowCount: Int
    let deletedCount: Int
    /// Bit `r % 64` of word `r / 64` is set when row `r` is deleted.
    let words: [UInt64]

    private init(fileName: String, rowCount: Int, words: [UInt64]) {
        self.fileName = fileName
        self.rowCount = rowCount
        self.words = words
        deletedCount = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// The file name of the mask written at manifest `sequence`.
    static func fileName(sequence: UInt64) -> String { "mask_\(sequence)" }

    /// True when `name` is a mask file name.
    static func isMaskFile(_ name: String) -> Bool {
        name.hasPrefix("mask_") && name.count > 5 && name.dropFirst(5).allSatisfy { $0.isASCII && $0.isNumber }
    }

    func isDeleted(_ row: Int) -> Bool {
        words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// This mask plus `rows` (positions in the part), saved as `fileName`.
    func adding(_ rows: [Int], fileName: String) -> DeleteMask {
        DeleteMask.build(rowCount: rowCount, base: words, adding: rows, fileName: fileName)
    }

    /// A mask of a `rowCount`-row part deleting `rows`.
    static func deleting(_ rows: [Int], rowCount: Int, fileName: String) -> DeleteMask {
        build(rowCount: rowCount, base: nil, adding: rows, fileName: fileName)
    }

    private static func build(rowCount: Int, base: [UInt64]?, adding rows: [Int], fileName: String) -> DeleteMask {
        var words = base ?? [UInt64](repeating: 0, count: (rowCount + 63) / 64)
        for r in rows {
            precondition(r >= 0 && r < rowCount, "row \(r) outside a part of \(rowCount) rows")
            words[r >> 6] |= 1 << UInt64(r & 63)
        }
        return DeleteMask(fileName: fileName, rowCount: rowCount, words: words)
    }

    /// The surviving rows of `range`, relative to its start: nil when none is deleted.
    func liveOffsets(in range: Range<Int>) -> [Int]? {
        guard range.contains(where: isDeleted) else { return nil }
        return range.filter { !isDeleted($0) }.map { $0 - range.lowerBound }
    }

    func encoded() -> [UInt8] {
        var out = ByteWriter(reservingCapacity: 16 + 8 * words.count)
        out.count(rowCount)
        out.raw(words)
        return Envelope.wrap(magic: Self.magic, version: Self.version, payload: out.bytes)
    }

    /// The mask in `bytes`, read from `path`, for a part of `rowCount` rows.
    static func decode(_ bytes: [UInt8], path: String, fileName: String, rowCount: Int) throws -> DeleteMask {
        let (_, payload) = try Envelope.unwrap(bytes, magic: magic, version: version, what: "delete mask", path: path)
        do {
            return try payload.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                let rows = try reader.count("row count")
                guard rows == rowCount else { throw FormatError("it covers \(rows) rows, the part holds \(rowCount)") }
                let words = try reader.array(of: UInt64.self, count: (rows + 63) / 64)
                guard reader.isAtEnd else { throw FormatError("\(reader.remaining) bytes follow the bitmap") }
                if rows % 64 != 0, let last = words.last, last >> UInt64(rows % 64) != 0 {
                    throw FormatError("bits are set beyond the last row")
                }
                return DeleteMask(fileName: fileName, rowCount: rows, words: words)
            }
        } catch let error as FormatError {
            throw LoupeError(.corrupt, "The delete mask \(path) is damaged: \(error.message)", file: path)
        }
    }
}
