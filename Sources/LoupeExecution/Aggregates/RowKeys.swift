// Hashable keys for the rows of a column, for exact distinct counting: numbers as 64-bit
// patterns (integers by value, floats with -0 and NaN made canonical), strings as `String`,
// anything else (arrays, tuples of several arguments) as a normalized `Value`. Two rows are the same key exactly when ClickHouse's
// uniqExact counts them once.

import LoupeCore

/// The rows of one column as hashable keys.
enum RowKeys {
    case bits([UInt64])
    case strings([String])
    case values([Value])

    init(_ column: Column) {
        switch column.data {
        case .int64(let a): self = .bits(a.map { UInt64(bitPattern: $0) })
        case .uint64(let a): self = .bits(a)
        case .float32(let a): self = .bits(a.map { Self.canonical(Double($0)) })
        case .float64(let a): self = .bits(a.map(Self.canonical))
        case .string(let offsets, let bytes):
            self = .strings(
                (0..<column.count).map { String(decoding: bytes[offsets[$0]..<offsets[$0 + 1]], as: UTF8.self) })
        case .array:
            self = .values((0..<column.count).map { ValueOrder.normalized(column.value(at: $0)) })
        }
    }

    /// Keys for tuples of several columns' rows.
    init(_ columns: [Column]) {
        if columns.count == 1 {
            self.init(columns[0])
            return
        }
        let count = columns.first?.count ?? 0
        self = .values((0..<count).map { i in .array(columns.map { ValueOrder.normalized($0.value(at: i)) }) })
    }

    private static func canonical(_ d: Double) -> UInt64 {
        if d.isNaN { return Double.nan.bitPattern }
        return (d == 0 ? 0.0 : d).bitPattern
    }
}
