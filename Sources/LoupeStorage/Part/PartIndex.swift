// The index file of a part: how many rows it holds and how they are cut into pages (every page
// but the last holds `Batch.capacity` rows, in every column), where each page of each column file
// starts and how long it is, the dimension of columns stored as raw vectors, and the sort-key
// bounds of each page. It is checked as a whole (envelope CRC) and for consistency (pages tile
// each column file, row counts add up) before any page is read.

import LoupeCore

/// What a part holds and where.
struct PartIndex: Sendable {
    static let magic: StaticString = "LPIX"
    static let version: UInt32 = 1
    static let fileName = "index"

    /// The pages of one column file.
    struct ColumnPages: Sendable, Equatable {
        var type: DataType
        /// Elements per row when every page holds raw vectors of this dimension.
        var vectorDimension: Int?
        /// Byte offset of each page in the column file.
        var offsets: [Int]
        /// Byte length of each page, header included.
        var sizes: [Int]

        /// The column file's expected length.
        var fileSize: Int { (offsets.last ?? 0) + (sizes.last ?? 0) }
    }

    /// Sort-key bounds per page.
    struct KeyBounds: Sendable, Equatable {
        var column: Int
        var pages: [PageBounds]
    }

    var rowCount: Int
    /// 0 for a part written by an insert, one more than its sources' for a merged part.
    var level: Int
    var pageRows: [Int]
    var columns: [ColumnPages]
    var keyBounds: KeyBounds?

    /// First row of each page.
    let pageStarts: [Int]

    init(rowCount: Int, level: Int, pageRows: [Int], columns: [ColumnPages], keyBounds: KeyBounds?) {
        self.rowCount = rowCount
        self.level = level
        self.pageRows = pageRows
        self.columns = columns
        self.keyBounds = keyBounds
        var starts: [Int] = []
        starts.reserveCapacity(pageRows.count)
        var row = 0
        for n in pageRows {
            starts.append(row)
            row += n
        }
        pageStarts = starts
    }

    var pageCount: Int { pageRows.count }

    /// Bytes of all pages of all columns.
    var storedBytes: Int { columns.reduce(0) { $0 + $1.fileSize } }

    func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.count(rowCount)
        out.u32(UInt32(level))
        out.u32(UInt32(pageRows.count))
        for n in pageRows { out.u32(UInt32(n)) }
        out.u32(UInt32(columns.count))
        for column in columns {
            TypeCode.write(column.type, into: &out)
            out.u32(UInt32(column.vectorDimension ?? 0))
            for p in 0..<pageRows.count {
                out.count(column.offsets[p])
                out.count(column.sizes[p])
            }
        }
        if let keyBounds {
            out.u8(1)
            out.u32(UInt32(keyBounds.column))
            for bounds in keyBounds.pages {
                Self.write(bounds.min, into: &out)
                Self.write(bounds.max, into: &out)
            }
        } else {
            out.u8(0)
        }
        return Envelope.wrap(magic: Self.magic, version: Self.version, payload: out.bytes)
    }

    /// The index in `bytes`, read from `path`, after checking it for damage.
    static func decode(_ bytes: [UInt8], path: String) throws -> PartIndex {
        let (_, payload) = try Envelope.unwrap(bytes, magic: magic, version: version, what: "part index", path: path)
        do {
            return try payload.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                let index = try read(from: &reader)
                guard reader.isAtEnd else { throw FormatError("\(reader.remaining) bytes follow the index") }
                return index
            }
        } catch let error as FormatError {
            throw LoupeError(.corrupt, "The part index \(path) is damaged: \(error.message)", file: path)
        }
    }

    private static func read(from reader: inout ByteReader) throws -> PartIndex {
        let rowCount = try reader.count(atMost: Int(Int32.max) * Batch.capacity, "row count")
        let level = Int(try reader.u32())
        let pageCount = Int(try reader.u32())
        guard pageCount <= reader.remaining / 4 else { throw FormatError("\(pageCount) pages cannot fit") }
        var pageRows: [Int] = []
        for p in 0..<pageCount {
            let n = Int(try reader.u32())
            guard n >= 1, n <= Batch.capacity, p == pageCount - 1 || n == Batch.capacity else {
                throw FormatError("page \(p) holds \(n) rows")
            }
            pageRows.append(n)
        }
        guard pageRows.reduce(0, +) == rowCount else { throw FormatError("pages do not add up to \(rowCount) rows") }
        let columnCount = Int(try reader.u32())
        guard columnCount <= reader.remaining else { throw FormatError("\(columnCount) columns cannot fit") }
        var columns: [ColumnPages] = []
        for c in 0..<columnCount {
            let type = try TypeCode.read(from: &reader)
            let dimension = Int(try reader.u32())
            var offsets: [Int] = []
            var sizes: [Int] = []
            var end = 0
            for p in 0..<pageCount {
                let offset = try reader.count(atMost: Int(Int64.max / 2), "page offset")
                let size = try reader.count(atMost: Int(Int64.max / 4), "page size")
                guard offset == end, size >= PageHeader.size else {
                    throw FormatError("page \(p) of column \(c) does not follow the previous one")
                }
                offsets.append(offset)
                sizes.append(size)
                end = offset + size
            }
            columns.append(
                ColumnPages(type: type, vectorDimension: dimension > 0 ? dimension : nil, offsets: offsets, sizes: sizes))
        }
        var keyBounds: KeyBounds?
        switch try reader.u8() {
        case 0: break
        case 1:
            let column = Int(try reader.u32())
            guard column < columnCount else { throw FormatError("sort-key column \(column) does not exist") }
            var pages: [PageBounds] = []
            for _ in 0..<pageCount {
                pages.append(PageBounds(min: try readBound(from: &reader), max: try readBound(from: &reader)))
            }
            keyBounds = KeyBounds(column: column, pages: pages)
        case let flag: throw FormatError("bad sort-key flag \(flag)")
        }
        return PartIndex(rowCount: rowCount, level: level, pageRows: pageRows, columns: columns, keyBounds: keyBounds)
    }

    /// A tag byte (0 none, 1 int, 2 uint, 3 float, 4 bytes) and the value.
    private static func write(_ bound: KeyBound?, into out: inout ByteWriter) {
        switch bound {
        case nil: out.u8(0)
        case .int(let v)?:
            out.u8(1)
            out.i64(v)
        case .uint(let v)?:
            out.u8(2)
            out.u64(v)
        case .float(let v)?:
            out.u8(3)
            out.f64(v)
        case .bytes(let b)?:
            out.u8(4)
            out.u32(UInt32(b.count))
            out.raw(b)
        }
    }

    private static func readBound(from reader: inout ByteReader) throws -> KeyBound? {
        switch try reader.u8() {
        case 0: return nil
        case 1: return .int(try reader.i64())
        case 2: return .uint(try reader.u64())
        case 3: return .float(try reader.f64())
        case 4:
            let n = Int(try reader.u32())
            return .bytes(Array(try reader.take(n)))
        case let tag: throw FormatError("bad bound tag \(tag)")
        }
    }
}
