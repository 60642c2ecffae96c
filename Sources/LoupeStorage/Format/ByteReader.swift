// Little-endian deserialization with a bounds check on every read, so a damaged or truncated file
// is reported as a `FormatError`, never read past its end. The reader walks a raw buffer the
// caller keeps alive (inside `withUnsafeBytes`); bulk reads copy whole column buffers at once.

/// Why bytes do not decode; the caller turns it into a `LoupeError(.corrupt, ...)` naming the
/// file and page.
struct FormatError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Reads little-endian values from a buffer.
struct ByteReader {
    /// The bytes being read. The caller guarantees they outlive the reader (the reader is only
    /// used inside the `withUnsafeBytes` call that produced them).
    private let buffer: UnsafeRawBufferPointer
    private(set) var position: Int

    init(_ buffer: UnsafeRawBufferPointer, from position: Int = 0) {
        self.buffer = buffer
        self.position = position
    }

    var remaining: Int { buffer.count - position }

    var isAtEnd: Bool { position == buffer.count }

    mutating func u8() throws -> UInt8 { try scalar() }

    mutating func u16() throws -> UInt16 { UInt16(littleEndian: try scalar()) }

    mutating func u32() throws -> UInt32 { UInt32(littleEndian: try scalar()) }

    mutating func u64() throws -> UInt64 { UInt64(littleEndian: try scalar()) }

    mutating func i64() throws -> Int64 { Int64(littleEndian: try scalar()) }

    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }

    /// An 8-byte count or size, at most `limit`.
    mutating func count(atMost limit: Int = Int.max, _ what: String) throws -> Int {
        let v = try u64()
        guard v <= UInt64(limit) else { throw FormatError("\(what) \(v) exceeds \(limit)") }
        return Int(v)
    }

    /// A string written by `ByteWriter.string`.
    mutating func string() throws -> String {
        let n = Int(try u32())
        return String(decoding: try take(n), as: UTF8.self)
    }

    /// The next `n` bytes, without copying.
    mutating func take(_ n: Int) throws -> UnsafeRawBufferPointer {
        guard n >= 0, n <= remaining else {
            throw FormatError("needs \(n) bytes at offset \(position) but only \(remaining) remain")
        }
        let slice = UnsafeRawBufferPointer(rebasing: buffer[position..<(position + n)])
        position += n
        return slice
    }

    /// `count` trivial values, copied out in one memcpy.
    mutating func array<T: BitwiseCopyable>(of _: T.Type, count: Int) throws -> [T] {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow else { throw FormatError("\(count) values do not fit in memory") }
        let source = try take(bytes)
        return [T](unsafeUninitializedCapacity: count) { destination, initialized in
            // `destination` has room for `count` values, `source` holds exactly their bytes.
            if let base = source.baseAddress, count > 0 {
                UnsafeMutableRawPointer(destination.baseAddress!).copyMemory(from: base, byteCount: bytes)
            }
            initialized = count
        }
    }

    private mutating func scalar<T: FixedWidthInteger>() throws -> T {
        let bytes = try take(MemoryLayout<T>.size)
        return bytes.loadUnaligned(as: T.self)
    }
}
