// count() and count(x): rows per group, skipping rows where x is NULL. The result is UInt64.

import LoupeCore
import LoupePlanner

/// Accumulates `count`.
final class CountState: AggregateState {
    private var counts: [UInt64] = []
    private let type: DataType

    init(_ call: AggregateCall) {
        type = call.type
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [Column], groupCount: Int) throws {
        counts.grow(to: groupCount, with: 0)
        let nulls = arguments.first?.nulls
        if groupCount == 1 {
            let skipped = nulls?.reduce(0) { $0 + ($1 ? 1 : 0) } ?? 0
            counts[0] += UInt64(groups.count - skipped)
            return
        }
        // Safe: every group number is below groupCount, the length of `counts`.
        counts.withUnsafeMutableBufferPointer { c in
            if let nulls {
                for i in 0..<groups.count where !nulls[i] { c[Int(groups[i])] &+= 1 }
            } else {
                for g in groups { c[Int(g)] &+= 1 }
            }
        }
    }

    func finish(groupCount: Int) throws -> Column {
        counts.grow(to: groupCount, with: 0)
        return NumericKernels.column(uint64: Array(counts.prefix(groupCount)), type: type, nulls: nil)
    }
}
