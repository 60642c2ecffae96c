// Decoded pages shared by every table of a database, so a hot table is read and decoded once.
// Least recently used pages are evicted once the cached columns exceed the byte budget. Entries
// are keyed by a part's process-unique id, so a page of a dropped part can never be mistaken for
// one of its successor; a part's entries are dropped with it.

import Foundation
import LoupeCore

/// A byte-bounded LRU cache of decoded pages.
final class PageCache: @unchecked Sendable {
    struct Key: Hashable {
        let part: UInt64
        let column: Int
        let page: Int
    }

    private struct Entry {
        var key: Key
        var column: Column
        var bytes: Int
        var newer: Int
        var older: Int
    }

    let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`: entries in a slot array linked from newest to oldest, a free-slot list,
    // and each part's keys (for dropping a part).
    private var entries: [Entry] = []
    private var slots: [Key: Int] = [:]
    private var free: [Int] = []
    private var byPart: [UInt64: Set<Key>] = [:]
    private var newest = -1
    private var oldest = -1
    private var used = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Bytes held.
    var usedBytes: Int { lock.withLock { used } }

    /// The cached page, marked most recently used.
    func value(for key: Key) -> Column? {
        lock.withLock {
            guard let slot = slots[key] else { return nil }
            unlink(slot)
            pushNewest(slot)
            return entries[slot].column
        }
    }

    /// Caches a page, evicting the least recently used ones to make room.
    func insert(_ column: Column, for key: Key) {
        let bytes = column.retainedBytes + 64
        guard bytes <= capacity else { return }
        lock.withLock {
            if let slot = slots[key] { remove(slot) }
            while used + bytes > capacity, oldest >= 0 { remove(oldest) }
            let entry = Entry(key: key, column: column, bytes: bytes, newer: -1, older: -1)
            let slot: Int
            if let reused = free.popLast() {
                entries[reused] = entry
                slot = reused
            } else {
                entries.append(entry)
                slot = entries.count - 1
            }
            slots[key] = slot
            byPart[key.part, default: []].insert(key)
            used += bytes
            pushNewest(slot)
        }
    }

    /// Drops every page of a part.
    func removeAll(part: UInt64) {
        lock.withLock {
            guard let keys = byPart[part] else { return }
            for key in keys {
                if let slot = slots[key] { remove(slot) }
            }
        }
    }

    /// Unlinks and frees a slot (caller holds `lock`).
    private func remove(_ slot: Int) {
        unlink(slot)
        let key = entries[slot].key
        slots[key] = nil
        if var keys = byPart[key.part] {
            keys.remove(key)
            byPart[key.part] = keys.isEmpty ? nil : keys
        }
        used -= entries[slot].bytes
        entries[slot].column = Column(type: .nothing, data: .int64([]))
        free.append(slot)
    }

    private func unlink(_ slot: Int) {
        let newer = entries[slot].newer
        let older = entries[slot].older
        if newer >= 0 { entries[newer].older = older } else { newest = older }
        if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        entries[slot].newer = -1
        entries[slot].older = -1
    }

    private func pushNewest(_ slot: Int) {
        entries[slot].older = newest
        entries[slot].newer = -1
        if newest >= 0 { entries[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}

extension Column {
    /// Approximate bytes held by the column's buffers.
    var retainedBytes: Int {
        let flags = nulls?.count ?? 0
        switch data {
        case .int64(let a): return flags + 8 * a.count
        case .uint64(let a): return flags + 8 * a.count
        case .float32(let a): return flags + 4 * a.count
        case .float64(let a): return flags + 8 * a.count
        case .string(let offsets, let bytes): return flags + 8 * offsets.count + bytes.count
        case .array(let offsets, let elements): return flags + 8 * offsets.count + elements.retainedBytes
        }
    }
}
