// A hash set of 64-bit keys for exact distinct counting and IN lists: open addressing with linear
// probing over a power-of-two table, keys mixed with the murmur3 finalizer. It avoids `Set`'s
// seeded hashing, which dominates `uniq` over numeric columns and `x IN (...)` probes.

/// A set of UInt64 keys.
struct UInt64Set {
    /// The table; 0 marks an empty slot (the key 0 itself is tracked by `hasZero`).
    private var slots: [UInt64] = []
    private var hasZero = false
    /// Number of distinct keys inserted.
    private(set) var count = 0

    /// Adds `key`; returns true when it was not present.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool {
        if key == 0 {
            if hasZero { return false }
            hasZero = true
            count += 1
            return true
        }
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: Self.mix(key)) & mask
        while true {
            let s = slots[i]
            if s == key { return false }
            if s == 0 {
                slots[i] = key
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    /// True when `key` is in the set.
    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        if slots.isEmpty { return false }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: Self.mix(key)) & mask
        while true {
            let s = slots[i]
            if s == key { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Doubles the table (at least 16 slots) and reinserts the keys.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(16, old.count * 2))
        let mask = slots.count - 1
        for key in old where key != 0 {
            var i = Int(truncatingIfNeeded: Self.mix(key)) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key
        }
    }

    /// The murmur3 64-bit finalizer.
    @inline(__always)
    private static func mix(_ k: UInt64) -> UInt64 {
        var h = k
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
