// A column of values in one contiguous typed buffer: the unit of data that operators pass around
// (inside a `Batch`). Strings are offsets into one byte buffer; arrays are offsets into one
// child column, so an Array(Float32) column of embeddings is a single flat [Float] of rows × dim.

/// The contiguous storage behind a column. One case per `PhysicalKind`.
public indirect enum ColumnData: Sendable {
    case int64([Int64])
    case uint64([UInt64])
    case float32([Float])
    case float64([Double])
    /// Row `i` is `bytes[offsets[i] ..< offsets[i + 1]]` (UTF-8); `offsets.count == rows + 1`.
    case string(offsets: [Int], bytes: [UInt8])
    /// Row `i` is `elements[offsets[i] ..< offsets[i + 1]]`; `offsets.count == rows + 1`.
    case array(offsets: [Int], elements: Column)
}

/// A typed column of `count` rows with optional NULL flags.
public struct Column: Sendable {
    /// The logical type of every row (Nullable when `nulls` may hold `true`).
    public var type: DataType
    public var data: ColumnData
    /// `nil` when no row is NULL; otherwise `nulls[i]` is true when row `i` is NULL (its slot in
    /// `data` then holds the type's default).
    public var nulls: [Bool]?

    public init(type: DataType, data: ColumnData, nulls: [Bool]? = nil) {
        self.type = type
        self.data = data
        self.nulls = nulls
    }

    /// Number of rows.
    public var count: Int {
        switch data {
        case .int64(let a): return a.count
        case .uint64(let a): return a.count
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .string(let offsets, _): return offsets.count - 1
        case .array(let offsets, _): return offsets.count - 1
        }
    }

    /// True when row `i` is NULL.
    @inline(__always)
    public func isNull(_ i: Int) -> Bool {
        nulls?[i] ?? false
    }

    /// An empty column of a type.
    public static func empty(_ type: DataType) -> Column {
        var builder = ColumnBuilder(type: type)
        return builder.finish()
    }

    /// A column from values, converting each to `type`'s layout. Values must already fit the type.
    public init(type: DataType, values: [Value]) {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for v in values { builder.append(v) }
        self = builder.finish()
    }

    /// A column of `count` copies of `value`.
    public init(type: DataType, repeating value: Value, count: Int) {
        var builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { builder.append(value) }
        self = builder.finish()
    }

    /// Row `i` as a `Value` (slow path: results, constant folding, tests).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        let base = type.nonNullable
        switch data {
        case .int64(let a):
            switch base {
            case .bool: return .bool(a[i] != 0)
            case .date: return .date(Int32(truncatingIfNeeded: a[i]))
            case .dateTime: return .dateTime(a[i])
            default: return .int(a[i])
            }
        case .uint64(let a): return .uint(a[i])
        case .float32(let a): return .float(Double(a[i]))
        case .float64(let a): return .float(a[i])
        case .string(let offsets, let bytes):
            return .string(String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self))
        case .array(let offsets, let elements):
            if case .float32(let floats) = elements.data, elements.nulls == nil {
                return .vector(Array(floats[offsets[i]..<offsets[i + 1]]))
            }
            return .array((offsets[i]..<offsets[i + 1]).map { elements.value(at: $0) })
        }
    }

    /// All rows as values.
    public var values: [Value] { (0..<count).map(value(at:)) }

    /// The rows at `indices`, in that order (filter, sort and join outputs). An index of -1 yields
    /// the type's default, or NULL when `type` is Nullable (unmatched outer-join rows).
    public func gather(_ indices: [Int]) -> Column {
        indices.withUnsafeBufferPointer { gather($0) }
    }

    /// The rows at `indices` (see `gather(_:)`).
    public func gather(_ indices: UnsafeBufferPointer<Int>) -> Column {
        let hasMissing = indices.contains(-1)
        var newNulls: [Bool]? = nil
        if nulls != nil || (hasMissing && type.isNullable) {
            newNulls = indices.map { $0 < 0 ? type.isNullable : (nulls?[$0] ?? false) }
        }
        switch data {
        case .int64(let a): return Column(type: type, data: .int64(Self.pick(a, indices, 0)), nulls: newNulls)
        case .uint64(let a): return Column(type: type, data: .uint64(Self.pick(a, indices, 0)), nulls: newNulls)
        case .float32(let a): return Column(type: type, data: .float32(Self.pick(a, indices, 0)), nulls: newNulls)
        case .float64(let a): return Column(type: type, data: .float64(Self.pick(a, indices, 0)), nulls: newNulls)
        case .string(let offsets, let bytes):
            var newOffsets = [Int]()
            newOffsets.reserveCapacity(indices.count + 1)
            newOffsets.append(0)
            var newBytes = [UInt8]()
            for i in indices {
                if i >= 0 { newBytes.append(contentsOf: bytes[offsets[i]..<offsets[i + 1]]) }
                newOffsets.append(newBytes.count)
            }
            return Column(type: type, data: .string(offsets: newOffsets, bytes: newBytes), nulls: newNulls)
        case .array(let offsets, let elements):
            var newOffsets = [Int]()
            newOffsets.reserveCapacity(indices.count + 1)
            newOffsets.append(0)
            var elementIndices = [Int]()
            for i in indices {
                if i >= 0 { elementIndices.append(contentsOf: offsets[i]..<offsets[i + 1]) }
                newOffsets.append(elementIndices.count)
            }
            return Column(
                type: type, data: .array(offsets: newOffsets, elements: elements.gather(elementIndices)),
                nulls: newNulls)
        }
    }

    @inline(__always)
    private static func pick<T>(_ a: [T], _ indices: UnsafeBufferPointer<Int>, _ zero: T) -> [T] {
        a.withUnsafeBufferPointer { src in
            [T](unsafeUninitializedCapacity: indices.count) { dst, n in
                for (k, i) in indices.enumerated() {
                    dst.initializeElement(at: k, to: i >= 0 ? src[i] : zero)
                }
                n = indices.count
            }
        }
    }

    /// Rows `range` of this column.
    public func slice(_ range: Range<Int>) -> Column {
        gather(Array(range))
    }

    /// This column followed by `other` (same type).
    public func appending(_ other: Column) -> Column {
        Column.concatenate([self, other], type: type)
    }

    /// The rows of `columns` one after another, as `type`.
    public static func concatenate(_ columns: [Column], type: DataType) -> Column {
        var builder = ColumnBuilder(type: type, capacity: columns.reduce(0) { $0 + $1.count })
        for c in columns { builder.append(contentsOf: c) }
        return builder.finish()
    }
}
