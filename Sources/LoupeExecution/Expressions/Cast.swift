// Conversions between column types: CAST, implicit supertype conversions, and converting INSERT
// input to the table's column types. Numbers convert with ClickHouse's CAST behaviour (integers
// wrap to the target width, floats truncate toward zero); strings parse strictly; NULL flags carry
// over into Nullable targets and are an error (naming the 1-based row) for non-Nullable ones.

import LoupeCore

/// Type conversion of whole columns.
public enum Cast {
    /// `column` converted to `type`, or an error naming the first row (1-based) and value that
    /// cannot be converted.
    public static func convert(_ column: Column, to type: DataType) throws -> Column {
        if column.type == type { return column }
        if !type.isNullable, let nulls = column.nulls, let i = nulls.firstIndex(of: true) {
            throw LoupeError(.type, "cannot convert NULL to non-Nullable type \(type)", row: i + 1)
        }
        if column.type == .nothing || type == .nothing {
            guard type.isNullable || column.count == 0 else {
                throw LoupeError(.type, "cannot convert NULL to non-Nullable type \(type)", row: 1)
            }
            return Column(type: type, repeating: .null, count: column.count)
        }
        let source = column.type.nonNullable
        let target = type.nonNullable
        let data = source == target ? column.data : try convertData(column, from: source, to: target)
        return Column(type: type, data: data, nulls: type.isNullable ? column.nulls : nil)
    }

    /// The data of `column` (of non-Nullable type `source`) as `target`'s layout.
    private static func convertData(_ column: Column, from source: DataType, to target: DataType) throws -> ColumnData {
        switch target {
        case .string:
            return TextConversion.format(column, as: source)
        case .fixedString(let n):
            let text = source.isString ? column.data : TextConversion.format(column, as: source)
            return try TextConversion.pad(text, to: n, nulls: column.nulls)
        case .array(let element):
            return try convertArray(column, from: source, element: element)
        case .date, .dateTime:
            return .int64(try temporal(column, from: source, to: target))
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64:
            if source.isString { return try TextConversion.parseNumbers(column, as: target) }
            guard source.physicalKind != .array else { break }
            return try numeric(column, from: source, to: target)
        case .nullable, .nothing:
            break
        }
        throw LoupeError(.type, "cannot convert \(source) to \(target)")
    }

    /// Numbers (and Bool, Date, DateTime) to a numeric type.
    private static func numeric(_ column: Column, from source: DataType, to target: DataType) throws -> ColumnData {
        let operand = Operand.column(column)
        if !target.isFloat, source.isFloat {
            let values = column.doubleValues()
            if let bad = values.indices.first(where: { !values[$0].isFinite && !column.isNull($0) }) {
                throw LoupeError(
                    .type, "cannot convert \(NumberText.format(values[bad])) to \(target): inf or nan to an integer",
                    row: bad + 1)
            }
        }
        let result: Column
        switch target {
        case .float64:
            guard case .array(let a) = operand.doubleLane() else { preconditionFailure("column lane") }
            result = NumericKernels.column(double: a, type: target, nulls: nil)
        case .float32:
            guard case .array(let a) = operand.floatLane() else { preconditionFailure("column lane") }
            result = NumericKernels.column(float: a, type: target, nulls: nil)
        case .bool:
            let d = column.doubleValues()
            return .int64(d.map { $0 != 0 ? 1 : 0 })
        case .uint64:
            guard case .array(let a) = operand.uint64Lane() else { preconditionFailure("column lane") }
            result = NumericKernels.column(uint64: a, type: target, nulls: nil)
        default:
            guard case .array(var a) = operand.int64Lane() else { preconditionFailure("column lane") }
            if source.isFloat && [.int8, .int16, .int32, .uint8, .uint16].contains(target) {
                // ClickHouse converts floats to these types through Int32: out of its range gives
                // Int32.min, which then wraps (toInt32(5e9) = -2147483648, toUInt16(1e10) = 0).
                a = a.map { Int64(Int32.min)...Int64(Int32.max) ~= $0 ? $0 : Int64(Int32.min) }
            }
            result = NumericKernels.column(int64: a, type: target, nulls: nil)
        }
        return result.data
    }

    /// Strings, numbers and the other temporal type to Date (days) or DateTime (seconds).
    private static func temporal(_ column: Column, from source: DataType, to target: DataType) throws -> [Int64] {
        if source.isString {
            guard case .string(let offsets, let bytes) = column.data else { preconditionFailure("string layout") }
            var out = [Int64](repeating: 0, count: column.count)
            for i in 0..<column.count where !column.isNull(i) {
                let text = String(decoding: bytes[offsets[i]..<offsets[i + 1]].prefix { $0 != 0 }, as: UTF8.self)
                guard let v = TemporalText.parse(text, as: target) else {
                    throw LoupeError(.type, "cannot parse '\(text)' as \(target)", row: i + 1)
                }
                out[i] = v
            }
            return out
        }
        guard source.physicalKind != .array else { throw LoupeError(.type, "cannot convert \(source) to \(target)") }
        if source.isFloat {
            let d = column.doubleValues()
            if let bad = d.indices.first(where: { !d[$0].isFinite && !column.isNull($0) }) {
                throw LoupeError(.type, "cannot convert \(NumberText.format(d[bad])) to \(target)", row: bad + 1)
            }
        }
        guard case .array(let v) = Operand.column(column).int64Lane() else { preconditionFailure("column lane") }
        switch (source, target) {
        case (.date, .dateTime): return v.map { $0 * 86400 }
        case (.dateTime, .date): return v.map(ValueFormatter.days(ofSeconds:))
        case (_, .date): return v.map(TemporalText.dateFromNumber)
        default: return v.map { min(max($0, 0), TemporalText.maxDateTime) }
        }
    }

    /// Arrays element by element, or array literals in strings.
    private static func convertArray(_ column: Column, from source: DataType, element: DataType) throws -> ColumnData {
        if case .array(let offsets, let elements) = column.data {
            do {
                return .array(offsets: offsets, elements: try convert(elements, to: element))
            } catch var error as LoupeError {
                if let r = error.row { error.row = offsets.lastIndex { $0 < r }.map { $0 + 1 } }
                throw error
            }
        }
        if source.isString {
            return try TextConversion.parseArrays(column, element: element)
        }
        throw LoupeError(.type, "cannot convert \(source) to Array(\(element))")
    }
}
