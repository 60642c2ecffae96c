// A table's manifest: the one file that says which parts are live, in order, and which delete
// mask each uses, plus the table's column types and the next part number. Every change to a
// table's rows ends in writing a new manifest and renaming it over the old, so the rename is the
// commit point; anything in the table directory the manifest does not name is garbage.

import LoupeCore

/// The committed state of a table.
struct Manifest: Equatable {
    static let magic: StaticString = "LPMF"
    static let version: UInt32 = 1
    static let fileName = "manifest"
    static let temporaryFileName = "manifest.tmp"

    /// A live part.
    struct Entry: Equatable {
        var name: String
        var rowCount: Int
        /// The part's delete-mask file, if any row is deleted.
        var mask: String?
    }

    /// Grows by one with every commit.
    var sequence: UInt64
    /// Part numbers below this may have been used; new parts take numbers from here.
    var nextPartNumber: UInt64
    var types: [DataType]
    var sortKeyColumn: Int?
    var parts: [Entry]

    func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.u64(sequence)
        out.u64(nextPartNumber)
        out.u32(UInt32(types.count))
        for type in types { TypeCode.write(type, into: &out) }
        out.u32(sortKeyColumn.map { UInt32($0) } ?? UInt32.max)
        out.u32(UInt32(parts.count))
        for part in parts {
            out.string(part.name)
            out.count(part.rowCount)
            out.string(part.mask ?? "")
        }
        return Envelope.wrap(magic: Self.magic, version: Self.version, payload: out.bytes)
    }

    /// The manifest in `bytes`, read from `path`, after checking it for damage.
    static func decode(_ bytes: [UInt8], path: String) throws -> Manifest {
        let (_, payload) = try Envelope.unwrap(bytes, magic: magic, version: version, what: "manifest", path: path)
        do {
            return try payload.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                let sequence = try reader.u64()
                let nextPartNumber = try reader.u64()
                let typeCount = Int(try reader.u32())
                guard typeCount <= reader.remaining else { throw FormatError("\(typeCount) columns cannot fit") }
                var types: [DataType] = []
                for _ in 0..<typeCount { types.append(try TypeCode.read(from: &reader)) }
                let key = try reader.u32()
                guard key == UInt32.max || Int(key) < typeCount else {
                    throw FormatError("sort-key column \(key) does not exist")
                }
                let partCount = Int(try reader.u32())
                guard partCount <= reader.remaining else { throw FormatError("\(partCount) parts cannot fit") }
                var parts: [Entry] = []
                for _ in 0..<partCount {
                    let name = try reader.string()
                    let rows = try reader.count("part row count")
                    let mask = try reader.string()
                    guard PartName.number(of: name) != nil, mask.isEmpty || DeleteMask.isMaskFile(mask) else {
                        throw FormatError("bad part entry \(name) \(mask)")
                    }
                    parts.append(Entry(name: name, rowCount: rows, mask: mask.isEmpty ? nil : mask))
                }
                guard reader.isAtEnd else { throw FormatError("\(reader.remaining) bytes follow the parts") }
                return Manifest(
                    sequence: sequence, nextPartNumber: nextPartNumber, types: types,
                    sortKeyColumn: key == UInt32.max ? nil : Int(key), parts: parts)
            }
        } catch let error as FormatError {
            throw LoupeError(.corrupt, "The manifest \(path) is damaged: \(error.message)", file: path)
        }
    }
}

/// Part directory names: `p` and a zero-padded number, unique within a table forever.
enum PartName {
    static func make(_ number: UInt64) -> String {
        let digits = String(number)
        return "p" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// The number of a part name, or nil when `name` is not one.
    static func number(of name: String) -> UInt64? {
        guard name.hasPrefix("p"), name.count > 1, name.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return UInt64(name.dropFirst())
    }
}
