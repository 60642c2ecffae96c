// Builds a `Column` row by row or column by column. Used by INSERT, literal arrays, result
// assembly and operators that produce rows one at a time; vectorized kernels build their
// buffers directly instead.

/// Accumulates rows of one type and produces a `Column`.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var ints: [Int64] = []
    private var uints: [UInt64] = []
    private var floats: [Float] = []
    private var doubles: [Double] = []
    private var offsets: [Int] = [0]
    private var bytes: [UInt8] = []
    private var elements: [ColumnBuilder] = []
    private var nulls: [Bool] = []
    private var anyNull = false
    public private(set) var count = 0

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type.physicalKind {
        case .int64: ints.reserveCapacity(capacity)
        case .uint64: uints.reserveCapacity(capacity)
        case .float32: floats.reserveCapacity(capacity)
        case .float64: doubles.reserveCapacity(capacity)
        case .string: offsets.reserveCapacity(capacity + 1)
        case .array:
            offsets.reserveCapacity(capacity + 1)
            elements = [ColumnBuilder(type: type.elementType ?? .nothing)]
        }
        if type.isNullable { nulls.reserveCapacity(capacity) }
    }

    /// Appends a value already of this builder's type (see `ValueConversion` for coercion).
    public mutating func append(_ value: Value) {
        if value.isNull {
            appendNull()
            return
        }
        if type.isNullable { nulls.append(false) }
        count += 1
        switch type.physicalKind {
        case .int64: ints.append(value.int64Value ?? 0)
        case .uint64:
            switch value {
            case .uint(let u): uints.append(u)
            case .int(let i): uints.append(UInt64(bitPattern: i))
            default: uints.append(UInt64(value.doubleValue ?? 0))
            }
        case .float32: floats.append(Float(value.doubleValue ?? 0))
        case .float64: doubles.append(value.doubleValue ?? 0)
        case .string:
            if case .string(let s) = value { bytes.append(contentsOf: s.utf8) }
            if case .fixedString(let n) = type.nonNullable {
                let len = bytes.count - offsets[offsets.count - 1]
                if len < n { bytes.append(contentsOf: repeatElement(0, count: n - len)) }
            }
            offsets.append(bytes.count)
        case .array:
            switch value {
            case .vector(let v):
                elements[0].appendFloats(v)
            case .array(let a):
                for e in a { elements[0].append(e) }
            default: break
            }
            offsets.append(elements[0].count)
        }
    }

    /// Appends contiguous floats to a Float32 builder.
    public mutating func appendFloats(_ v: [Float]) {
        precondition(type.physicalKind == .float32)
        floats.append(contentsOf: v)
        if type.isNullable { nulls.append(contentsOf: repeatElement(false, count: v.count)) }
        count += v.count
    }

    /// Appends a NULL (the default value's slot, flagged NULL).
    public mutating func appendNull() {
        let wasNullable = type.isNullable
        count += 1
        if wasNullable {
            nulls.append(true)
            anyNull = true
        }
        switch type.physicalKind {
        case .int64: ints.append(0)
        case .uint64: uints.append(0)
        case .float32: floats.append(0)
        case .float64: doubles.append(0)
        case .string:
            if case .fixedString(let n) = type.nonNullable { bytes.append(contentsOf: repeatElement(0, count: n)) }
            offsets.append(bytes.count)
        case .array: offsets.append(elements[0].count)
        }
    }

    /// Appends every row of a column of the same physical layout.
    public mutating func append(contentsOf column: Column) {
        if type.isNullable {
            if let n = column.nulls {
                nulls.append(contentsOf: n)
                if n.contains(true) { anyNull = true }
            } else {
                nulls.append(contentsOf: repeatElement(false, count: column.count))
            }
        }
        count += column.count
        switch column.data {
        case .int64(let a): ints.append(contentsOf: a)
        case .uint64(let a): uints.append(contentsOf: a)
        case .float32(let a): floats.append(contentsOf: a)
        case .float64(let a): doubles.append(contentsOf: a)
        case .string(let o, let b):
            let base = bytes.count - o[0]
            bytes.append(contentsOf: b[o[0]..<o[o.count - 1]])
            for k in 1..<o.count { offsets.append(o[k] + base) }
        case .array(let o, let e):
            let base = elements[0].count - o[0]
            elements[0].append(contentsOf: e.rows(in: o[0]..<o[o.count - 1]))
            for k in 1..<o.count { offsets.append(o[k] + base) }
        }
    }

    /// The finished column.
    public mutating func finish() -> Column {
        let flags: [Bool]? = anyNull ? nulls : nil
        switch type.physicalKind {
        case .int64: return Column(type: type, data: .int64(ints), nulls: flags)
        case .uint64: return Column(type: type, data: .uint64(uints), nulls: flags)
        case .float32: return Column(type: type, data: .float32(floats), nulls: flags)
        case .float64: return Column(type: type, data: .float64(doubles), nulls: flags)
        case .string: return Column(type: type, data: .string(offsets: offsets, bytes: bytes), nulls: flags)
        case .array:
            return Column(type: type, data: .array(offsets: offsets, elements: elements[0].finish()), nulls: flags)
        }
    }
}
