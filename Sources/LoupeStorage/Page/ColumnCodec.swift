// The column encoding inside a page: values at the width of their logical type (an Int8 or Bool
// takes one byte, a Date two, an Int32 or DateTime four), strings as lengths then bytes, arrays as
// lengths then the encoding of all their elements (recursively, so nested arrays work), Nullable
// as a null map before the values. Values too wide for their type's usual width (a Date beyond
// 2149) are kept at eight bytes, flagged by a width byte, so nothing is ever truncated.
//
// Every encoding spends at least one byte per row, which lets the decoder refuse a row count the
// remaining bytes cannot hold before allocating anything. All loops run over contiguous buffers.

import LoupeCore

/// Encodes and decodes a column's rows.
enum ColumnCodec {
    // MARK: Encoding

    /// Appends the encoding of `column`'s rows, as type `type`, to `out`.
    static func encode(_ column: Column, as type: DataType, into out: inout ByteWriter) {
        switch type {
        case .nullable(let inner):
            writeNullMap(column, into: &out)
            encodeValues(column, as: inner, into: &out)
        case .nothing:
            writeNullMap(column, into: &out)
            encodeValues(column, as: .nothing, into: &out)
        default:
            encodeValues(column, as: type, into: &out)
        }
    }

    /// A flag byte (0: no NULLs; 1: a map follows), then one byte per row (1 = NULL).
    private static func writeNullMap(_ column: Column, into out: inout ByteWriter) {
        guard let nulls = column.nulls, nulls.contains(true) else {
            out.u8(0)
            return
        }
        out.u8(1)
        out.reserve(nulls.count) { dst in
            for (i, isNull) in nulls.enumerated() { dst[i] = isNull ? 1 : 0 }
        }
    }

    // The loops below write into buffers `ByteWriter.reserve` sized for exactly the rows they
    // store, and read from buffers `ByteReader.take` checked to hold exactly the rows they load;
    // `[T](unsafeUninitializedCapacity:)` buffers are filled up to the capacity they were made with.

