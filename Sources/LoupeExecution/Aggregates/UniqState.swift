// uniq(x, ...), uniqExact(x, ...) and count(DISTINCT x): the exact number of distinct non-NULL
// values (or tuples of values) per group, from one hash set per group. (ClickHouse's uniq is
// approximate; an exact count is within its error bound and makes results reproducible.)

import LoupeCore
import LoupePlanner

/// Accumulates distinct counts.
final class UniqState: AggregateState {
    private let type: DataType
    /// `count(DISTINCT *)`-like calls without arguments count distinct rows of nothing: 1 per
    /// non-empty group.
    private let countsAll: Bool
    private var bits: [UInt64Set] = []
    private var strings: [Set<String>] = []
    private var values: [Set<Value>] = []

    init(_ call: AggregateCall, countsAll: Bool) {
        type = call.type
        self.countsAll = countsAll
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        bits.grow(to: groupCount, with: UInt64Set())
        guard !arguments.isEmpty, !countsAll else {
            for g in groups { bits[Int(g)].insert(0) }
            return
        }
        // A row with a NULL in any argument is not counted.
        let nulls = NullMask.union(arguments.map(\.nulls), count: groups.count)
        switch RowKeys(arguments) {
        case .bits(let keys):
            for i in 0..<groups.count where !(nulls?[i] ?? false) { bits[Int(groups[i])].insert(keys[i]) }
        case .strings(let keys):
            strings.grow(to: groupCount, with: [])
            for i in 0..<groups.count where !(nulls?[i] ?? false) { strings[Int(groups[i])].insert(keys[i]) }
        case .values(let keys):
            values.grow(to: groupCount, with: [])
            for i in 0..<groups.count where !(nulls?[i] ?? false) { values[Int(groups[i])].insert(keys[i]) }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        bits.grow(to: groupCount, with: UInt64Set())
        strings.grow(to: groupCount, with: [])
        values.grow(to: groupCount, with: [])
        var counts = [UInt64](repeating: 0, count: groupCount)
        for g in 0..<groupCount {
            counts[g] = UInt64(bits[g].count) + UInt64(strings[g].count) + UInt64(values[g].count)
        }
        return NumericKernels.column(uint64: counts, type: type, nulls: nil)
    }
}
