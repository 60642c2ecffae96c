// Re-cuts loaded batches into batches of exactly `Batch.capacity` rows before they are appended.
// Parse chunks end wherever their bytes end, so their batches come in arbitrary sizes; a store
// keeps rows in segments of one batch, and takes a whole aligned batch as a segment without
// copying it. Each aligned batch is spliced from the pieces that make it up, with buffers of
// exactly the right size, so the rows are copied once, here, while the parse threads keep going.

import LoupeCore

/// Collects batches and hands them out in runs of `size` rows.
struct BatchAligner {
    let size: Int
    private var parts: [(batch: Batch, rows: Range<Int>)] = []
    private var count = 0

    init(size: Int = Batch.capacity) {
        self.size = size
    }

    /// Adds `batch`; returns the batches of `size` rows it completes.
    mutating func add(_ batch: Batch) -> [Batch] {
        var done: [Batch] = []
        if count == 0 && batch.count == size { return [batch] }
        var start = 0
        while start < batch.count {
            let take = min(size - count, batch.count - start)
            parts.append((batch, start..<(start + take)))
            count += take
            start += take
            if count == size { done.append(flush()) }
        }
        return done
    }

    /// The rows left over (fewer than `size`), if any.
    mutating func finish() -> Batch? {
        count > 0 ? flush() : nil
    }

    private mutating func flush() -> Batch {
        defer {
            parts = []
            count = 0
        }
        if parts.count == 1, parts[0].rows == 0..<parts[0].batch.count { return parts[0].batch }
        let columns = parts[0].batch.columns.indices.map { c in
            ColumnSplice.concatenate(parts.map { ($0.batch.columns[c], $0.rows) })
        }
        return Batch(columns: columns, count: count)
    }
}

/// Concatenation of row ranges of columns of one type into exactly sized buffers.
enum ColumnSplice {
    /// The rows `range` of each column, one after another.
    static func concatenate(_ parts: [(column: Column, range: Range<Int>)]) -> Column {
        let type = parts[0].column.type
        var nulls: [Bool]?
        if parts.contains(where: { $0.column.nulls != nil }) {
            var flags: [Bool] = []
            flags.reserveCapacity(parts.reduce(0) { $0 + $1.range.count })
            for (column, range) in parts {
                if let n = column.nulls {
                    flags.append(contentsOf: n[range])
                } else {
                    flags.append(contentsOf: repeatElement(false, count: range.count))
                }
            }
            nulls = flags
        }
        let data: ColumnData
        switch parts[0].column.data {
        case .int64: data = .int64(join(parts) { if case .int64(let a) = $0 { a } else { [] } })
        case .uint64: data = .uint64(join(parts) { if case .uint64(let a) = $0 { a } else { [] } })
        case .float32: data = .float32(join(parts) { if case .float32(let a) = $0 { a } else { [] } })
        case .float64: data = .float64(join(parts) { if case .float64(let a) = $0 { a } else { [] } })
        case .string:
            var offsets = [0]
            var bytes: [UInt8] = []
            offsets.reserveCapacity(parts.reduce(1) { $0 + $1.range.count })
            for (column, range) in parts {
                guard case .string(let o, let b) = column.data else { preconditionFailure("mixed column layouts") }
                let base = bytes.count - o[range.lowerBound]
                bytes.append(contentsOf: b[o[range.lowerBound]..<o[range.upperBound]])
                for i in range { offsets.append(o[i + 1] + base) }
            }
            data = .string(offsets: offsets, bytes: bytes)
        case .array:
            var offsets = [0]
            offsets.reserveCapacity(parts.reduce(1) { $0 + $1.range.count })
            var elementParts: [(column: Column, range: Range<Int>)] = []
            var total = 0
            for (column, range) in parts {
                guard case .array(let o, let elements) = column.data else {
                    preconditionFailure("mixed column layouts")
                }
                let base = total - o[range.lowerBound]
                for i in range { offsets.append(o[i + 1] + base) }
                elementParts.append((elements, o[range.lowerBound]..<o[range.upperBound]))
                total += o[range.upperBound] - o[range.lowerBound]
            }
            data = .array(offsets: offsets, elements: concatenate(elementParts))
        }
        return Column(type: type, data: data, nulls: nulls)
    }

    private static func join<T>(_ parts: [(column: Column, range: Range<Int>)], _ values: (ColumnData) -> [T]) -> [T] {
        var out: [T] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.range.count })
        for (column, range) in parts { out.append(contentsOf: values(column.data)[range]) }
        return out
    }
}