    private static func encodeValues(_ column: Column, as type: DataType, into out: inout ByteWriter) {
        switch column.data {
        case .int64(let values): encodeIntegers(values, layout: IntegerLayout(type), into: &out)
        case .uint64(let values): out.raw(values)
        case .float32(let values): out.raw(values)
        case .float64(let values): out.raw(values)
        case .string(let offsets, let bytes): encodeStrings(offsets, bytes, into: &out)
        case .array(let offsets, let elements):
            out.reserve(4 * (offsets.count - 1)) { dst in
                for i in 0..<(offsets.count - 1) {
                    dst.storeBytes(of: UInt32(offsets[i + 1] - offsets[i]).littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                }
            }
            let first = offsets[0]
            let last = offsets[offsets.count - 1]
            let used = first == 0 && last == elements.count ? elements : elements.rows(in: first..<last)
            encode(used, as: type.elementType ?? elements.type, into: &out)
        }
    }

    /// A width byte, then each value at that width: the type's own width when every value fits,
    /// else 8.
    private static func encodeIntegers(_ values: [Int64], layout: IntegerLayout, into out: inout ByteWriter) {
        let width = layout.fits(values) ? layout.width : 8
        out.u8(UInt8(width))
        if width == 8 {
            out.raw(values)
            return
        }
        out.reserve(values.count * width) { dst in
            values.withUnsafeBufferPointer { src in
                switch width {
                case 1:
                    for i in 0..<src.count { dst[i] = UInt8(truncatingIfNeeded: src[i]) }
                case 2:
                    for i in 0..<src.count {
                        dst.storeBytes(of: UInt16(truncatingIfNeeded: src[i]).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
                    }
                default:
                    for i in 0..<src.count {
                        dst.storeBytes(of: UInt32(truncatingIfNeeded: src[i]).littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                    }
                }
            }
        }
    }

    /// A mode byte, then either (0) a 4-byte length per row, or (1) one common non-zero length;
    /// then all the bytes.
    private static func encodeStrings(_ offsets: [Int], _ bytes: [UInt8], into out: inout ByteWriter) {
        let rows = offsets.count - 1
        let common = rows > 0 ? offsets[1] - offsets[0] : 0
        var same = common > 0
        if same {
            for i in 1..<max(rows, 1) where offsets[i + 1] - offsets[i] != common {
                same = false
                break
            }
        }
        if same {
            out.u8(1)
            out.u32(UInt32(common))
        } else {
            out.u8(0)
            out.reserve(4 * rows) { dst in
                for i in 0..<rows {
                    let length = offsets[i + 1] - offsets[i]
                    precondition(length <= Int(UInt32.max), "a string longer than 4 GiB")
                    dst.storeBytes(of: UInt32(length).littleEndian, toByteOffset: 4 * i, as: UInt32.self)
                }
            }
        }
        bytes.withUnsafeBytes { out.raw(UnsafeRawBufferPointer(rebasing: $0[offsets[0]..<offsets[rows]])) }
    }

    // MARK: Decoding

    /// Decodes `rows` rows of `type` from `reader`.
    static func decode(_ type: DataType, rows: Int, from reader: inout ByteReader) throws -> Column {
        guard rows <= reader.remaining else {
            throw FormatError("\(rows) rows of \(type) cannot fit in the \(reader.remaining) bytes left")
        }
        switch type {
        case .nullable(let inner):
            let nulls = try readNullMap(rows: rows, from: &reader)
            return Column(type: type, data: try decodeValues(inner, rows: rows, from: &reader), nulls: nulls)
        case .nothing:
            let nulls = try readNullMap(rows: rows, from: &reader)
            return Column(type: type, data: try decodeValues(.nothing, rows: rows, from: &reader), nulls: nulls)
        default:
            return Column(type: type, data: try decodeValues(type, rows: rows, from: &reader))
        }
    }

    private static func readNullMap(rows: Int, from reader: inout ByteReader) throws -> [Bool]? {
        let flag = try reader.u8()
        if flag == 0 { return nil }
        guard flag == 1 else { throw FormatError("bad null-map flag \(flag)") }
        let map = try reader.take(rows)
        var nulls = [Bool](repeating: false, count: rows)
        for i in 0..<rows {
            switch map[i] {
            case 0: break
            case 1: nulls[i] = true
            default: throw FormatError("bad null-map byte \(map[i]) at row \(i)")
            }
        }
        return nulls
    }

    private static func decodeValues(_ type: DataType, rows: Int, from reader: inout ByteReader) throws -> ColumnData {
        guard rows <= reader.remaining else {
            throw FormatError("\(rows) values of \(type) cannot fit in the \(reader.remaining) bytes left")
        }
        switch type.physicalKind {
        case .int64: return .int64(try decodeIntegers(rows: rows, layout: IntegerLayout(type), from: &reader))
        case .uint64: return .uint64(try reader.array(of: UInt64.self, count: rows))
        case .float32: return .float32(try reader.array(of: Float.self, count: rows))
        case .float64: return .float64(try reader.array(of: Double.self, count: rows))
        case .string: return try decodeStrings(rows: rows, from: &reader)
        case .array:
            let offsets = try readLengths(rows: rows, from: &reader)
            let elements = try decode(type.elementType ?? .nothing, rows: offsets[rows], from: &reader)
            return .array(offsets: offsets, elements: elements)
        }
    }

    private static func decodeIntegers(rows: Int, layout: IntegerLayout, from reader: inout ByteReader) throws -> [Int64] {
        let width = Int(try reader.u8())
        guard width == layout.width || width == 8 else {
            throw FormatError("integer width \(width) is neither \(layout.width) nor 8")
        }
        if width == 8 { return try reader.array(of: Int64.self, count: rows) }
        let src = try reader.take(rows * width)
        let signed = layout.signed
        return [Int64](unsafeUninitializedCapacity: rows) { dst, initialized in
            switch (width, signed) {
            case (1, true): for i in 0..<rows { dst[i] = Int64(Int8(bitPattern: src[i])) }
            case (1, false): for i in 0..<rows { dst[i] = Int64(src[i]) }
            case (2, true):
                for i in 0..<rows { dst[i] = Int64(Int16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) }
            case (2, false):
                for i in 0..<rows { dst[i] = Int64(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            case (_, true):
                for i in 0..<rows { dst[i] = Int64(Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))) }
            case (_, false):
                for i in 0..<rows { dst[i] = Int64(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            }
            initialized = rows
        }
    }

    private static func decodeStrings(rows: Int, from reader: inout ByteReader) throws -> ColumnData {
        let mode = try reader.u8()
        let offsets: [Int]
        switch mode {
        case 0:
            offsets = try readLengths(rows: rows, from: &reader)
        case 1:
            let common = Int(try reader.u32())
            guard common > 0 else { throw FormatError("a common string length of 0") }
            let (total, overflow) = common.multipliedReportingOverflow(by: rows)
            guard !overflow, total <= reader.remaining else {
                throw FormatError("\(rows) strings of \(common) bytes cannot fit in the \(reader.remaining) bytes left")
            }
            offsets = [Int](unsafeUninitializedCapacity: rows + 1) { dst, initialized in
                for i in 0...rows { dst[i] = i * common }
                initialized = rows + 1
            }
        default:
            throw FormatError("unknown string mode \(mode)")
        }
        let bytes = try reader.array(of: UInt8.self, count: offsets[rows])
        return .string(offsets: offsets, bytes: bytes)
    }

    /// Reads `rows` 4-byte lengths and returns their running sums (offsets, starting at 0).
    private static func readLengths(rows: Int, from reader: inout ByteReader) throws -> [Int] {
        let src = try reader.take(4 * rows)
        return try [Int](unsafeUninitializedCapacity: rows + 1) { dst, initialized in
            var total = 0
            dst[0] = 0
            initialized = 1
            for i in 0..<rows {
                let length = Int(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                let (sum, overflow) = total.addingReportingOverflow(length)
                guard !overflow else { throw FormatError("lengths add up to more than memory holds") }
                total = sum
                dst[i + 1] = total
                initialized = i + 2
            }
        }
    }

    // MARK: Fixed-dimension vectors

    /// The common length of an Array(Float32) column's rows when the page can be stored as raw
    /// vectors: no NULLs anywhere and every row of the same positive length.
    static func fixedDimension(of column: Column, type: DataType) -> Int? {
        guard type == .array(.float32), column.count > 0, column.nulls?.contains(true) != true,
            case .array(let offsets, let elements) = column.data, elements.nulls?.contains(true) != true,
            case .float32 = elements.data
        else { return nil }
        let dimension = offsets[1] - offsets[0]
        guard dimension > 0 else { return nil }
        for i in 1..<(offsets.count - 1) where offsets[i + 1] - offsets[i] != dimension { return nil }
        return dimension
    }

    /// Appends the raw float32 vectors of a column `fixedDimension` accepted.
    static func encodeFixedVectors(_ column: Column, into out: inout ByteWriter) {
        guard case .array(let offsets, let elements) = column.data, case .float32(let floats) = elements.data else {
            preconditionFailure("fixed vectors need an Array(Float32) column")
        }
        floats.withUnsafeBytes { all in
            let stride = MemoryLayout<Float>.stride
            out.raw(UnsafeRawBufferPointer(rebasing: all[(offsets[0] * stride)..<(offsets[offsets.count - 1] * stride)]))
        }
    }

    /// An Array(Float32) column of `rows` vectors of `dimension` elements over `floats`.
    static func fixedVectorColumn(_ floats: [Float], rows: Int, dimension: Int) -> Column {
        let offsets = [Int](unsafeUninitializedCapacity: rows + 1) { dst, initialized in
            for i in 0...rows { dst[i] = i * dimension }
            initialized = rows + 1
        }
        return Column(
            type: .array(.float32),
            data: .array(offsets: offsets, elements: Column(type: .float32, data: .float32(floats))))
    }
}

/// How an integer type in an Int64 slot is written: its usual width and signedness.
struct IntegerLayout {
    let width: Int
    let signed: Bool

    init(_ type: DataType) {
        switch type.nonNullable {
        case .bool, .uint8, .nothing: (width, signed) = (1, false)
        case .int8: (width, signed) = (1, true)
        case .int16: (width, signed) = (2, true)
        case .uint16, .date: (width, signed) = (2, false)
        case .int32: (width, signed) = (4, true)
        case .uint32, .dateTime: (width, signed) = (4, false)
        default: (width, signed) = (8, true)
        }
    }

    /// True when every value survives a round trip at `width`.
    func fits(_ values: [Int64]) -> Bool {
        if width == 8 { return true }
        let bits = Int64(8 * width)
        let lower: Int64 = signed ? -(1 << (bits - 1)) : 0
        let upper: Int64 = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
        return values.withUnsafeBufferPointer { src in
            var low = Int64.max
            var high = Int64.min
            for v in src {
                low = Swift.min(low, v)
                high = Swift.max(high, v)
            }
            return src.isEmpty || (low >= lower && high <= upper)
        }
    }
}
