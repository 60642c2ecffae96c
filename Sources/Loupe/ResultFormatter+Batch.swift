// Formats whole batches as bytes for INTO OUTFILE, column by column: numbers, strings and
// Array(Float32) are written straight from the column buffers, every other cell through the
// row formatter's own value functions, so the bytes are exactly those `format(names:types:rows:)`
// gives. TSV, CSV and JSONEachRow have the fast path; other formats format the rows as values.

import LoupeCore

extension ResultFormatter {
    /// Appends the rows of `batch` as text in this format to `out`; with `header`, the names row
    /// a *WithNames format starts with (Pretty and Vertical always write theirs).
    public func write(batch: Batch, names: [String], types: [DataType], header: Bool, into out: inout [UInt8]) {
        let style: CellStyle
        switch format {
        case .tsv, .tsvWithNames: style = .tsv
        case .csv, .csvWithNames: style = .csv
        case .jsonEachRow: style = .json
        case .pretty, .prettyCompact, .vertical:
            out.append(
                contentsOf: self.format(names: names, types: types, rows: (0..<batch.count).map { batch.row($0) }).utf8)
            return
        }
        if header && (format == .tsvWithNames || format == .csvWithNames) {
            let headerFormat = ResultFormatter(format: format)
            let text = headerFormat.format(names: names, types: names.map { _ in .string }, rows: [])
            out.append(contentsOf: text.utf8)
        }
        let keys = names.map { Array((Self.jsonString($0) + ":").utf8) }
        let separator = style == .csv ? UInt8(ascii: ",") : style == .tsv ? 9 : UInt8(ascii: ",")
        for row in 0..<batch.count {
            if style == .json { out.append(UInt8(ascii: "{")) }
            for (c, column) in batch.columns.enumerated() {
                if c > 0 { out.append(separator) }
                if style == .json { out.append(contentsOf: keys[c]) }
                Self.cell(column, row, types[c], style, into: &out)
            }
            if style == .json { out.append(UInt8(ascii: "}")) }
            out.append(10)
        }
    }

    private enum CellStyle { case tsv, csv, json }

    /// One cell: the fast cases from the buffers, the rest as the row path writes it.
    private static func cell(
        _ column: Column, _ row: Int, _ type: DataType, _ style: CellStyle, into out: inout [UInt8]
    ) {
        if column.isNull(row) {
            out.append(contentsOf: (style == .json ? "null" : "\\N").utf8)
            return
        }
        switch (column.data, type.nonNullable) {
        case (.float32(let a), .float32) where style != .json || a[row].isFinite:
            ValueFormatter.appendFloat(a[row], to: &out)
            return
        case (.float64(let a), .float64) where style != .json || a[row].isFinite:
            ValueFormatter.appendDouble(a[row], to: &out)
            return
        case (.int64(let a), let t) where t.isInteger && t != .bool:
            out.append(contentsOf: String(a[row]).utf8)
            return
        case (.uint64(let a), _):
            out.append(contentsOf: String(a[row]).utf8)
            return
        case (.string(let offsets, let bytes), .string):
            bytes.withUnsafeBufferPointer { all in
                let text = UnsafeBufferPointer(rebasing: all[offsets[row]..<offsets[row + 1]])
                switch style {
                case .tsv: appendTSVEscaped(text, to: &out)
                case .csv:
                    out.append(UInt8(ascii: "\""))
                    for b in text {
                        if b == UInt8(ascii: "\"") { out.append(b) }
                        out.append(b)
                    }
                    out.append(UInt8(ascii: "\""))
                case .json: out.append(contentsOf: jsonString(String(decoding: text, as: UTF8.self)).utf8)
                }
            }
            return
        case (.array(let offsets, let elements), .array(.float32)) where elements.nulls == nil:
            guard case .float32(let floats) = elements.data else { break }
            let quoted = style == .csv
            if quoted { out.append(UInt8(ascii: "\"")) }
            out.append(UInt8(ascii: "["))
            for i in offsets[row]..<offsets[row + 1] {
                if i > offsets[row] { out.append(UInt8(ascii: ",")) }
                ValueFormatter.appendFloat(floats[i], to: &out)
            }
            out.append(UInt8(ascii: "]"))
            if quoted { out.append(UInt8(ascii: "\"")) }
            return
        default:
            break
        }
        let value = column.value(at: row)
        let text: String
        switch style {
        case .tsv: text = tsvField(value, type)
        case .csv: text = csvField(value, type)
        case .json: text = json(value, type)
        }
        out.append(contentsOf: text.utf8)
    }

    /// `escapeTSV` over bytes.
    private static func appendTSVEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in text {
            switch b {
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 92: out.append(contentsOf: [92, 92])
            case 0: out.append(contentsOf: [92, UInt8(ascii: "0")])
            case 39: out.append(contentsOf: [92, 39])
            default: out.append(b)
            }
        }
    }
}
