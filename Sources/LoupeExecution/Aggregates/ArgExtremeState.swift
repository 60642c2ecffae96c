// argMin(value, key) and argMax(value, key): the value of the row with the smallest (largest) key
// per group; the first such row wins a tie. Keys compare as numbers, bytewise strings, or
// element-wise arrays; rows with a NULL key are skipped. Chosen values are kept in a `RowStore`.

import LoupeCore
import LoupePlanner

/// Accumulates `argMin` or `argMax`.
final class ArgExtremeState: AggregateState {
    private let type: DataType
    private let isMax: Bool
    private var store = RowStore()
    /// Global row number of the chosen value per group (-1: none yet).
    private var chosen: [Int] = []
    /// The best key so far per group, as a value (numbers as Double or UInt64, strings, arrays).
    private var best: [Value] = []

    init(_ call: AggregateCall, max: Bool) throws {
        try AggregateFunctions.expectArguments(call, 2)
        type = call.type
        isMax = max
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let (values, keys) = (arguments[0], arguments[1])
        chosen.grow(to: groupCount, with: -1)
        best.grow(to: groupCount, with: .null)
        let numeric = keys.type.isNumeric || keys.type.nonNullable == .date || keys.type.nonNullable == .dateTime
        let doubles = numeric && keys.type.nonNullable != .uint64 ? keys.doubleValues() : []
        var pending = [Int: Int]()
        for i in 0..<groups.count where !keys.isNull(i) {
            let g = Int(groups[i])
            let key: Value = doubles.isEmpty ? keys.value(at: i) : .float(doubles[i])
            if chosen[g] < 0 && pending[g] == nil {
                best[g] = key
                pending[g] = i
                continue
            }
            let c = ValueOrder.compare(key, best[g])
            if isMax ? c > 0 : c < 0 {
                best[g] = key
                pending[g] = i
            }
        }
        if pending.isEmpty { return }
        let picks = pending.sorted { $0.value < $1.value }
        let first = store.keep(values, rows: picks.map(\.value))
        for (k, pick) in picks.enumerated() { chosen[pick.key] = first + k }
    }

    func finish(groupCount: Int) throws -> Column {
        chosen.grow(to: groupCount, with: -1)
        let picked = store.gather(Array(chosen.prefix(groupCount)), as: type)
        return Column(type: type, data: picked.data, nulls: type.isNullable ? NullMask.compact(picked.nulls) : nil)
    }
}
