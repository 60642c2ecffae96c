// Whole-range column operations the table store and the operators lean on: cutting a row range
// out of a column with one copy per buffer, appending a column in place, and concatenating many.
// All of them keep the layout normalized (string and array offsets start at 0), so consumers may
// index the flat buffers directly.


extension Column {
    /// Rows `range` of this column, copied buffer by buffer (no per-row work except rebasing
    /// string/array offsets).
    package func rows(in range: Range<Int>) -> Column {
        if range.lowerBound == 0 && range.upperBound == count { return normalized() }
        let newNulls = nulls.map { Array($0[range]) }
        switch data {
        case .int64(let a): return Column(type: type, data: .int64(Array(a[range])), nulls: newNulls)
        case .uint64(let a): return Column(type: type, data: .uint64(Array(a[range])), nulls: newNulls)
        case .float32(let a): return Column(type: type, data: .float32(Array(a[range])), nulls: newNulls)
        case .float64(let a): return Column(type: type, data: .float64(Array(a[range])), nulls: newNulls)
        case .string(let offsets, let bytes):
            let (newOffsets, start, end) = Self.rebase(offsets, range)
            return Column(
                type: type, data: .string(offsets: newOffsets, bytes: Array(bytes[start..<end])), nulls: newNulls)
        case .array(let offsets, let elements):
            let (newOffsets, start, end) = Self.rebase(offsets, range)
            return Column(
                type: type, data: .array(offsets: newOffsets, elements: elements.rows(in: start..<end)), nulls: newNulls
            )
        }
    }

    /// The same rows with string/array offsets starting at 0 (a no-op for columns built by
    /// `ColumnBuilder`, which always are).
    package func normalized() -> Column {
        switch data {
        case .string(let offsets, _) where offsets[0] != 0: break
        case .array(let offsets, let elements) where offsets[0] != 0 || offsets[offsets.count - 1] != elements.count:
            break
        default: return self
        }
        switch data {
        case .string(let offsets, let bytes):
            let (newOffsets, start, end) = Self.rebase(offsets, 0..<count)
            return Column(
                type: type, data: .string(offsets: newOffsets, bytes: Array(bytes[start..<end])), nulls: nulls)
        case .array(let offsets, let elements):
            let (newOffsets, start, end) = Self.rebase(offsets, 0..<count)
            return Column(
                type: type, data: .array(offsets: newOffsets, elements: elements.rows(in: start..<end)), nulls: nulls)
        default: return self
        }
    }

    /// Offsets `range.lowerBound ... range.upperBound` shifted to start at 0, and the range of the
    /// child buffer they cover.
    private static func rebase(_ offsets: [Int], _ range: Range<Int>) -> ([Int], Int, Int) {
        let start = offsets[range.lowerBound]
        let end = offsets[range.upperBound]
        let rebased = offsets.withUnsafeBufferPointer { src in
            [Int](unsafeUninitializedCapacity: range.count + 1) { dst, n in
                // Both buffers are bounds-checked above: `range` lies inside `offsets`.
                for k in 0...range.count { dst[k] = src[range.lowerBound + k] - start }
                n = range.count + 1
            }
        }
        return (rebased, start, end)
    }

    /// Appends the rows of `other` (same physical layout). This copies both columns — O(self +
    /// other) — so callers that grow a column many times collect pieces and concatenate once.
    package mutating func appendRows(of other: Column) {
        if other.count == 0 { return }
        self = Column.concatenating([self, other], type: type)
    }

    /// The rows of `columns` one after another, typed `type` (all share its physical layout).
    /// Each buffer is allocated once at its final size.
    package static func concatenating(_ columns: [Column], type: DataType) -> Column {
        if columns.count == 1 {
            var only = columns[0].normalized()
            only.type = type
            return only
        }
        let total = columns.reduce(0) { $0 + $1.count }
        var flags: [Bool]? = nil
        if columns.contains(where: { $0.nulls != nil }) {
            var all = [Bool]()
            all.reserveCapacity(total)
            for c in columns { all.append(contentsOf: c.nulls ?? [Bool](repeating: false, count: c.count)) }
            flags = all
        }
        let data: ColumnData
        switch type.physicalKind {
        case .int64: data = .int64(flat(columns, total) { if case .int64(let a) = $0 { a } else { nil } })
        case .uint64: data = .uint64(flat(columns, total) { if case .uint64(let a) = $0 { a } else { nil } })
        case .float32: data = .float32(flat(columns, total) { if case .float32(let a) = $0 { a } else { nil } })
        case .float64: data = .float64(flat(columns, total) { if case .float64(let a) = $0 { a } else { nil } })
        case .string:
            var offsets = [Int]()
            offsets.reserveCapacity(total + 1)
            offsets.append(0)
            var bytes = [UInt8]()
            for c in columns {
                guard case .string(let o, let b) = c.data else { layoutMismatch(type, c.type) }
                let shift = bytes.count - o[0]
                bytes.append(contentsOf: b[o[0]..<o[o.count - 1]])
                for k in 1..<o.count { offsets.append(o[k] + shift) }
            }
            data = .string(offsets: offsets, bytes: bytes)
        case .array:
            var offsets = [Int]()
            offsets.reserveCapacity(total + 1)
            offsets.append(0)
            var pieces: [Column] = []
            var elementCount = 0
            for c in columns {
                guard case .array(let o, let e) = c.data else { layoutMismatch(type, c.type) }
                let shift = elementCount - o[0]
                pieces.append(e.rows(in: o[0]..<o[o.count - 1]))
                elementCount += o[o.count - 1] - o[0]
                for k in 1..<o.count { offsets.append(o[k] + shift) }
            }
            let elementType = type.elementType ?? pieces.first?.type ?? .nothing
            data = .array(offsets: offsets, elements: concatenating(pieces, type: elementType))
        }
        return Column(type: type, data: data, nulls: flags)
    }

