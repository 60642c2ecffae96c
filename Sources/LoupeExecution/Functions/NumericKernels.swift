// The typed loops behind numeric functions. An argument is brought into a computation domain
// (Int64, UInt64, Float or Double) as a `Lane` — a whole buffer or one scalar — and the kernels
// run one simple loop per shape (column ⊕ column, column ⊕ scalar, scalar ⊕ column) that the
// compiler specializes and vectorizes. Results are then narrowed to the declared type's width.

import LoupeCore

/// An argument in a computation domain: a buffer of row values or one value for every row.
enum Lane<T> {
    case array([T])
    case scalar(T)
}

/// Loops over lanes.
enum NumericKernels {
    /// `op` applied row by row to two lanes (`count` rows).
    @inline(__always)
    static func binary<T, R>(_ a: Lane<T>, _ b: Lane<T>, count: Int, _ op: (T, T) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: count) { out, n in
            switch (a, b) {
            case (.array(let x), .array(let y)):
                // Safe: both buffers hold `count` rows (one per row of the batch).
                x.withUnsafeBufferPointer { px in
                    y.withUnsafeBufferPointer { py in
                        for i in 0..<count { out.initializeElement(at: i, to: op(px[i], py[i])) }
                    }
                }
            case (.array(let x), .scalar(let s)):
                x.withUnsafeBufferPointer { px in
                    for i in 0..<count { out.initializeElement(at: i, to: op(px[i], s)) }
                }
            case (.scalar(let s), .array(let y)):
                y.withUnsafeBufferPointer { py in
                    for i in 0..<count { out.initializeElement(at: i, to: op(s, py[i])) }
                }
            case (.scalar(let s), .scalar(let t)):
                let v = op(s, t)
                for i in 0..<count { out.initializeElement(at: i, to: v) }
            }
            n = count
        }
    }

    /// `op` applied to every row of a lane.
    @inline(__always)
    static func unary<T, R>(_ a: Lane<T>, count: Int, _ op: (T) -> R) -> [R] {
        switch a {
        case .array(let x):
            return [R](unsafeUninitializedCapacity: count) { out, n in
                // Safe: `x` holds `count` rows.
                x.withUnsafeBufferPointer { px in
                    for i in 0..<count { out.initializeElement(at: i, to: op(px[i])) }
                }
                n = count
            }
        case .scalar(let s):
            return [R](repeating: op(s), count: count)
        }
    }

    /// Values of an Int64-slot type wrapped to the type's width, as ClickHouse's fixed-width
    /// integers (and its Date and DateTime) overflow.
    static func wrap(_ values: [Int64], to type: DataType) -> [Int64] {
        switch type.nonNullable {
        case .int8: return values.map { Int64(Int8(truncatingIfNeeded: $0)) }
        case .int16: return values.map { Int64(Int16(truncatingIfNeeded: $0)) }
        case .int32: return values.map { Int64(Int32(truncatingIfNeeded: $0)) }
        case .uint8: return values.map { $0 & 0xFF }
        case .uint16: return values.map { $0 & 0xFFFF }
        case .uint32: return values.map { $0 & 0xFFFF_FFFF }
        case .bool: return values.map { $0 != 0 ? 1 : 0 }
        // ClickHouse's Date is a UInt16 day number and DateTime a UInt32 second count.
        case .date: return values.map { $0 & 0xFFFF }
        case .dateTime: return values.map { $0 & 0xFFFF_FFFF }
        default: return values
        }
    }

    /// A column of `type` from Int64-domain results (wrapped to the type's width).
    static func column(int64 values: [Int64], type: DataType, nulls: [Bool]?) -> Column {
        let flags = type.isNullable ? nulls : nil
        switch type.physicalKind {
        case .int64: return Column(type: type, data: .int64(wrap(values, to: type)), nulls: flags)
        case .uint64: return Column(type: type, data: .uint64(values.map { UInt64(bitPattern: $0) }), nulls: flags)
        case .float32: return Column(type: type, data: .float32(values.map { Float($0) }), nulls: flags)
        case .float64: return Column(type: type, data: .float64(values.map { Double($0) }), nulls: flags)
        default: preconditionFailure("numeric result of non-numeric type \(type)")
        }
    }

    /// A column of `type` from UInt64-domain results.
    static func column(uint64 values: [UInt64], type: DataType, nulls: [Bool]?) -> Column {
        if type.physicalKind == .uint64 {
            return Column(type: type, data: .uint64(values), nulls: type.isNullable ? nulls : nil)
        }
        if type.isFloat { return column(double: values.map { Double($0) }, type: type, nulls: nulls) }
        return column(int64: values.map { Int64(bitPattern: $0) }, type: type, nulls: nulls)
    }

    /// A column of `type` from Double-domain results.
    static func column(double values: [Double], type: DataType, nulls: [Bool]?) -> Column {
        let flags = type.isNullable ? nulls : nil
        switch type.physicalKind {
        case .float64: return Column(type: type, data: .float64(values), nulls: flags)
        case .float32: return Column(type: type, data: .float32(values.map { Float($0) }), nulls: flags)
        case .int64: return column(int64: values.map(Self.truncate), type: type, nulls: nulls)
        case .uint64: return Column(type: type, data: .uint64(values.map(Self.truncateUnsigned)), nulls: flags)
        default: preconditionFailure("numeric result of non-numeric type \(type)")
        }
    }

    /// A column of `type` from Float-domain results.
    static func column(float values: [Float], type: DataType, nulls: [Bool]?) -> Column {
        if type.physicalKind == .float32 {
            return Column(type: type, data: .float32(values), nulls: type.isNullable ? nulls : nil)
        }
        return column(double: values.map { Double($0) }, type: type, nulls: nulls)
    }

    /// A Double truncated toward zero into Int64. Values out of range (and NaN) give Int64.min,
    /// the x86 conversion's "indefinite" result that ClickHouse returns (`toInt64(1e20)`).
    @inline(__always)
    static func truncate(_ d: Double) -> Int64 {
        guard d > -9.223372036854775808e18 - 1, d < 9.223372036854775807e18 else { return Int64.min }
        return Int64(d)
    }

    /// A Double truncated toward zero into UInt64: negative values wrap and values from 2^64 on
    /// give 2^63, as ClickHouse's CAST (`toUInt64(-1.0)`, `toUInt64(1e20)`).
    @inline(__always)
    static func truncateUnsigned(_ d: Double) -> UInt64 {
        if d.isNaN || d >= 1.8446744073709552e19 { return 1 << 63 }
        if d < 0 { return UInt64(bitPattern: truncate(d)) }
        return UInt64(d)
    }
}

