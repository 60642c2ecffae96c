// A single SQL value, used where data moves one item at a time: literals, bound parameters,
// constant folding, and result rows handed to users. Hot paths never use `Value`; they work on
// `Column`s.

import Foundation

/// One SQL value. Its `DataType` travels separately (with the column or expression it came from).
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    /// Any signed integer type, and unsigned types up to 32 bits.
    case int(Int64)
    /// UInt64 values.
    case uint(UInt64)
    /// Float32 and Float64 values.
    case float(Double)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Seconds since 1970-01-01 00:00:00 UTC.
    case dateTime(Int64)
    /// A general array.
    case array([Value])
    /// An `Array(Float32)`, kept as contiguous floats (an embedding).
    case vector([Float])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a Double, for numeric values.
    public var doubleValue: Double? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .float(let f): return f
        case .date(let d): return Double(d)
        case .dateTime(let t): return Double(t)
        default: return nil
        }
    }

    /// The value as an Int64, for integral values that fit.
    public var int64Value: Int64? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .uint(let u): return u <= UInt64(Int64.max) ? Int64(u) : nil
        case .date(let d): return Int64(d)
        case .dateTime(let t): return t
        case .float(let f): return f.rounded(.towardZero) == f && abs(f) < 9.2e18 ? Int64(f) : nil
        default: return nil
        }
    }

    /// The array elements, for `.array` and `.vector`.
    public var arrayElements: [Value]? {
        switch self {
        case .array(let a): return a
        case .vector(let v): return v.map { .float(Double($0)) }
        default: return nil
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value as ClickHouse's TSV output writes it (strings unquoted at top level).
    public var description: String { ValueFormatter.text(self, quoteStrings: false) }
}

/// Text forms of values, shared by result output and the SQL printer.
public enum ValueFormatter {
    /// Formats a value. Inside arrays strings are always single-quoted, as ClickHouse prints them.
    public static func text(_ value: Value, quoteStrings: Bool) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let f): return formatDouble(f)
        case .string(let s): return quoteStrings ? quote(s) : s
        case .date(let d): return formatDate(days: d)
        case .dateTime(let t): return formatDateTime(seconds: t)
        case .array(let a): return "[" + a.map { text($0, quoteStrings: true) }.joined(separator: ",") + "]"
        case .vector(let v): return "[" + v.map { formatFloat($0) }.joined(separator: ",") + "]"
        }
    }

    /// Formats a value of a known column type: like `text(_:quoteStrings:)`, but Float32 values
    /// print as the shortest text that reads back to the same Float32 (`0.1`, not
    /// `0.10000000149011612`), as ClickHouse prints them.
    public static func text(_ value: Value, type: DataType, quoteStrings: Bool = false) -> String {
        switch (value, type.nonNullable) {
        case (.float(let f), .float32): return formatFloat(Float(f))
        case (.array(let a), .array(let element)):
            return "[" + a.map { text($0, type: element, quoteStrings: true) }.joined(separator: ",") + "]"
        case (.int(let i), .bool): return i != 0 ? "true" : "false"
        default: return text(value, quoteStrings: quoteStrings)
        }
    }

    /// A single-quoted SQL string literal with ClickHouse escapes.
    public static func quote(_ s: String) -> String {
        var out = "'"
        for ch in s.unicodeScalars {
            switch ch {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "'"
    }

    /// Shortest text that reads back to the same Double, laid out as ClickHouse prints floats:
    /// plain decimals for exponents in [-6, 21) (`0.000025`, `100000000000000000000`), otherwise
    /// `1e-7` / `1e300`; `inf`, `-inf`, `nan`.
    public static func formatDouble(_ f: Double) -> String {
        var out: [UInt8] = []
        appendDouble(f, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Shortest text that reads back to the same Float, laid out as `formatDouble` does.
    public static func formatFloat(_ f: Float) -> String {
        var out: [UInt8] = []
        appendFloat(f, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `formatDouble(f)` as UTF-8.
    public static func appendDouble(_ f: Double, to out: inout [UInt8]) {
        if !f.isFinite { return appendNonFinite(f.isNaN, f < 0, to: &out) }
        var text = f.description
        text.withUTF8 { layOut(shortest: $0, into: &out) }
    }

    /// Appends `formatFloat(f)` as UTF-8.
    public static func appendFloat(_ f: Float, to out: inout [UInt8]) {
        if !f.isFinite { return appendNonFinite(f.isNaN, f < 0, to: &out) }
        var text = f.description
        text.withUTF8 { layOut(shortest: $0, into: &out) }
    }

    private static func appendNonFinite(_ nan: Bool, _ negative: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: (nan ? "nan" : negative ? "-inf" : "inf").utf8)
    }

    /// Re-lays Swift's shortest round-trip text (`1.5e-07`, `1e+16`, `0.1`) in ClickHouse's style.
    private static func layOut(shortest text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        if text.first == UInt8(ascii: "-") {
            out.append(UInt8(ascii: "-"))
            i = 1
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { digits in
            var n = 0
            var integral = 0
            var seenPoint = false
            var exponent = 0
            while i < text.count {
                let c = text[i]
                i += 1
                if c == UInt8(ascii: ".") {
                    seenPoint = true
                } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                    var negative = false
                    if i < text.count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                        negative = text[i] == UInt8(ascii: "-")
                        i += 1
                    }
                    while i < text.count {
                        exponent = exponent * 10 + Int(text[i] &- 48)
                        i += 1
                    }
                    if negative { exponent = -exponent }
                } else {
                    digits[n] = c
                    n += 1
                    if !seenPoint { integral += 1 }
                }
            }
            // `point` is the position of the decimal point within the digits.
            var point = integral + exponent
            var start = 0
            while start < n && digits[start] == UInt8(ascii: "0") { start += 1 }
            if start == n {
                out.append(UInt8(ascii: "0"))
                return
            }
            point -= start
            var end = n
            while end > start && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
            let count = end - start
            let decimalExponent = point - 1
            func append(_ range: Range<Int>) {
                for k in range { out.append(digits[start + k]) }
            }
            func zeros(_ k: Int) {
                if k > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: k)) }
            }
            if decimalExponent < -6 || decimalExponent >= 21 {
                append(0..<1)
                if count > 1 {
                    out.append(UInt8(ascii: "."))
                    append(1..<count)
                }
                out.append(UInt8(ascii: "e"))
                out.append(contentsOf: String(decimalExponent).utf8)
            } else if point <= 0 {
                out.append(contentsOf: "0.".utf8)
                zeros(-point)
                append(0..<count)
            } else if point >= count {
                append(0..<count)
                zeros(point - count)
            } else {
                append(0..<point)
                out.append(UInt8(ascii: "."))
                append(point..<count)
            }
        }
    }

    /// `YYYY-MM-DD` for days since the epoch.
    public static func formatDate(days: Int32) -> String {
        let (y, m, d) = civilFromDays(Int64(days))
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `YYYY-MM-DD hh:mm:ss` (UTC) for seconds since the epoch.
    public static func formatDateTime(seconds: Int64) -> String {
        let days = days(ofSeconds: seconds)
        let rem = secondsOfDay(seconds)
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, rem / 3600, (rem / 60) % 60, rem % 60)
    }

    /// Whole days since the epoch of a time in seconds, rounding down; exact for every Int64.
    public static func days(ofSeconds seconds: Int64) -> Int64 {
        let (days, rem) = seconds.quotientAndRemainder(dividingBy: 86400)
        return rem < 0 ? days - 1 : days
    }

    /// Seconds since the midnight that starts the day of `seconds`, in 0..<86400.
    public static func secondsOfDay(_ seconds: Int64) -> Int64 {
        let rem = seconds % 86400
        return rem < 0 ? rem + 86400 : rem
    }

    /// Proleptic Gregorian (year, month, day) for days since 1970-01-01 (Howard Hinnant's method).
    public static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