    /// The fixed-width buffers of `columns` in one array of `total` elements.
    private static func flat<T>(_ columns: [Column], _ total: Int, _ payload: (ColumnData) -> [T]?) -> [T] {
        var out = [T]()
        out.reserveCapacity(total)
        for c in columns {
            guard let a = payload(c.data) else { layoutMismatch(columns[0].type, c.type) }
            out.append(contentsOf: a)
        }
        return out
    }

    private static func layoutMismatch(_ a: DataType, _ b: DataType) -> Never {
        preconditionFailure("concatenating \(a) and \(b): layouts differ")
    }

    /// This column relabelled as `target` when only nullability differs (an outer join's
    /// `join_use_nulls` output, a `Nullable` target column); otherwise unchanged.
    package func relabelled(as target: DataType) -> Column {
        guard type != target, type.nonNullable == target.nonNullable || type == .nothing else { return self }
        var copy = self
        copy.type = target
        if !target.isNullable, let flags = nulls, !flags.contains(true) { copy.nulls = nil }
        return copy
    }
}

extension Column {
    /// The rows at `indices` (all valid positions), like `gather(_:)` but copying each string's
    /// bytes and each array's elements as one range, which matters for embedding columns.
    package func gatheringRows(_ indices: [Int]) -> Column {
        let newNulls = nulls.map { flags in indices.map { flags[$0] } }
        switch data {
        case .int64(let a): return Column(type: type, data: .int64(Self.pick(a, indices)), nulls: newNulls)
        case .uint64(let a): return Column(type: type, data: .uint64(Self.pick(a, indices)), nulls: newNulls)
        case .float32(let a): return Column(type: type, data: .float32(Self.pick(a, indices)), nulls: newNulls)
        case .float64(let a): return Column(type: type, data: .float64(Self.pick(a, indices)), nulls: newNulls)
        case .string(let offsets, let bytes):
            let (newOffsets, ranges) = Self.rangeOffsets(offsets, indices)
            var newBytes = [UInt8]()
            newBytes.reserveCapacity(newOffsets[indices.count])
            for r in ranges { newBytes.append(contentsOf: bytes[r]) }
            return Column(type: type, data: .string(offsets: newOffsets, bytes: newBytes), nulls: newNulls)
        case .array(let offsets, let elements) where elements.nulls == nil:
            let (newOffsets, ranges) = Self.rangeOffsets(offsets, indices)
            let total = newOffsets[indices.count]
            let newElements: Column
            switch elements.data {
            case .float32(let a):
                newElements = Column(type: elements.type, data: .float32(Self.copyRanges(a, ranges, total)))
            case .float64(let a):
                newElements = Column(type: elements.type, data: .float64(Self.copyRanges(a, ranges, total)))
            case .int64(let a):
                newElements = Column(type: elements.type, data: .int64(Self.copyRanges(a, ranges, total)))
            case .uint64(let a):
                newElements = Column(type: elements.type, data: .uint64(Self.copyRanges(a, ranges, total)))
            case .string, .array: return gather(indices)
            }
            return Column(type: type, data: .array(offsets: newOffsets, elements: newElements), nulls: newNulls)
        case .array:
            return gather(indices)
        }
    }

    /// `source[indices[k]]` for every k (all indices valid).
    @inline(__always)
    private static func pick<T>(_ source: [T], _ indices: [Int]) -> [T] {
        source.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { idx in
                [T](unsafeUninitializedCapacity: idx.count) { dst, n in
                    // Hot gather loop: each index is checked against the source before the read.
                    for k in 0..<idx.count {
                        let i = idx[k]
                        precondition(i >= 0 && i < src.count, "row index out of range")
                        dst.initializeElement(at: k, to: src[i])
                    }
                    n = idx.count
                }
            }
        }
    }

    /// Offsets of the picked rows (from 0) and the source range of each.
    private static func rangeOffsets(_ offsets: [Int], _ indices: [Int]) -> ([Int], [Range<Int>]) {
        var newOffsets = [Int]()
        newOffsets.reserveCapacity(indices.count + 1)
        newOffsets.append(0)
        var ranges = [Range<Int>]()
        ranges.reserveCapacity(indices.count)
        var total = 0
        for i in indices {
            let r = offsets[i]..<offsets[i + 1]
            ranges.append(r)
            total += r.count
            newOffsets.append(total)
        }
        return (newOffsets, ranges)
    }

    private static func copyRanges<T>(_ source: [T], _ ranges: [Range<Int>], _ total: Int) -> [T] {
        var out = [T]()
        out.reserveCapacity(total)
        for r in ranges { out.append(contentsOf: source[r]) }
        return out
    }
}

extension Batch {
    /// The rows at `indices` (all valid positions), in that order.
    package func gatheringRows(_ indices: [Int]) -> Batch {
        Batch(columns: columns.map { $0.gatheringRows(indices) }, count: indices.count)
    }
}
