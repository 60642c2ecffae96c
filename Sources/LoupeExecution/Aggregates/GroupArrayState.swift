// groupArray(x): every non-NULL value of a group, in input order, as an array. Input columns are
// kept whole in a `RowStore`; each group lists the global row numbers of its values.

import LoupeCore
import LoupePlanner

/// Accumulates `groupArray`.
final class GroupArrayState: AggregateState {
    private let type: DataType
    private let elementType: DataType
    /// `groupArray(n)(x)`: at most n values per group.
    private let limit: Int
    private var store = RowStore()
    private var members: [[Int]] = []

    init(_ call: AggregateCall) throws {
        try AggregateFunctions.expectArguments(call, 1)
        guard let element = call.type.elementType else {
            throw LoupeError(.type, "groupArray must produce an array, not \(call.type)")
        }
        type = call.type
        elementType = element
        limit = call.parameters.first?.int64Value.map { Int(max(0, $0)) } ?? Int.max
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        let column = arguments[0]
        members.grow(to: groupCount, with: [])
        let first = store.keep(column, rows: Array(0..<column.count))
        for i in 0..<groups.count where !column.isNull(i) {
            let g = Int(groups[i])
            if members[g].count < limit { members[g].append(first + i) }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        members.grow(to: groupCount, with: [])
        var offsets = [0]
        var flat: [Int] = []
        for m in members.prefix(groupCount) {
            flat.append(contentsOf: m)
            offsets.append(flat.count)
        }
        let gathered = store.gather(flat, as: elementType.asNullable)
        let elements = Column(
            type: elementType, data: gathered.data, nulls: elementType.isNullable ? gathered.nulls : nil)
        return Column(type: type, data: .array(offsets: offsets, elements: elements))
    }
}
