// An open-addressing hash table from 64-bit keys to dense ids (0, 1, 2, ... in order of first
// appearance), specialised for the common GROUP BY / JOIN key: one integer, date or float column
// (floats are keyed by their normalised bit pattern). Linear probing over parallel slot arrays,
// load factor at most 1/2, multiplicative hashing.

/// Dense ids for 64-bit keys.
struct Int64KeyMap {
    /// Slot → id, or -1 when empty.
    private var slotIds: [Int32]
    /// Slot → key (meaningful where `slotIds` is not -1).
    private var slotKeys: [UInt64]
    private var shift: UInt64
    /// Number of distinct keys.
    private(set) var count = 0

    init(expected: Int = 1024) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slotIds = [Int32](repeating: -1, count: capacity)
        slotKeys = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private static func hash(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, adding it when new (`isNew` then true).
    @inline(__always)
    mutating func insert(_ key: UInt64) -> (id: Int32, isNew: Bool) {
        if (count + 1) * 2 > slotIds.count { grow() }
        let mask = slotIds.count - 1
        var slot = Self.hash(key, shift)
        // Probing stays inside the arrays: `slot` is always masked to their (equal) count.
        return slotIds.withUnsafeMutableBufferPointer { ids in
            slotKeys.withUnsafeMutableBufferPointer { keys in
                while true {
                    let id = ids[slot]
                    if id < 0 {
                        ids[slot] = Int32(count)
                        keys[slot] = key
                        count += 1
                        return (Int32(count - 1), true)
                    }
                    if keys[slot] == key { return (id, false) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Ids for a run of keys, appending to `newKeys` the positions whose key was new.
    mutating func insert(_ keys: UnsafeBufferPointer<UInt64>, ids out: UnsafeMutableBufferPointer<Int32>, newKeys: inout [Int]) {
        if (count + keys.count) * 2 > slotIds.count { grow(toHold: count + keys.count) }
        let mask = slotIds.count - 1
        let shift = self.shift
        var count = self.count
        // Hot loop over unsafe buffers: every slot index is masked, every row index < keys.count.
        slotIds.withUnsafeMutableBufferPointer { ids in
            slotKeys.withUnsafeMutableBufferPointer { slotKeys in
                for i in 0..<keys.count {
                    let key = keys[i]
                    var slot = Self.hash(key, shift)
                    while true {
                        let id = ids[slot]
                        if id < 0 {
                            ids[slot] = Int32(count)
                            slotKeys[slot] = key
                            out[i] = Int32(count)
                            count += 1
                            newKeys.append(i)
                            break
                        }
                        if slotKeys[slot] == key {
                            out[i] = id
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        self.count = count
    }

    /// The id of `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        let mask = slotIds.count - 1
        var slot = Self.hash(key, shift)
        // Probing stays inside the arrays: `slot` is always masked.
        return slotIds.withUnsafeBufferPointer { ids in
            slotKeys.withUnsafeBufferPointer { keys in
                while true {
                    let id = ids[slot]
                    if id < 0 || keys[slot] == key { return id }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func grow(toHold needed: Int = 0) {
        var capacity = slotIds.count * 2
        while capacity < needed * 2 { capacity <<= 1 }
        let oldIds = slotIds
        let oldKeys = slotKeys
        slotIds = [Int32](repeating: -1, count: capacity)
        slotKeys = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for s in 0..<oldIds.count where oldIds[s] >= 0 {
            var slot = Self.hash(oldKeys[s], shift)
            while slotIds[slot] >= 0 { slot = (slot + 1) & mask }
            slotIds[slot] = oldIds[s]
            slotKeys[slot] = oldKeys[s]
        }
    }
}
