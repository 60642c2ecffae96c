// Encodes the key values of one row (any number of columns, any types) as a byte string, so
// that equal keys give equal bytes and different keys different bytes. This is the generic path
// of `KeyIndex`: composite GROUP BY / JOIN / DISTINCT keys, and keys of Nullable or array type.

import LoupeCore

/// Row keys as bytes.
enum KeyEncoder {
    /// The 64-bit key of a fixed-width value: integers by bit pattern, floats as a Double with
    /// -0 folded into 0 and every NaN into one NaN (so equal numbers give equal keys).
    @inline(__always)
    static func floatKey(_ value: Double) -> UInt64 {
        if value == 0 { return 0 }
        if value.isNaN { return Double.nan.bitPattern }
        return value.bitPattern
    }

    /// Appends row `row` of `columns` to `out`. With `nullFlags`, each Nullable column writes a
    /// flag byte first so NULL is a key of its own; without, returns false on the first NULL
    /// (the row has no key) and writes nothing further.
    static func append(_ columns: [Column], row: Int, nullFlags: Bool, to out: inout [UInt8]) -> Bool {
        for column in columns {
            if !append(column, row: row, nullFlags: nullFlags, to: &out) { return false }
        }
        return true
    }

    private static func append(_ column: Column, row: Int, nullFlags: Bool, to out: inout [UInt8]) -> Bool {
        let isNull = column.isNull(row)
        if nullFlags && column.type.isNullable {
            out.append(isNull ? 1 : 0)
            if isNull { return true }
        } else if isNull {
            return false
        }
        switch column.data {
        case .int64(let a): appendWord(UInt64(bitPattern: a[row]), to: &out)
        case .uint64(let a): appendWord(a[row], to: &out)
        case .float32(let a): appendWord(floatKey(Double(a[row])), to: &out)
        case .float64(let a): appendWord(floatKey(a[row]), to: &out)
        case .string(let offsets, let bytes):
            appendLength(offsets[row + 1] - offsets[row], to: &out)
            out.append(contentsOf: bytes[offsets[row]..<offsets[row + 1]])
        case .array(let offsets, let elements):
            appendLength(offsets[row + 1] - offsets[row], to: &out)
            for e in offsets[row]..<offsets[row + 1] {
                // Elements always carry flags: an array may hold NULLs even when compared for a join.
                _ = append(elements, row: e, nullFlags: true, to: &out)
            }
        }
        return true
    }

    @inline(__always)
    private static func appendWord(_ word: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func appendLength(_ n: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) }
    }
}
