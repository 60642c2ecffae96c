// Converting constant values between types in the planner: literals compared with columns of
// another type, INSERT VALUES rows converted to the table's column types, parameters converted
// to their declared `{name:Type}`, and the few CASTs of constants that are folded at plan time
// (`foldedCast`: only those that cannot differ from run time). Whole-column conversions at run
// time belong to the execution layer; array text is split by the shared `ArrayText`.

import Foundation
import LoupeCore

/// Conversions of single values.
public enum LiteralConversion {
    /// How strict a conversion is.
    public enum Mode: Sendable {
        /// The value must be representable exactly (INSERT, implicit conversions): 300 does not
        /// fit UInt8, 1.5 is not an integer, 'abc' is not a number.
        case exact
        /// CAST semantics: integers wrap, floats truncate toward zero.
        case cast
    }

    /// `value` as a value of `type`, or a `.type` error that names the value and the type.
    public static func convert(_ value: Value, to type: DataType, mode: Mode = .exact) throws -> Value {
        if value.isNull {
            if type.isNullable { return .null }
            if mode == .cast { return type.defaultValue }
            throw LoupeError(.type, "Cannot convert NULL to non-Nullable type \(type)")
        }
        let target = type.nonNullable
        func fail() -> LoupeError {
            LoupeError(.type, "Cannot convert \(ValueFormatter.text(value, quoteStrings: true)) to \(type)")
        }
        switch target {
        case .nothing:
            throw fail()
        case .bool:
            if case .string(let s) = value {
                switch s.lowercased() {
                case "true", "1": return .bool(true)
                case "false", "0": return .bool(false)
                default: throw fail()
                }
            }
            guard let d = value.doubleValue else { throw fail() }
            return .bool(d != 0)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            return try convertInteger(value, to: target, mode: mode) ?? { throw fail() }()
        case .float32, .float64:
            let d: Double
            switch value {
            case .string(let s):
                guard let parsed = parseDouble(s) else { throw fail() }
                d = parsed
            default:
                guard let v = value.doubleValue else { throw fail() }
                d = v
            }
            return .float(target == .float32 ? Double(Float(d)) : d)
        case .string, .fixedString:
            let text: String
            if case .string(let s) = value { text = s } else { text = ValueFormatter.text(value, quoteStrings: false) }
            if case .fixedString(let n) = target {
                let length = text.utf8.count
                if length > n {
                    throw LoupeError(.type, "String \(ValueFormatter.quote(text)) is too long for \(type)")
                }
                // FixedString values are padded with zero bytes, as stored.
                return .string(text + String(repeating: "\0", count: n - length))
            }
            return .string(text)
        case .date:
            switch value {
            case .date: return value
            case .dateTime(let t): return .date(Int32(truncatingIfNeeded: ValueFormatter.days(ofSeconds: t)))
            case .string(let s):
                guard let days = parseDate(s) else { throw fail() }
                return .date(Int32(days))
            default:
                guard let i = value.int64Value, i >= 0, i <= Int64(UInt16.max) || mode == .cast else { throw fail() }
                return .date(Int32(truncatingIfNeeded: i))
            }
        case .dateTime:
            switch value {
            case .dateTime: return value
            case .date(let d): return .dateTime(Int64(d) * 86400)
            case .string(let s):
                guard let t = parseDateTime(s) else { throw fail() }
                return .dateTime(t)
            default:
                guard let i = value.int64Value, i >= 0 || mode == .cast else { throw fail() }
                // A DateTime holds 0 ..< 2^32 seconds (UInt32, as in ClickHouse); numbers beyond saturate.
                return .dateTime(min(max(i, 0), Int64(UInt32.max)))
            }
        case .array(let element):
            let items: [Value]
            if case .string(let text) = value {
                // ClickHouse's array text, `[1, 2]` or `['a', 'b']`, as a CAST of a column reads it.
                guard let parts = ArrayText.split(Array(text.utf8)) else { throw fail() }
                items = parts.map { $0.map(Value.string) ?? .null }
            } else {
                guard let elements = value.arrayElements else { throw fail() }
                items = elements
            }
            if element == .float32 {
                var floats: [Float] = []
                floats.reserveCapacity(items.count)
                for item in items {
                    let number: Value
                    if case .string = item { number = try convert(item, to: .float64, mode: mode) } else { number = item }
                    guard let d = number.doubleValue else { throw fail() }
                    floats.append(Float(d))
                }
                return .vector(floats)
            }
            return .array(try items.map { try convert($0, to: element, mode: mode) })
        case .nullable:
            preconditionFailure("nonNullable removes Nullable")
        }
    }

