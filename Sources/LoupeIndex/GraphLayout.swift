// Where each part of a graph index lies in its payload (the bytes after the index file's 64-byte
// header; docs/index-format.md draws them). A built index and a decoded one use the same bytes:
// the build writes them into memory it owns, a decode borrows them from the mapped file. Every
// section starts 64-byte aligned relative to the payload, so in a mapped file each code row
// starts on a cache line.

import LoupeCore
import LoupeVector

/// The geometry of a graph payload: section offsets and strides, derived from a few numbers.
struct GraphLayout: Equatable {
    static let magic: UInt32 = 0x4754_534D  // "MSTG" little-endian
    static let version: UInt32 = 1
    static let headerSize = 64

    let count: Int
    let dimension: Int
    let degree: Int
    /// Whether each code row carries the vector's squared norm after its codes (L2 and IP, whose
    /// graph is built by L2 distance).
    let storesNorms: Bool

    /// Bytes of codes per row.
    var codeLength: Int { ScalarQuantizer.codeLength(dimension) }
    /// Bytes from one code row to the next.
    var rowStride: Int { Self.aligned(codeLength + (storesNorms ? 4 : 0)) }
    /// 32-bit words per adjacency list: the neighbour count, then `degree` slots.
    var listWords: Int { degree + 1 }

    var quantizerOffset: Int { Self.headerSize }
    var codesOffset: Int { Self.aligned(quantizerOffset + 8 * dimension) }
    var adjacencyOffset: Int { Self.aligned(codesOffset + count * rowStride) }
    var totalBytes: Int { Self.aligned(adjacencyOffset + count * listWords * 4) }

    static func aligned(_ n: Int) -> Int { (n + 63) & ~63 }

    /// Writes the payload header to the first 64 bytes of `payload`.
    func writeHeader(to payload: UnsafeMutableRawPointer, entry: Int, normalized: Bool, efConstruction: Int) {
        let fields: [(Int, UInt64)] = [
            (0, UInt64(Self.magic)), (4, UInt64(Self.version)), (8, UInt64(degree)), (12, UInt64(codeLength)),
            (16, UInt64(rowStride)), (20, UInt64(entry)), (24, (normalized ? 1 : 0) | (storesNorms ? 2 : 0)),
            (28, UInt64(efConstruction)),
        ]
        for (offset, value) in fields {
            payload.storeBytes(of: UInt32(value).littleEndian, toByteOffset: offset, as: UInt32.self)
        }
        let offsets: [(Int, Int)] = [
            (32, quantizerOffset), (40, codesOffset), (48, adjacencyOffset), (56, totalBytes),
        ]
        for (offset, value) in offsets {
            payload.storeBytes(of: UInt64(value).littleEndian, toByteOffset: offset, as: UInt64.self)
        }
    }
}

/// What a payload header says beyond the layout.
struct GraphHeader {
    let layout: GraphLayout
    let entry: Int
    let normalized: Bool
    let efConstruction: Int

    /// Reads and checks the header of `payload` for an index of `count` vectors of `dimension`
    /// floats under `metric`; throws `IndexFormatError` when anything disagrees.
    init(_ payload: UnsafeRawBufferPointer, metric: Metric, count: Int, dimension: Int) throws {
        guard payload.count >= GraphLayout.headerSize else {
            throw IndexFormatError("graph payload of \(payload.count) bytes is shorter than its header")
        }
        func word(_ offset: Int) -> UInt32 {
            UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        func long(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        guard word(0) == GraphLayout.magic else { throw IndexFormatError("graph payload has a bad magic number") }
        guard word(4) == GraphLayout.version else {
            throw IndexFormatError("graph layout version \(word(4)) is not supported (only \(GraphLayout.version))")
        }
        let degree = Int(word(8))
        guard degree >= 1 && degree <= 1024 else {
            throw IndexFormatError("graph degree \(degree) is out of range 1...1024")
        }
        let flags = word(24)
        guard flags & ~3 == 0 else { throw IndexFormatError("graph flags \(flags) has unknown bits") }
        let layout = GraphLayout(count: count, dimension: dimension, degree: degree, storesNorms: flags & 2 != 0)
        guard layout.storesNorms == (metric != .cosine), (flags & 1 != 0) == (metric == .cosine) else {
            throw IndexFormatError("graph flags \(flags) do not match metric \(metric.rawValue)")
        }
        guard Int(word(12)) == layout.codeLength, Int(word(16)) == layout.rowStride else {
            throw IndexFormatError(
                "code length \(word(12)) and row stride \(word(16)) do not fit \(dimension) dimensions "
                    + "(expected \(layout.codeLength) and \(layout.rowStride))")
        }
        let sections = [long(32), long(40), long(48), long(56)]
        let expected = [layout.quantizerOffset, layout.codesOffset, layout.adjacencyOffset, layout.totalBytes].map(
            UInt64.init)
        guard sections == expected else {
            throw IndexFormatError("section offsets \(sections) do not match the expected \(expected)")
        }
        guard payload.count == layout.totalBytes else {
            throw IndexFormatError("graph payload holds \(payload.count) bytes, its layout \(layout.totalBytes)")
        }
        let entry = Int(word(20))
        guard count == 0 || entry < count else { throw IndexFormatError("entry point \(entry) is not below \(count)") }
        self.layout = layout
        self.entry = entry
        normalized = flags & 1 != 0
        efConstruction = Int(word(28))
    }
}
