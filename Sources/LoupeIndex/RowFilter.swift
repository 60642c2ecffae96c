// The rows a search may return, as a bitmap over 0 ..< count: the WHERE clause evaluated on a
// part's rows, with deleted rows cleared. A graph walk still passes through rows the filter
// rejects (they keep the graph connected) but never returns them.

/// A set of row numbers in 0 ..< count, one bit each.
public struct RowFilter: Sendable, Equatable {
    /// Number of rows the bitmap covers.
    public let count: Int
    private var words: [UInt64]
    /// Rows in the set.
    public private(set) var cardinality: Int

    /// A filter over `count` rows holding all of them (`allowed`) or none.
    public init(count: Int, allowed: Bool) {
        precondition(count >= 0, "negative row count")
        self.count = count
        let wordCount = (count + 63) / 64
        words = [UInt64](repeating: allowed ? ~0 : 0, count: wordCount)
        cardinality = allowed ? count : 0
        if allowed, count % 64 != 0 { words[wordCount - 1] = (UInt64(1) << UInt64(count % 64)) - 1 }
    }

    /// A filter over `count` rows holding every row whose bit is clear in `excluded` (bit
    /// `r % 64` of word `r / 64`, as a delete mask stores them).
    public init(count: Int, excluding excluded: [UInt64]) {
        precondition(excluded.count == (count + 63) / 64, "the bitmap does not cover \(count) rows")
        self.count = count
        words = excluded.map { ~$0 }
        if count % 64 != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(count % 64)) - 1 }
        cardinality = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Whether `row` is in the set.
    @inline(__always)
    public func contains(_ row: Int) -> Bool {
        words[row >> 6] & (UInt64(1) << UInt64(row & 63)) != 0
    }

    /// Adds `row`.
    public mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < count, "row \(row) out of range")
        let bit = UInt64(1) << UInt64(row & 63)
        if words[row >> 6] & bit == 0 {
            words[row >> 6] |= bit
            cardinality += 1
        }
    }

    /// Removes `row`.
    public mutating func remove(_ row: Int) {
        precondition(row >= 0 && row < count, "row \(row) out of range")
        let bit = UInt64(1) << UInt64(row & 63)
        if words[row >> 6] & bit != 0 {
            words[row >> 6] &= ~bit
            cardinality -= 1
        }
    }

    /// The rows in the set, ascending.
    public var rows: [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(cardinality)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                out.append(Int32(w * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return out
    }
}
