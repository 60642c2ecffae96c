// The `-If` combinator (countIf, sumIf, avgIf, ...): the last argument is a condition; only rows
// where it is true (non-zero and not NULL) reach the wrapped state.

import LoupeCore

/// Filters rows by a condition before another state.
final class IfState: AggregateState {
    private let inner: AggregateState

    init(inner: AggregateState) {
        self.inner = inner
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        guard let condition = arguments.last else { return }
        let rows = ExpressionEvaluator.truePositions(condition)
        let values = Array(arguments.dropLast())
        if rows.count == groups.count {
            try inner.update(groups: groups, arguments: values, groupCount: groupCount)
            return
        }
        let kept = rows.map { groups[$0] }
        try kept.withUnsafeBufferPointer { g in
            try inner.update(groups: g, arguments: values.map { $0.gather(rows) }, groupCount: groupCount)
        }
    }

    func finish(groupCount: Int) throws -> Column {
        try inner.finish(groupCount: groupCount)
    }
}
