// Little-endian serialization into a growing byte array: the one way every file of the disk
// format is written. Bulk values (column buffers) are copied with memcpy, which is why the
// format requires a little-endian host.

#if !_endian(little)
#error("The Loupe disk format copies column buffers as little-endian bytes")
#endif

/// Appends little-endian values to `bytes`.
struct ByteWriter {
    var bytes: [UInt8]

    init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u16(_ v: UInt16) { scalar(v.littleEndian) }

    mutating func u32(_ v: UInt32) { scalar(v.littleEndian) }

    mutating func u64(_ v: UInt64) { scalar(v.littleEndian) }

    mutating func i64(_ v: Int64) { scalar(v.littleEndian) }

    mutating func f64(_ v: Double) { scalar(v.bitPattern.littleEndian) }

    /// A non-negative count or size, as 8 bytes.
    mutating func count(_ v: Int) {
        precondition(v >= 0, "negative count")
        u64(UInt64(v))
    }

    /// A UTF-8 string prefixed by its byte length (4 bytes).
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// The bytes of `buffer`, as they are.
    mutating func raw(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer)
    }

    /// The elements of a trivial array, as their in-memory (little-endian) bytes.
    mutating func raw<T: BitwiseCopyable>(_ array: [T]) {
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Appends `count` zero bytes and lets `fill` overwrite them in place. `fill` gets exactly
    /// those `count` bytes, so it may index them from 0 to `count - 1`.
    mutating func reserve(_ count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { fill(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Overwrites 4 bytes at `offset` with `v`.
    mutating func patchU32(_ v: UInt32, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { src in
            for k in 0..<4 { bytes[offset + k] = src[k] }
        }
    }

    private mutating func scalar<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) }
    }
}
