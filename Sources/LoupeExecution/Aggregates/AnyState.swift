// any(x) and anyLast(x): the first (or last) non-NULL value seen per group. Chosen rows are kept
// in a `RowStore`, so values of every type (strings, arrays) are copied once per batch and group.

import LoupeCore
import LoupePlanner

/// Accumulates `any` or `anyLast`.
final class AnyState: AggregateState {
    private let type: DataType
    private let last: Bool
    private var store = RowStore()
    /// Global row number chosen per group (-1: none yet).
    private var chosen: [Int] = []

    init(_ call: AggregateCall, last: Bool) throws {
        try AggregateFunctions.expectArguments(call, 1)
        type = call.type
        self.last = last
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        chosen.grow(to: groupCount, with: -1)
        var pending = [Int: Int]()
        for i in 0..<groups.count where !column.isNull(i) {
            let g = Int(groups[i])
            if last || (chosen[g] < 0 && pending[g] == nil) { pending[g] = i }
        }
        if pending.isEmpty { return }
        let picks = pending.sorted { $0.value < $1.value }
        let first = store.keep(column, rows: picks.map(\.value))
        for (k, pick) in picks.enumerated() { chosen[pick.key] = first + k }
    }

    func finish(groupCount: Int) throws -> Column {
        chosen.grow(to: groupCount, with: -1)
        let picked = store.gather(Array(chosen.prefix(groupCount)), as: type)
        return Column(type: type, data: picked.data, nulls: type.isNullable ? NullMask.compact(picked.nulls) : nil)
    }
}
