// LIMIT / OFFSET: skips `offset` rows, passes at most `limit`, and stops pulling its input as
// soon as the limit is reached.

import LoupeCore

/// Row-count limiting.
final class LimitOperator: Operator {
    private let input: Operator
    private var remaining: Int?
    private var toSkip: Int

    var schema: Schema { input.schema }

    init(input: Operator, limit: Int?, offset: Int) {
        self.input = input
        self.remaining = limit
        self.toSkip = max(0, offset)
    }

    func next() throws -> Batch? {
        while remaining.map({ $0 > 0 }) ?? true, let batch = try input.next() {
            var start = 0
            if toSkip > 0 {
                start = min(toSkip, batch.count)
                toSkip -= start
            }
            var end = batch.count
            if let r = remaining { end = min(end, start.saturatingAdd(r)) }
            if end <= start { continue }
            remaining = remaining.map { $0 - (end - start) }
            if start == 0 && end == batch.count { return batch }
            return batch.rows(in: start..<end)
        }
        return nil
    }
}
