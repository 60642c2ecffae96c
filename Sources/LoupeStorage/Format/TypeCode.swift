// Column types as bytes, so a manifest and a part index say what their columns are and a part
// can be decoded without the catalog: one tag byte per type constructor, a 4-byte width after
// FixedString, the element type after Array and Nullable.

import LoupeCore

/// Serializes `DataType`s.
enum TypeCode {
    /// Deeper nesting than this in a file is treated as damage.
    static let maximumDepth = 32

    static func write(_ type: DataType, into out: inout ByteWriter) {
        switch type {
        case .bool: out.u8(1)
        case .int8: out.u8(2)
        case .int16: out.u8(3)
        case .int32: out.u8(4)
        case .int64: out.u8(5)
        case .uint8: out.u8(6)
        case .uint16: out.u8(7)
        case .uint32: out.u8(8)
        case .uint64: out.u8(9)
        case .float32: out.u8(10)
        case .float64: out.u8(11)
        case .string: out.u8(12)
        case .fixedString(let n):
            out.u8(13)
            out.u32(UInt32(n))
        case .date: out.u8(14)
        case .dateTime: out.u8(15)
        case .array(let element):
            out.u8(16)
            write(element, into: &out)
        case .nullable(let inner):
            out.u8(17)
            write(inner, into: &out)
        case .nothing: out.u8(18)
        }
    }

    static func read(from reader: inout ByteReader, depth: Int = 0) throws -> DataType {
        guard depth < maximumDepth else { throw FormatError("column type nested deeper than \(maximumDepth)") }
        let tag = try reader.u8()
        switch tag {
        case 1: return .bool
        case 2: return .int8
        case 3: return .int16
        case 4: return .int32
        case 5: return .int64
        case 6: return .uint8
        case 7: return .uint16
        case 8: return .uint32
        case 9: return .uint64
        case 10: return .float32
        case 11: return .float64
        case 12: return .string
        case 13: return .fixedString(Int(try reader.u32()))
        case 14: return .date
        case 15: return .dateTime
        case 16: return .array(try read(from: &reader, depth: depth + 1))
        case 17: return .nullable(try read(from: &reader, depth: depth + 1))
        case 18: return .nothing
        default: throw FormatError("unknown column type tag \(tag)")
        }
    }
}
