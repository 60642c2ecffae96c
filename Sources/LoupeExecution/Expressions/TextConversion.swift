// Whole-column conversions to and from text: numbers, dates, booleans and arrays printed as
// ClickHouse's toString prints them; strings parsed strictly into numbers (errors name the row
// and the text); FixedString padding; array literals such as `[1, 2.5]` or `['a','b']` split into
// items (by `ArrayText`, shared with the planner) that are then converted to the element type.

import LoupeCore

/// Text conversions used by `Cast`.
enum TextConversion {
    /// Every row of `column` (of non-Nullable type `source`) as text.
    static func format(_ column: Column, as source: DataType) -> ColumnData {
        var offsets = [Int]()
        offsets.reserveCapacity(column.count + 1)
        offsets.append(0)
        var bytes = [UInt8]()
        func add(_ s: String) {
            bytes.append(contentsOf: s.utf8)
            offsets.append(bytes.count)
        }
        switch column.data {
        case .int64(let a):
            switch source {
            case .bool: for v in a { add(v != 0 ? "true" : "false") }
            case .date: for v in a { add(ValueFormatter.formatDate(days: Int32(truncatingIfNeeded: v))) }
            case .dateTime: for v in a { add(ValueFormatter.formatDateTime(seconds: v)) }
            default: for v in a { add(String(v)) }
            }
        case .uint64(let a): for v in a { add(String(v)) }
        case .float32(let a): for v in a { add(NumberText.format(v)) }
        case .float64(let a): for v in a { add(NumberText.format(v)) }
        case .string:
            return column.data
        case .array:
            for i in 0..<column.count { add(literal(column.value(at: i), top: true)) }
        }
        return .string(offsets: offsets, bytes: bytes)
    }

    /// A value as ClickHouse writes it inside arrays (strings quoted).
    static func literal(_ value: Value, top: Bool = false) -> String {
        switch value {
        case .float(let d): return NumberText.format(d)
        case .vector(let v): return "[" + v.map { NumberText.format($0) }.joined(separator: ",") + "]"
        case .array(let a): return "[" + a.map { literal($0) }.joined(separator: ",") + "]"
        case .string(let s): return top ? s : ValueFormatter.quote(s)
        default: return ValueFormatter.text(value, quoteStrings: !top)
        }
    }

    /// String data padded with zero bytes to `n` bytes per row; longer rows are an error.
    static func pad(_ data: ColumnData, to n: Int, nulls: [Bool]?) throws -> ColumnData {
        guard case .string(let offsets, let bytes) = data else { preconditionFailure("string layout") }
        guard n > 0 else { throw LoupeError(.type, "FixedString(\(n)) must have a positive length") }
        var out = [UInt8]()
        out.reserveCapacity((offsets.count - 1) * n)
        for i in 0..<(offsets.count - 1) {
            let row = bytes[offsets[i]..<offsets[i + 1]]
            if row.count > n, !(nulls?[i] ?? false) {
                throw LoupeError(
                    .type, "string '\(String(decoding: row, as: UTF8.self))' is too long for FixedString(\(n))",
                    row: i + 1)
            }
            out.append(contentsOf: row.prefix(n))
            out.append(contentsOf: repeatElement(0, count: n - min(row.count, n)))
        }
        return .string(offsets: (0..<offsets.count).map { $0 * n }, bytes: out)
    }

    /// Strings parsed as numbers of `target` (a numeric type or Bool).
    static func parseNumbers(_ column: Column, as target: DataType) throws -> ColumnData {
        guard case .string(let offsets, let bytes) = column.data else { preconditionFailure("string layout") }
        let n = column.count
        func failure(_ i: Int) -> LoupeError {
            let text = String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
            return LoupeError(.type, "cannot parse '\(text)' as \(target)", row: i + 1)
        }
        switch target {
        case .float32, .float64:
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n where !column.isNull(i) {
                let text = String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
                guard let d = NumberText.parseDouble(Substring(text)) else { throw failure(i) }
                out[i] = d
            }
            return target == .float32 ? .float32(out.map { Float($0) }) : .float64(out)
        case .bool:
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where !column.isNull(i) {
                switch String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self).lowercased() {
                case "true", "1": out[i] = 1
                case "false", "0": out[i] = 0
                default: throw failure(i)
                }
            }
            return .int64(out)
        default:
            var out = [UInt64](repeating: 0, count: n)
            let unsigned = target.isUnsignedInteger
            for i in 0..<n where !column.isNull(i) {
                guard let v = NumberText.parseInteger(bytes[offsets[i]..<offsets[i + 1]], unsigned: unsigned) else {
                    throw failure(i)
                }
                out[i] = v
            }
            return NumericKernels.column(uint64: out, type: target, nulls: nil).data
        }
    }

    /// Array literals (`[1, 2]`, `['a', 'b']`, nested) parsed into arrays of `element`.
    static func parseArrays(_ column: Column, element: DataType) throws -> ColumnData {
        guard case .string(let offsets, let bytes) = column.data else { preconditionFailure("string layout") }
        var itemOffsets = [0]
        var items = ColumnBuilder(type: .nullable(.string))
        for i in 0..<column.count {
            if !column.isNull(i) {
                guard let parts = ArrayText.split(Array(bytes[offsets[i]..<offsets[i + 1]])) else {
                    let text = String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
                    throw LoupeError(.type, "cannot parse '\(text)' as Array(\(element))", row: i + 1)
                }
                for p in parts { items.append(p.map(Value.string) ?? .null) }
            }
            itemOffsets.append(items.count)
        }
        let texts = items.finish()
        do {
            return .array(offsets: itemOffsets, elements: try Cast.convert(texts, to: element))
        } catch var error as LoupeError {
            if let r = error.row { error.row = itemOffsets.lastIndex { $0 < r }.map { $0 + 1 } }
            throw error
        }
    }
}
