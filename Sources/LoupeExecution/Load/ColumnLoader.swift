// The typed builder a load parser fills: one per table column per parse job. Parsed text goes
// straight into its contiguous buffers (integers wrapped to the column's width, floats, string
// bytes and offsets, array offsets with a child loader for the elements), with no `Value` per
// row. `finish()` hands the rows over as a `Column` and empties the loader for the next batch;
// `truncate(rows:)` drops a half-parsed row when a bad row is skipped. Rows whose value was
// absent (a missing JSON key, `\N` in a non-Nullable column) hold the type's default and are
// listed in `missingRows`, so the column's DEFAULT expression can replace them.

import LoupeCore

/// Accumulates parsed values of one column.
final class ColumnLoader {
    /// The column type as stored (Nullable when the column is).
    let type: DataType
    /// `type` without Nullable.
    let base: DataType
    let nullable: Bool
    /// The element loader of an array column.
    let child: ColumnLoader?
    /// Rows loaded into the current batch (parsers that append elements in bulk add to it).
    var rows = 0
    var ints = GrowableBuffer<Int64>()
    var uints = GrowableBuffer<UInt64>()
    var floats = GrowableBuffer<Float>()
    var doubles = GrowableBuffer<Double>()
    /// String bytes, or array element offsets are kept in `offsets` with the elements in `child`.
    var bytes = GrowableBuffer<UInt8>()
    /// Row end offsets for strings and arrays (row `i` ends at `offsets[i]`; rows start at 0).
    var offsets = GrowableBuffer<Int>()
    private var nulls = GrowableBuffer<Bool>()
    private var anyNull = false
    /// Rows (within the current batch) that got the type's default because the input had none.
    private(set) var missingRows: [Int] = []

    init(type: DataType) {
        self.type = type
        self.base = type.nonNullable
        self.nullable = type.isNullable
        if case .array(let element) = base {
            child = ColumnLoader(type: element)
        } else {
            child = nil
        }
    }

    deinit {
        ints.free()
        uints.free()
        floats.free()
        doubles.free()
        bytes.free()
        offsets.free()
        nulls.free()
    }

    // MARK: - Appending one row

    @inline(__always)
    private func rowAdded() {
        if nullable { nulls.append(false) }
        rows += 1
    }

    /// An integer already wrapped to the column's width (Int8…UInt32, Bool, Date, DateTime).
    @inline(__always)
    func appendInt(_ v: Int64) {
        ints.append(v)
        rowAdded()
    }

    @inline(__always)
    func appendUInt64(_ v: UInt64) {
        uints.append(v)
        rowAdded()
    }

    @inline(__always)
    func appendFloat(_ v: Float) {
        floats.append(v)
        rowAdded()
    }

    @inline(__always)
    func appendDouble(_ v: Double) {
        doubles.append(v)
        rowAdded()
    }

    /// Ends a string row whose bytes were appended to `bytes`. For FixedString(n) pads to n bytes;
    /// returns false (leaving the row unfinished) when the string is longer than n.
    @inline(__always)
    func endString() -> Bool {
        if case .fixedString(let n) = base {
            let start = offsets.count == 0 ? 0 : offsets.last
            let length = bytes.count - start
            if length > n { return false }
            if length < n { bytes.append(repeating: 0, count: n - length) }
        }
        offsets.append(bytes.count)
        rowAdded()
        return true
    }

    /// Ends an array row whose elements were appended to `child`.
    @inline(__always)
    func endArray() {
        offsets.append(child!.rows)
        rowAdded()
    }

    /// A NULL: the default value's slot, flagged (the column must be Nullable).
    func appendNull() {
        appendDefaultSlot()
        nulls.append(true)
        anyNull = true
        rows += 1
    }

    /// A row the input left without a value: the type's default (NULL when Nullable), listed in
    /// `missingRows` for the column's DEFAULT expression.
    func appendMissing() {
        missingRows.append(rows)
        if nullable {
            appendNull()
        } else {
            appendDefaultSlot()
            rows += 1
        }
    }

    /// The storage slot of the type's default value, without counting a row.
    private func appendDefaultSlot() {
        switch base.physicalKind {
        case .int64: ints.append(0)
        case .uint64: uints.append(0)
        case .float32: floats.append(0)
        case .float64: doubles.append(0)
        case .string:
            if case .fixedString(let n) = base { bytes.append(repeating: 0, count: n) }
            offsets.append(bytes.count)
        case .array: offsets.append(child!.rows)
        }
    }

    // MARK: - Batches

    /// Drops every row after the first `n` (and elements or bytes appended after row `n - 1`).
    func truncate(rows n: Int) {
        precondition(n <= rows, "truncate beyond the rows loaded")
        switch base.physicalKind {
        case .int64: ints.truncate(to: n)
        case .uint64: uints.truncate(to: n)
        case .float32: floats.truncate(to: n)
        case .float64: doubles.truncate(to: n)
        case .string:
            offsets.truncate(to: n)
            bytes.truncate(to: n == 0 ? 0 : offsets[n - 1])
        case .array:
            offsets.truncate(to: n)
            child!.truncate(rows: n == 0 ? 0 : offsets[n - 1])
        }
        if nullable { nulls.truncate(to: n) }
        rows = min(rows, n)
        while let last = missingRows.last, last >= n { missingRows.removeLast() }
    }

    /// The rows so far as a column of `type`; the loader is left empty.
    func finish() -> Column {
        let flags: [Bool]? = anyNull ? nulls.takeArray() : nil
        nulls.truncate(to: 0)
        anyNull = false
        missingRows = []
        let count = rows
        rows = 0
        let data: ColumnData
        switch base.physicalKind {
        case .int64: data = .int64(ints.takeArray())
        case .uint64: data = .uint64(uints.takeArray())
        case .float32: data = .float32(floats.takeArray())
        case .float64: data = .float64(doubles.takeArray())
        case .string: data = .string(offsets: rowOffsets(count), bytes: bytes.takeArray())
        case .array:
            let offsetArray = rowOffsets(count)
            data = .array(offsets: offsetArray, elements: child!.finish())
        }
        return Column(type: type, data: data, nulls: flags)
    }

    /// `[0] + offsets`, emptying `offsets`.
    private func rowOffsets(_ count: Int) -> [Int] {
        let result = [Int](unsafeUninitializedCapacity: count + 1) { dst, initialized in
            dst[0] = 0
            for i in 0..<count { dst[i + 1] = offsets[i] }
            initialized = count + 1
        }
        offsets.truncate(to: 0)
        return result
    }

    /// Takes the list of rows that got defaults (call before `finish`).
    func takeMissingRows() -> [Int] {
        defer { missingRows = [] }
        return missingRows
    }
}
