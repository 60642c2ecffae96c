// Every column type through a page and back: the encoder's output decodes to the same rows, the
// codec is lz4 only when it pays, fixed-dimension vectors are stored raw, values too wide for their
// type's usual width survive, and damaged pages are refused.

@testable import LoupeStorage
import LoupeCore
import LoupeTestSupport
import XCTest

final class ColumnCodecTests: XCTestCase {
    /// A column of `type` with `rows` random rows, edge values first.
    static func randomColumn(_ type: DataType, rows: Int, rng: inout SeededGenerator) -> Column {
        Column(type: type, values: (0..<rows).map { randomValue(type, row: $0, rng: &rng) })
    }

    static func randomValue(_ type: DataType, row: Int, rng: inout SeededGenerator) -> Value {
        switch type {
        case .nullable(let inner):
            return rng.chance(0.2) ? .null : randomValue(inner, row: row, rng: &rng)
        case .bool: return .bool(rng.chance(0.5))
        case .int8: return .int(Int64(row == 0 ? Int8.min : row == 1 ? Int8.max : Int8.random(in: .min ... .max, using: &rng)))
        case .int16: return .int(Int64(row == 0 ? Int16.min : Int16.random(in: .min ... .max, using: &rng)))
        case .int32: return .int(Int64(row == 0 ? Int32.min : Int32.random(in: .min ... .max, using: &rng)))
        case .int64: return .int(row == 0 ? .min : row == 1 ? .max : Int64.random(in: -1000...1000, using: &rng))
        case .uint8: return .int(Int64(UInt8.random(in: .min ... .max, using: &rng)))
        case .uint16: return .int(Int64(row == 0 ? UInt16.max : UInt16.random(in: .min ... .max, using: &rng)))
        case .uint32: return .int(Int64(row == 0 ? UInt32.max : UInt32.random(in: .min ... .max, using: &rng)))
        case .uint64: return .uint(row == 0 ? .max : UInt64.random(in: 0 ... .max, using: &rng))
        case .float32: return .float(Double(row == 0 ? -Float.infinity : Float.random(in: -1e6...1e6, using: &rng)))
        case .float64: return .float(row == 0 ? .greatestFiniteMagnitude : Double.random(in: -1...1, using: &rng))
        case .string:
            let choices = ["", "a", "héllo wörld", "日本語のテキスト", "🦊🦊", String(repeating: "x", count: 300)]
            return .string(row < choices.count ? choices[row] : rng.pick(choices) + String(row))
        case .fixedString(let n): return .string(String(repeating: rng.pick(["a", "b", "é"]), count: n / 2))
        case .date: return .date(Int32.random(in: 0...40000, using: &rng))
        case .dateTime: return .dateTime(Int64.random(in: 0...2_000_000_000, using: &rng))
        case .array(.float32): return .vector(rng.floats(Int.random(in: 0...5, using: &rng)))
        case .array(let element):
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(element, row: row + 10, rng: &rng) })
        case .nothing: return .null
        }
    }

    static let allTypes: [DataType] = [
        .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .string,
        .fixedString(4), .date, .dateTime, .nullable(.int32), .nullable(.string), .nullable(.float64),
        .nullable(.date), .array(.float32), .array(.int16), .array(.string), .array(.nullable(.string)),
        .array(.array(.int64)), .array(.array(.array(.uint8))), .nullable(.array(.int32)), .nothing,
    ]

    private func roundTrip(_ column: Column, fixedDimension: Int? = nil) throws -> (Column, PageHeader) {
        let page = PageEncoder.encode(column, type: column.type, fixedDimension: fixedDimension)
        let header = try page.bytes.withUnsafeBytes { try PageHeader.parse($0) }
        let decoded = try page.bytes.withUnsafeBytes {
            try PageDecoder.decode($0, type: column.type, expectedRows: column.count)
        }
        return (decoded, header)
    }

    func testEveryTypeRoundTrips() throws {
        var rng = SeededGenerator(seed: 7)
        for type in Self.allTypes {
            for rows in [1, 2, 17, Batch.capacity] {
                let column = Self.randomColumn(type, rows: rows, rng: &rng)
                let (decoded, _) = try roundTrip(column)
                XCTAssertEqual(decoded.type, type)
                XCTAssertEqual(decoded.values, column.values, "\(type), \(rows) rows")
            }
        }
    }

    func testValuesBeyondTheUsualWidthSurvive() throws {
        let dates = Column(type: .date, values: [.date(0), .date(70000), .date(-5)])
        XCTAssertEqual(try roundTrip(dates).0.values, dates.values)
        let times = Column(type: .dateTime, values: [.dateTime(-1), .dateTime(1 << 40)])
        XCTAssertEqual(try roundTrip(times).0.values, times.values)
        let small = Column(type: .uint8, data: .int64([0, 255, 256, -1]))
        guard case .int64(let back) = try roundTrip(small).0.data else { return XCTFail("layout") }
        XCTAssertEqual(back, [0, 255, 256, -1])
    }

    func testNarrowTypesTakeTheirWidth() {
        let column = Column(type: .int16, data: .int64(Array(repeating: -3, count: 1000)))
        var out = ByteWriter()
        ColumnCodec.encode(column, as: .int16, into: &out)
        XCTAssertEqual(out.count, 1 + 2 * 1000)
        let dates = Column(type: .date, data: .int64(Array(0..<1000)))
        var dateOut = ByteWriter()
        ColumnCodec.encode(dates, as: .date, into: &dateOut)
        XCTAssertEqual(dateOut.count, 1 + 2 * 1000)
    }

    func testFloatBitPatternsSurvive() throws {
        let floats: [Float] = [.nan, -0.0, .infinity, .leastNonzeroMagnitude, Float(bitPattern: 0x7FC0_1234)]
        let (decoded, _) = try roundTrip(Column(type: .float32, data: .float32(floats)))
        guard case .float32(let back) = decoded.data else { return XCTFail("layout") }
        XCTAssertEqual(back.map(\.bitPattern), floats.map(\.bitPattern))
    }

    func testCompressionOnlyWhenItPays() throws {
        let repetitive = Column(type: .string, values: (0..<2048).map { _ in .string("same text again") })
        XCTAssertEqual(try roundTrip(repetitive).1.codec, .lz4)
        var rng = SeededGenerator(seed: 3)
        let noise = Column(type: .float64, data: .float64((0..<2048).map { _ in Double.random(in: 0..<1, using: &rng) }))
        let (decoded, header) = try roundTrip(noise)
        XCTAssertEqual(header.codec, .plain)
        XCTAssertEqual(decoded.values, noise.values)
    }

    func testFixedDimensionVectorsAreRawRows() throws {
        var rng = SeededGenerator(seed: 11)
        let vectors = Column(type: .array(.float32), values: (0..<100).map { _ in .vector(rng.floats(8)) })
        XCTAssertEqual(ColumnCodec.fixedDimension(of: vectors, type: vectors.type), 8)
        let page = PageEncoder.encode(vectors, type: vectors.type, fixedDimension: 8)
        XCTAssertEqual(page.bytes.count, PageHeader.size + 100 * 8 * 4)
        // Row 37 starts at a computable offset.
        let row37: [Float] = page.bytes.withUnsafeBytes { raw in
            (0..<8).map { raw.loadUnaligned(fromByteOffset: PageHeader.size + (37 * 8 + $0) * 4, as: Float.self) }
        }
        XCTAssertEqual(Value.vector(row37), vectors.value(at: 37))
        let (decoded, header) = try roundTrip(vectors, fixedDimension: 8)
        XCTAssertEqual(header.layout, .fixedVectors)
        XCTAssertEqual(header.codec, .plain)
        XCTAssertEqual(decoded.values, vectors.values)
        let ragged = Column(type: .array(.float32), values: [.vector([1, 2]), .vector([3])])
        XCTAssertNil(ColumnCodec.fixedDimension(of: ragged, type: ragged.type))
    }

    func testDamagedPagesAreRefused() throws {
        var rng = SeededGenerator(seed: 5)
        let column = Self.randomColumn(.nullable(.string), rows: 300, rng: &rng)
        let page = PageEncoder.encode(column, type: column.type, fixedDimension: nil).bytes
        for position in stride(from: 0, to: page.count, by: max(1, page.count / 97)) {
            var damaged = page
            damaged[position] ^= 0x10
            XCTAssertThrowsError(
                try damaged.withUnsafeBytes { try PageDecoder.decode($0, type: column.type, expectedRows: 300) },
                "flip at \(position)")
        }
        XCTAssertThrowsError(
            try page.dropLast().withUnsafeBytes { try PageDecoder.decode($0, type: column.type, expectedRows: 300) })
        XCTAssertThrowsError(
            try page.withUnsafeBytes { try PageDecoder.decode($0, type: column.type, expectedRows: 299) })
    }

    func testGarbageNeverDecodesOrCrashes() {
        var rng = SeededGenerator(seed: 99)
        for type in Self.allTypes {
            for _ in 0..<50 {
                let bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                _ = try? bytes.withUnsafeBytes { raw -> Column in
                    var reader = ByteReader(raw)
                    return try ColumnCodec.decode(type, rows: Int.random(in: 0...40, using: &rng), from: &reader)
                }
            }
        }
    }
}