extension Operand {
    /// The argument in the Int64 domain (UInt64 by bit pattern, floats truncated).
    func int64Lane() -> Lane<Int64> {
        switch self {
        case .constant(let v, _):
            switch v {
            case .uint(let u): return .scalar(Int64(bitPattern: u))
            case .float(let f): return .scalar(NumericKernels.truncate(f))
            default: return .scalar(v.int64Value ?? 0)
            }
        case .column(let c):
            switch c.data {
            case .int64(let a): return .array(a)
            case .uint64(let a): return .array(a.map { Int64(bitPattern: $0) })
            case .float32(let a): return .array(a.map { NumericKernels.truncate(Double($0)) })
            case .float64(let a): return .array(a.map(NumericKernels.truncate))
            default: return .array([Int64](repeating: 0, count: c.count))
            }
        }
    }

    /// The argument in the UInt64 domain (signed values by bit pattern).
    func uint64Lane() -> Lane<UInt64> {
        switch self {
        case .constant(let v, _):
            switch v {
            case .uint(let u): return .scalar(u)
            case .float(let f): return .scalar(NumericKernels.truncateUnsigned(f))
            default: return .scalar(UInt64(bitPattern: v.int64Value ?? 0))
            }
        case .column(let c):
            switch c.data {
            case .uint64(let a): return .array(a)
            case .int64(let a): return .array(a.map { UInt64(bitPattern: $0) })
            case .float32(let a): return .array(a.map { NumericKernels.truncateUnsigned(Double($0)) })
            case .float64(let a): return .array(a.map(NumericKernels.truncateUnsigned))
            default: return .array([UInt64](repeating: 0, count: c.count))
            }
        }
    }

    /// The argument in the Double domain.
    func doubleLane() -> Lane<Double> {
        switch self {
        case .constant(let v, _): return .scalar(v.doubleValue ?? 0)
        case .column(let c): return .array(c.doubleValues())
        }
    }

    /// The argument in the Float domain.
    func floatLane() -> Lane<Float> {
        switch self {
        case .constant(let v, _): return .scalar(Float(v.doubleValue ?? 0))
        case .column(let c):
            if case .float32(let a) = c.data { return .array(a) }
            return .array(c.doubleValues().map { Float($0) })
        }
    }
}

extension Column {
    /// Every row as a Double (numeric layouts; other layouts give zeros).
    func doubleValues() -> [Double] {
        switch data {
        case .float64(let a): return a
        case .float32(let a): return a.map { Double($0) }
        case .int64(let a): return a.map { Double($0) }
        case .uint64(let a): return a.map { Double($0) }
        default: return [Double](repeating: 0, count: count)
        }
    }
}
