// Writes result rows as text in one of the `OutputFormat`s. The CLI and the library share it, so
// `loupe --format CSV` and `ResultFormatter.format(result, as: .csv)` give the same bytes.

import LoupeCore

/// Renders column names, types and rows as text.
public struct ResultFormatter: Sendable {
    public let format: OutputFormat
    /// Pretty formats stop padding cells beyond this many characters (long arrays are cut with …).
    public var maxCellWidth = 80

    public init(format: OutputFormat) {
        self.format = format
    }

    /// The whole result as text (ends with a newline when there is any output).
    public func format(names: [String], types: [DataType], rows: [[Value]]) -> String {
        switch format {
        case .tsv: return rows.map { tsvLine($0, types) }.joined()
        case .tsvWithNames: return tsvLine(names.map { .string($0) }, names.map { _ in .string }) + rows.map { tsvLine($0, types) }.joined()
        case .csv: return rows.map { csvLine($0, types) }.joined()
        case .csvWithNames: return csvLine(names.map { .string($0) }, names.map { _ in .string }) + rows.map { csvLine($0, types) }.joined()
        case .jsonEachRow: return rows.map { jsonLine(names, $0, types) }.joined()
        case .vertical: return vertical(names, types, rows)
        case .pretty, .prettyCompact: return pretty(names, types, rows, compact: format == .prettyCompact)
        }
    }

    // MARK: - Value text

    /// A value as TSV writes it: `\N` for NULL, strings escaped.
    public static func tsvField(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "\\N"
        case .string(let s): return escapeTSV(s)
        default: return ValueFormatter.text(value, type: type)
        }
    }

    static func escapeTSV(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 92 || $0 == 13 || $0 == 0 || $0 == 39 }) else {
            return s
        }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "'": out += "\\'"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private func tsvLine(_ row: [Value], _ types: [DataType]) -> String {
        zip(row, types).map { Self.tsvField($0, $1) }.joined(separator: "\t") + "\n"
    }

    private func csvLine(_ row: [Value], _ types: [DataType]) -> String {
        zip(row, types).map { Self.csvField($0, $1) }.joined(separator: ",") + "\n"
    }

    /// A value as CSV writes it: `\N` for NULL, strings, dates and arrays in double quotes.
    static func csvField(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "\\N"
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .date, .dateTime: return "\"" + ValueFormatter.text(value, type: type) + "\""
        case .array, .vector:
            let text = ValueFormatter.text(value, type: type)
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        default: return ValueFormatter.text(value, type: type)
        }
    }

    private func jsonLine(_ names: [String], _ row: [Value], _ types: [DataType]) -> String {
        let fields = zip(names, zip(row, types)).map { name, pair in
            Self.jsonString(name) + ":" + Self.json(pair.0, pair.1)
        }
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    /// A value as JSON, as ClickHouse writes it by default (64-bit integers as bare numbers).
    static func json(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i):
            if type.nonNullable == .bool { return i != 0 ? "true" : "false" }
            return String(i)
        case .uint(let u): return String(u)
        case .float(let f):
            if !f.isFinite { return f.isNaN ? "null" : (f > 0 ? "\"inf\"" : "\"-inf\"") }
            return ValueFormatter.text(value, type: type)
        case .string(let s): return jsonString(s)
        case .date, .dateTime: return jsonString(ValueFormatter.text(value, type: type))
        case .array(let a):
            let element = type.elementType ?? .nothing
            return "[" + a.map { json($0, element) }.joined(separator: ",") + "]"
        case .vector(let v): return "[" + v.map { ValueFormatter.formatFloat($0) }.joined(separator: ",") + "]"
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(ch.value, radix: 16).count)
                        + String(ch.value, radix: 16)
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }

    // MARK: - Human formats

    private func cell(_ value: Value, _ type: DataType) -> String {
        var text = value.isNull ? "ᴺᵁᴸᴸ" : ValueFormatter.text(value, type: type)
        text = text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
        if text.count > maxCellWidth { text = String(text.prefix(maxCellWidth - 1)) + "…" }
        return text
    }

    private func isRightAligned(_ type: DataType) -> Bool { type.isNumeric }

    private func pretty(_ names: [String], _ types: [DataType], _ rows: [[Value]], compact: Bool) -> String {
        let cells = rows.map { row in zip(row, types).map { cell($0, $1) } }
        var widths = names.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func pad(_ s: String, _ width: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return right ? fill + s : s + fill
        }
        func rule(_ left: String, _ mid: String, _ right: String, _ fill: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        var out = ""
        if compact {
            out += "┌─" + zip(names, widths).map { name, w in name + String(repeating: "─", count: w - name.count) }
                .joined(separator: "─┬─") + "─┐\n"
            for row in cells {
                out += "│ " + row.enumerated().map { i, c in pad(c, widths[i], right: isRightAligned(types[i])) }
                    .joined(separator: " │ ") + " │\n"
            }
            out += rule("└", "┴", "┘", "─")
        } else {
            out += rule("┏", "┳", "┓", "━")
            out += "┃ " + names.enumerated().map { i, n in pad(n, widths[i], right: false) }.joined(separator: " ┃ ") + " ┃\n"
            out += rule("┡", "╇", "┩", "━")
            for (r, row) in cells.enumerated() {
                out += "│ " + row.enumerated().map { i, c in pad(c, widths[i], right: isRightAligned(types[i])) }
                    .joined(separator: " │ ") + " │\n"
                out += r == cells.count - 1 ? rule("└", "┴", "┘", "─") : rule("├", "┼", "┤", "─")
            }
            if cells.isEmpty { out += rule("└", "┴", "┘", "─") }
        }
        return out
    }

    private func vertical(_ names: [String], _ types: [DataType], _ rows: [[Value]]) -> String {
        let width = names.map(\.count).max() ?? 0
        var out = ""
        for (r, row) in rows.enumerated() {
            let title = "Row \(r + 1):"
            out += (r == 0 ? "" : "\n") + title + "\n" + String(repeating: "─", count: title.count) + "\n"
            for (i, value) in row.enumerated() {
                let text = value.isNull ? "ᴺᵁᴸᴸ" : ValueFormatter.text(value, type: types[i])
                out += names[i] + ":" + String(repeating: " ", count: width - names[i].count + 1) + text + "\n"
            }
        }
        return out
    }
}