    /// `CAST(value AS type)` computed now, only where it cannot differ from the execution layer's
    /// conversion: NULL to a Nullable type, a value already of the target's kind (an integer that
    /// fits, a float to Float64 or Float32, a string to String), an integer a float holds exactly,
    /// and arrays of such items (numbers to Array(Float32) give a `.vector`). Anything else (text
    /// parsing, wrapping, dates) is nil and left to run time.
    public static func foldedCast(_ value: Value, to type: DataType) -> Value? {
        if value.isNull { return type.isNullable ? .null : nil }
        let target = type.nonNullable
        switch (value, target) {
        case (.string, .string), (.bool, .bool), (.date, .date), (.dateTime, .dateTime), (.float, .float64):
            return value
        case (.float(let d), .float32):
            return .float(Double(Float(d)))
        case (.int, _), (.uint, _):
            if target.isInteger { return try? convert(value, to: target) }
            guard target.isFloat, let d = value.doubleValue,
                abs(d) <= (target == .float32 ? 0x1p24 : 0x1p53)
            else { return nil }
            return .float(d)
        case (_, .array(let element)):
            guard let items = value.arrayElements else { return nil }
            var folded: [Value] = []
            folded.reserveCapacity(items.count)
            for item in items {
                guard let v = foldedCast(item, to: element) else { return nil }
                folded.append(v)
            }
            guard element == .float32 else { return .array(folded) }
            var floats: [Float] = []
            floats.reserveCapacity(folded.count)
            for v in folded {
                guard let d = v.doubleValue else { return nil }
                floats.append(Float(d))
            }
            return .vector(floats)
        default:
            return nil
        }
    }

    private static func convertInteger(_ value: Value, to target: DataType, mode: Mode) throws -> Value? {
        let signed = target.isSignedInteger
        let bits = target.integerBits ?? 64
        var wide: (Int64?, UInt64?)
        switch value {
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            wide = (Int64(t), UInt64(t))
            if wide.0 == nil && wide.1 == nil { return nil }
        case .float(let f):
            guard f.isFinite else { return nil }
            if mode == .exact && f.rounded(.towardZero) != f { return nil }
            let truncated = f.rounded(.towardZero)
            if truncated >= 0 && truncated < 1.8446744073709552e19 {
                wide = (truncated < 9.2e18 ? Int64(truncated) : nil, UInt64(truncated))
            } else if truncated < 0 && truncated >= -9.2e18 {
                wide = (Int64(truncated), nil)
            } else {
                return nil
            }
        case .uint(let u): wide = (u <= UInt64(Int64.max) ? Int64(u) : nil, u)
        default:
            guard let i = value.int64Value else { return nil }
            wide = (i, i >= 0 ? UInt64(i) : nil)
        }
        if signed {
            let minV = bits == 64 ? Int64.min : -(Int64(1) << (bits - 1))
            let maxV = bits == 64 ? Int64.max : (Int64(1) << (bits - 1)) - 1
            if let i = wide.0, i >= minV, i <= maxV { return .int(i) }
            guard mode == .cast else { return nil }
            let raw = wide.0 ?? Int64(bitPattern: wide.1 ?? 0)
            return .int(truncate(raw, bits: bits, signed: true))
        }
        let maxU: UInt64 = bits == 64 ? UInt64.max : (UInt64(1) << bits) - 1
        if let u = wide.1, u <= maxU { return bits == 64 ? .uint(u) : .int(Int64(u)) }
        guard mode == .cast else { return nil }
        let raw = wide.0 ?? Int64(bitPattern: wide.1 ?? 0)
        let wrapped = truncate(raw, bits: bits, signed: false)
        return bits == 64 ? .uint(UInt64(bitPattern: wrapped)) : .int(wrapped)
    }

    private static func truncate(_ v: Int64, bits: Int, signed: Bool) -> Int64 {
        switch (bits, signed) {
        case (8, true): return Int64(Int8(truncatingIfNeeded: v))
        case (16, true): return Int64(Int16(truncatingIfNeeded: v))
        case (32, true): return Int64(Int32(truncatingIfNeeded: v))
        case (8, false): return Int64(UInt8(truncatingIfNeeded: v))
        case (16, false): return Int64(UInt16(truncatingIfNeeded: v))
        case (32, false): return Int64(UInt32(truncatingIfNeeded: v))
        default: return v
        }
    }

    /// Parses a float as ClickHouse reads one (`inf`, `nan` accepted).
    static func parseDouble(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch t.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return Double(t)
        }
    }

    /// Days since the epoch for `YYYY-MM-DD`.
    static func parseDate(_ text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return ValueFormatter.daysFromCivil(year: y, month: m, day: d)
    }

    /// Seconds since the epoch for `YYYY-MM-DD hh:mm:ss` (UTC) or a bare date.
    static func parseDateTime(_ text: String) -> Int64? {
        let pieces = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        guard let first = pieces.first, let days = parseDate(String(first)) else { return nil }
        var seconds: Int64 = 0
        if pieces.count == 2 {
            let hms = pieces[1].split(separator: ":").map { Int64($0) }
            guard hms.count == 3, let h = hms[0], let m = hms[1], let s = hms[2], h < 24, m < 60, s < 60 else {
                return nil
            }
            seconds = h * 3600 + m * 60 + s
        } else if pieces.count > 2 {
            return nil
        }
        return days * 86400 + seconds
    }
}
