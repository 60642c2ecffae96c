// Row comparison over several ORDER BY keys, with a fast path for the common single fixed-width
// key (rows compared as encoded integer pairs, sorted without touching the columns).

import LoupeCore
import LoupePlanner

/// Row comparison over several sort keys.
struct SortKeyColumns {
    let columns: [SortColumn]
    /// For a single fixed-width key: every row's encoded key (the fast path).
    let encoded: [EncodedSortKey]?

    init(_ columns: [Column], keys: [SortKey]) {
        self.columns = zip(columns, keys).map { SortColumn($0, descending: $1.descending, nullsFirst: $1.nullsFirst) }
        encoded = self.columns.count == 1 ? self.columns[0].encoded(count: columns[0].count) : nil
    }

    /// Negative when row `i` of `self` sorts before row `j` of `other`, zero on a tie.
    @inline(__always)
    func compare(_ i: Int, _ other: SortKeyColumns, _ j: Int) -> Int {
        if let a = encoded, let b = other.encoded {
            return a[i] < b[j] ? -1 : (a[i] == b[j] ? 0 : 1)
        }
        for k in columns.indices {
            let c = columns[k].compare(i, other.columns[k], j)
            if c != 0 { return c }
        }
        return 0
    }

    /// The positions `0..<count` in sort order; ties keep their original order.
    func sortedPositions(count: Int) -> [Int] {
        if let encoded {
            var entries = encoded.enumerated().map { (key: $0.element, position: Int32($0.offset)) }
            entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
            return entries.map { Int($0.position) }
        }
        var positions = Array(0..<count)
        positions.sort { a, b in
            let c = compare(a, self, b)
            return c != 0 ? c < 0 : a < b
        }
        return positions
    }
}
