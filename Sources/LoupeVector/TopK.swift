// The k best (score, id) pairs seen so far: what an exact scan keeps while it walks a part, and
// what per-part results merge into. Order is total and deterministic: better score first, equal
// scores by smaller id, NaN after every number (ClickHouse's ORDER BY puts NaN last), so the
// result equals the first k of a full sort whatever order the pairs arrive in.

/// A bounded selection of the `k` best scores, with their row ids.
///
/// Kept as a binary heap whose root is the worst pair kept, so a candidate is compared with the
/// root once and most candidates of a scan are rejected by `threshold` without touching the heap.
public struct TopK: Sendable {
    /// How many pairs are kept at most.
    public let k: Int
    /// True when larger scores are better (inner product); false for distances.
    public let largerIsBetter: Bool
    /// Heap of badness keys (the score, negated when larger is better); the root is the worst.
    private var keys: [Float] = []
    private var ids: [Int] = []

    /// An empty selection of at most `k` pairs.
    public init(k: Int, largerIsBetter: Bool = false) {
        precondition(k >= 0, "k must not be negative")
        self.k = k
        self.largerIsBetter = largerIsBetter
        keys.reserveCapacity(k)
        ids.reserveCapacity(k)
    }

    /// The number of pairs kept (at most `k`).
    public var count: Int { keys.count }

    /// A score that is worse than `threshold` cannot enter (one that equals it may, with a
    /// smaller id): the worst kept score once `k` pairs are kept, and the loosest possible value
    /// before that (or while a NaN is kept). NaN scores are compared by `push` itself.
    public var threshold: Float {
        guard keys.count == k, k > 0, !keys[0].isNaN else {
            return largerIsBetter ? -.infinity : .infinity
        }
        return largerIsBetter ? -keys[0] : keys[0]
    }

    /// Offers a pair; keeps it when it is among the `k` best so far.
    /// - Complexity: O(1) when rejected, O(log k) when kept.
    public mutating func push(_ score: Float, _ id: Int) {
        let key = largerIsBetter ? -score : score
        if keys.count < k {
            keys.append(key)
            ids.append(id)
            siftUp(keys.count - 1)
        } else if k > 0 && Self.isWorse(keys[0], ids[0], than: key, id) {
            keys[0] = key
            ids[0] = id
            siftDown(0)
        }
    }

    /// Adds every pair of `other` (a selection over other rows, e.g. another part).
    /// - Complexity: O(other.count · log k).
    public mutating func merge(_ other: TopK) {
        precondition(other.largerIsBetter == largerIsBetter, "merging selections of opposite orders")
        for i in 0..<other.keys.count {
            push(largerIsBetter ? -other.keys[i] : other.keys[i], other.ids[i])
        }
    }

    /// The kept pairs, best first; equal scores by smaller id.
    /// - Complexity: O(k log k).
    public func sorted() -> [(score: Float, id: Int)] {
        let order = (0..<keys.count).sorted { Self.isWorse(keys[$1], ids[$1], than: keys[$0], ids[$0]) }
        return order.map { (score: largerIsBetter ? -keys[$0] : keys[$0], id: ids[$0]) }
    }

    /// True when pair (a, aid) ranks after pair (b, bid): larger key, NaN last, then larger id.
    @inline(__always)
    private static func isWorse(_ a: Float, _ aid: Int, than b: Float, _ bid: Int) -> Bool {
        if a.isNaN || b.isNaN {
            if a.isNaN != b.isNaN { return a.isNaN }
            return aid > bid
        }
        return a > b || (a == b && aid > bid)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isWorse(keys[child], ids[child], than: keys[parent], ids[parent]) else { return }
            keys.swapAt(child, parent)
            ids.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = keys.count
        while true {
            var worst = parent
            let left = 2 * parent + 1
            let right = left + 1
            if left < n && Self.isWorse(keys[left], ids[left], than: keys[worst], ids[worst]) { worst = left }
            if right < n && Self.isWorse(keys[right], ids[right], than: keys[worst], ids[worst]) { worst = right }
            if worst == parent { return }
            keys.swapAt(parent, worst)
            ids.swapAt(parent, worst)
            parent = worst
        }
    }
}
