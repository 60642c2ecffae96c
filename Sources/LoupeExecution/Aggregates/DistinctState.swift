// The DISTINCT form of an aggregate (`sum(DISTINCT x)`, `avg(DISTINCT x)`, ...): a row reaches
// the wrapped state only the first time its value appears in its group.

import LoupeCore

/// Passes each (group, value) pair once to another state.
final class DistinctState: AggregateState {
    private let inner: AggregateState
    private var bits = Set<GroupKey<UInt64>>()
    private var strings = Set<GroupKey<String>>()
    private var values = Set<GroupKey<Value>>()

    init(inner: AggregateState) {
        self.inner = inner
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        guard let column = arguments.first else {
            try inner.update(groups: groups, arguments: arguments, groupCount: groupCount)
            return
        }
        var rows: [Int] = []
        switch RowKeys(column) {
        case .bits(let k):
            for i in 0..<groups.count
            where !column.isNull(i) && bits.insert(GroupKey(group: groups[i], key: k[i])).inserted { rows.append(i) }
        case .strings(let k):
            for i in 0..<groups.count
            where !column.isNull(i) && strings.insert(GroupKey(group: groups[i], key: k[i])).inserted { rows.append(i) }
        case .values(let k):
            for i in 0..<groups.count
            where !column.isNull(i) && values.insert(GroupKey(group: groups[i], key: k[i])).inserted { rows.append(i) }
        }
        let kept = rows.map { groups[$0] }
        try kept.withUnsafeBufferPointer { g in
            try inner.update(groups: g, arguments: arguments.map { $0.gather(rows) }, groupCount: groupCount)
        }
    }

    func finish(groupCount: Int) throws -> Column {
        try inner.finish(groupCount: groupCount)
    }
}

/// A value within one group.
private struct GroupKey<Key: Hashable>: Hashable {
    let group: Int32
    let key: Key
}
