// An open-addressing hash table from byte strings to dense ids, for String keys and for keys of
// several columns encoded into bytes by `KeyEncoder`. Keys are copied once into an arena. Each
// slot packs a 32-bit hash tag with the id in one word, so a probe touches one cache line and most
// mismatches are rejected without reading the arena.

import Foundation

/// Dense ids for byte-string keys.
struct BytesKeyMap {
    /// Slot → (hash tag << 32) | (id + 1); 0 when empty.
    private var slots: [UInt64]
    /// Key `id` is `arena[keyOffsets[id] ..< keyOffsets[id + 1]]`.
    private var keyOffsets: [Int] = [0]
    private var arena: [UInt8] = []
    /// Number of distinct keys.
    var count: Int { keyOffsets.count - 1 }

    init(expected: Int = 1024) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    /// The id of `key`, adding it when new.
    mutating func insert(_ key: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 {
                let newId = Int32(count)
                slots[slot] = tag | UInt64(newId + 1)
                arena.append(contentsOf: key)
                keyOffsets.append(arena.count)
                return (newId, true)
            }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if equals(id, key) { return (Int32(id), false) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, or -1.
    func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(key)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return -1 }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if equals(id, key) { return Int32(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = keyOffsets[id]
        let length = keyOffsets[id + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        // Both ranges were bounds-checked: `start + length <= arena.count`, `length == key.count`.
        return arena.withUnsafeBytes { stored in
            if length <= 16 {
                for k in 0..<length where stored[start + k] != key[k] { return false }
                return true
            }
            return memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0
        }
    }

    /// Doubles the slot array, re-placing every key by its stored hash tag and re-hashed slot.
    private mutating func grow() {
        let capacity = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        arena.withUnsafeBytes { bytes in
            for entry in slots where entry != 0 {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                let key = UnsafeRawBufferPointer(rebasing: bytes[keyOffsets[id]..<keyOffsets[id + 1]])
                var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = entry
            }
        }
        slots = fresh
    }

    /// A 64-bit hash of bytes: 8-byte words folded with multiply-xorshift, then a final mix. The
    /// last partial word is read with overlapping loads (short keys as in wyhash), never byte by
    /// byte or through a copy.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let n = key.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var tail: UInt64
        // Every load below lies inside the buffer: offsets are checked against `n` first.
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            tail = key.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            let low = UInt64(key.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(key.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            tail = low | high << 32
        } else if n > 0 {
            tail = UInt64(key[0]) | UInt64(key[n >> 1]) << 8 | UInt64(key[n - 1]) << 16
        } else {
            tail = 0
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
