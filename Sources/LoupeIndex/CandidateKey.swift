// A candidate of a graph walk packed into one UInt64: the distance's bits, remapped so that
// unsigned order is float order, above the node id. Comparing two keys compares distances and
// breaks ties by id, so the walk's lists sort plain integers.

/// Packing of (distance, node) pairs into ordered 64-bit keys.
enum CandidateKey {
    @inline(__always)
    static func make(_ distance: Float, _ node: UInt32) -> UInt64 {
        let bits = distance.bitPattern
        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return UInt64(ordered) << 32 | UInt64(node)
    }

    @inline(__always)
    static func node(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key) }

    @inline(__always)
    static func distance(_ key: UInt64) -> Float {
        let ordered = UInt32(truncatingIfNeeded: key >> 32)
        return Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }
}
