// An open-addressing hash table from 64-bit keys to dense ids (0, 1, 2, ... in order of first
// appearance), specialised for the common GROUP BY / JOIN key: one integer, date or float column
// (floats are keyed by their normalised bit pattern). Linear probing over one array of
// (key, id) slots, so a probe touches one cache line; load factor at most 1/2, multiplicative
// hashing.

/// Dense ids for 64-bit keys.
struct Int64KeyMap {
    /// One slot: `id` is -1 when empty.
    private struct Slot {
        var key: UInt64
        var id: Int32
    }

    private var slots: [Slot]
    private var shift: UInt64
    /// Number of distinct keys.
    private(set) var count = 0

    init(expected: Int = 1024) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, id: -1), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private static func hash(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, adding it when new (`isNew` then true).
    @inline(__always)
    mutating func insert(_ key: UInt64) -> (id: Int32, isNew: Bool) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.hash(key, shift)
        let newId = Int32(count)
        // Probing stays inside the array: `slot` is always masked to its count.
        let result: (Int32, Bool) = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.id < 0 {
                    slots[slot] = Slot(key: key, id: newId)
                    return (newId, true)
                }
                if entry.key == key { return (entry.id, false) }
                slot = (slot + 1) & mask
            }
        }
        if result.1 { count += 1 }
        return result
    }

    /// Ids for a run of keys, appending to `newKeys` the positions whose key was new.
    mutating func insert(
        _ keys: UnsafeBufferPointer<UInt64>, ids out: UnsafeMutableBufferPointer<Int32>, newKeys: inout [Int]
    ) {
        if (count + keys.count) * 2 > slots.count { grow(toHold: count + keys.count) }
        let mask = slots.count - 1
        let shift = self.shift
        var count = self.count
        // Hot loop over unsafe buffers: every slot index is masked, every row index < keys.count.
        slots.withUnsafeMutableBufferPointer { slots in
            for i in 0..<keys.count {
                let key = keys[i]
                var slot = Self.hash(key, shift)
                while true {
                    let entry = slots[slot]
                    if entry.id < 0 {
                        slots[slot] = Slot(key: key, id: Int32(count))
                        out[i] = Int32(count)
                        count += 1
                        newKeys.append(i)
                        break
                    }
                    if entry.key == key {
                        out[i] = entry.id
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        self.count = count
    }

    /// The id of `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        let mask = slots.count - 1
        var slot = Self.hash(key, shift)
        // Probing stays inside the array: `slot` is always masked.
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.id < 0 || entry.key == key { return entry.id }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func grow(toHold needed: Int = 0) {
        var capacity = slots.count * 2
        while capacity < needed * 2 { capacity <<= 1 }
        var fresh = [Slot](repeating: Slot(key: 0, id: -1), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for entry in slots where entry.id >= 0 {
            var slot = Self.hash(entry.key, shift)
            while fresh[slot].id >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = entry
        }
        slots = fresh
    }
}
