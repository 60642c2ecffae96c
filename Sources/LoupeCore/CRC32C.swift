// CRC32C (Castagnoli, the iSCSI/ext4 polynomial 0x1EDC6F41, reflected 0x82F63B78) over pages,
// part indexes, manifests, masks and the catalog. The hardware instruction does the work when the
// CPU has it (see CCRC32C); otherwise a slicing-by-8 table processes eight bytes per step.

import CCRC32C

/// CRC32C checksums. A checksum can be continued: `checksum(b, continuing: checksum(a))` equals
/// the checksum of `a` followed by `b`.
public enum CRC32C {
    /// True when the CPU computes CRC32C in hardware.
    public static let hardwareAvailable: Bool = loupe_crc32c_hw_available() != 0

    /// The checksum of `bytes`, continuing `crc` (0 to start).
    @inline(__always)
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        if hardwareAvailable { return loupe_crc32c_hw(crc, base, bytes.count) }
        return software(bytes, continuing: crc)
    }

    /// The checksum of `bytes`, continuing `crc` (0 to start).
    public static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// The checksum computed by the hardware instruction, or nil without one.
    public static func hardware(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32? {
        guard hardwareAvailable else { return nil }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        return loupe_crc32c_hw(crc, base, bytes.count)
    }

    /// The checksum computed with tables (slicing-by-8), whatever the CPU.
    public static func software(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var state = ~crc
        var i = 0
        let n = bytes.count
        // Every table index is a byte (< 256) plus a multiple of 256 below 8 × 256, and every
        // byte read is below `n`.
        table.withUnsafeBufferPointer { t in
            while n - i >= 8 {
                let low = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24
                let high = UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16
                    | UInt32(bytes[i + 7]) << 24
                let x = state ^ low
                state =
                    t[7 * 256 + Int(x & 0xFF)] ^ t[6 * 256 + Int((x >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((x >> 16) & 0xFF)] ^ t[4 * 256 + Int(x >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                i += 8
            }
            while i < n {
                state = t[Int((state ^ UInt32(bytes[i])) & 0xFF)] ^ (state >> 8)
                i += 1
            }
        }
        return ~state
    }

    /// Eight 256-entry tables: table k maps a byte to its CRC after k further zero bytes.
    private static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let previous = t[(k - 1) * 256 + b]
                t[k * 256 + b] = t[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return t
    }()
}
