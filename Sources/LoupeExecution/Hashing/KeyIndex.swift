// Assigns dense ids (0, 1, 2, ... in order of first appearance) to the key values of rows: the
// heart of hash aggregation, DISTINCT and hash joins. It picks a strategy from the key types:
// one fixed-width column goes through `Int64KeyMap`, one String column hashes its bytes in place,
// anything else is encoded per row by `KeyEncoder` into a `BytesKeyMap`.

import LoupeCore

/// What a NULL in a key means.
enum NullKeyMode {
    /// NULL is a key value of its own (GROUP BY, DISTINCT).
    case group
    /// A row with a NULL key has no key and matches nothing (joins).
    case skip
}

/// Dense ids for row keys.
final class KeyIndex {
    private enum Strategy {
        case fixedWidth
        case string
        case encoded
    }

    private let strategy: Strategy
    private let nullMode: NullKeyMode
    private var fixed = Int64KeyMap()
    private var bytes = BytesKeyMap()

    /// Number of distinct keys so far.
    var count: Int { strategy == .fixedWidth ? fixed.count : bytes.count }

    /// An index for keys of `types`.
    init(types: [DataType], nullMode: NullKeyMode) {
        self.nullMode = nullMode
        let nullsAreKeys = nullMode == .group && types.contains { $0.isNullable }
        if types.count == 1 && !nullsAreKeys {
            switch types[0].physicalKind {
            case .int64, .uint64, .float32, .float64: strategy = .fixedWidth
            case .string: strategy = .string
            case .array: strategy = .encoded
            }
        } else {
            strategy = .encoded
        }
    }

    /// The id of every row's key, adding new keys. `newRows` receives, in id order, the row that
    /// introduced each new id. Rows without a key (a NULL in `.skip` mode) get -1.
    func insert(_ keys: [Column], count: Int, newRows: inout [Int]) -> [Int32] {
        var ids = [Int32](repeating: -1, count: count)
        // Work on local copies of the maps (moved out, so still uniquely owned): per-row access
        // to a class's stored property would pay a dynamic exclusivity check each time.
        var fixed = Int64KeyMap(expected: 0)
        var bytes = BytesKeyMap(expected: 0)
        swap(&fixed, &self.fixed)
        swap(&bytes, &self.bytes)
        defer {
            swap(&fixed, &self.fixed)
            swap(&bytes, &self.bytes)
        }
        switch strategy {
        case .fixedWidth:
            let words = keys[0].nulls == nil && isInt64(keys[0]) ? [] : Self.words(keys[0])
            if let nulls = keys[0].nulls {
                for i in 0..<count where !nulls[i] {
                    let (id, isNew) = fixed.insert(words[i])
                    ids[i] = id
                    if isNew { newRows.append(i) }
                }
            } else if case .int64(let a) = keys[0].data {
                // Int64 and UInt64 have the same size and alignment: the keys are the bit patterns.
                a.withUnsafeBufferPointer { raw in
                    raw.withMemoryRebound(to: UInt64.self) { w in
                        ids.withUnsafeMutableBufferPointer { out in fixed.insert(w, ids: out, newKeys: &newRows) }
                    }
                }
            } else {
                words.withUnsafeBufferPointer { w in
                    ids.withUnsafeMutableBufferPointer { out in fixed.insert(w, ids: out, newKeys: &newRows) }
                }
            }
        case .string:
            guard case .string(let offsets, let data) = keys[0].data else { preconditionFailure("string key") }
            let nulls = keys[0].nulls
            // Offsets index `data` (a normalized column); each slice is bounds-checked by them.
            data.withUnsafeBytes { raw in
                for i in 0..<count where !(nulls?[i] ?? false) {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[offsets[i]..<offsets[i + 1]])
                    let (id, isNew) = bytes.insert(slice)
                    ids[i] = id
                    if isNew { newRows.append(i) }
                }
            }
        case .encoded:
            var scratch: [UInt8] = []
            for i in 0..<count {
                scratch.removeAll(keepingCapacity: true)
                guard KeyEncoder.append(keys, row: i, nullFlags: nullMode == .group, to: &scratch) else { continue }
                let (id, isNew) = scratch.withUnsafeBytes { bytes.insert($0) }
                ids[i] = id
                if isNew { newRows.append(i) }
            }
        }
        return ids
    }

    /// The id of every row's key, or -1 when the key is absent (or has a NULL in `.skip` mode).
    func lookup(_ keys: [Column], count: Int) -> [Int32] {
        var ids = [Int32](repeating: -1, count: count)
        let fixed = self.fixed
        let bytes = self.bytes
        switch strategy {
        case .fixedWidth:
            let words = Self.words(keys[0])
            let nulls = keys[0].nulls
            for i in 0..<count where !(nulls?[i] ?? false) { ids[i] = fixed.find(words[i]) }
        case .string:
            guard case .string(let offsets, let data) = keys[0].data else { preconditionFailure("string key") }
            let nulls = keys[0].nulls
            // Offsets index `data`; each slice is bounds-checked by them.
            data.withUnsafeBytes { raw in
                for i in 0..<count where !(nulls?[i] ?? false) {
                    ids[i] = bytes.find(UnsafeRawBufferPointer(rebasing: raw[offsets[i]..<offsets[i + 1]]))
                }
            }
        case .encoded:
            var scratch: [UInt8] = []
            for i in 0..<count {
                scratch.removeAll(keepingCapacity: true)
                guard KeyEncoder.append(keys, row: i, nullFlags: nullMode == .group, to: &scratch) else { continue }
                ids[i] = scratch.withUnsafeBytes { bytes.find($0) }
            }
        }
        return ids
    }

    private func isInt64(_ column: Column) -> Bool {
        if case .int64 = column.data { return true }
        return false
    }

    /// A fixed-width column as 64-bit keys (see `KeyEncoder.floatKey`).
    private static func words(_ column: Column) -> [UInt64] {
        switch column.data {
        case .int64(let a): return a.map { UInt64(bitPattern: $0) }
        case .uint64(let a): return a
        case .float32(let a): return a.map { KeyEncoder.floatKey(Double($0)) }
        case .float64(let a): return a.map { KeyEncoder.floatKey($0) }
        case .string, .array: preconditionFailure("not a fixed-width column")
        }
    }
}
