// Values in ClickHouse's text syntax, read from raw bytes into a `ColumnLoader`: numbers (integers
// wrap to the column's width, as ClickHouse's text input does), Bool words, Date and DateTime
// (`2024-01-02`, `2024-1-2`, `20240102`, `2024-01-02 03:04:05`, `…T…Z`, or a Unix time), and
// arrays such as `[1.5,2,-3e-2]`, `['a','b']` or `[[1],[]]` with single-quoted, backslash-escaped
// strings inside. TSV, CSV and the text form of arrays in JSON strings all read values through
// here; each parser stops after the value and leaves checking what follows to its caller.

import LoupeCore

/// Reading one text value at a position.
enum TextValueParser {
    // MARK: - Numbers

    /// An integer (`[+-]digits`) wrapped to 64 bits; unsigned columns reject a minus sign.
    @inline(__always)
    static func parseInteger(_ p: inout BytePointer, _ end: BytePointer, unsigned: Bool) -> UInt64? {
        var q = p
        var negative = false
        if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) {
            negative = q.pointee == UInt8(ascii: "-")
            if negative && unsigned { return nil }
            q += 1
        }
        var value: UInt64 = 0
        let digitsStart = q
        while q < end {
            let digit = q.pointee &- 48
            if digit > 9 { break }
            value = value &* 10 &+ UInt64(digit)
            q += 1
        }
        guard q > digitsStart else { return nil }
        p = q
        return negative ? 0 &- value : value
    }

    /// `raw` (an integer wrapped to 64 bits) wrapped to the width of integer type `type`, in the
    /// Int64 slot layout (`UInt64` columns use `uint64` storage instead).
    @inline(__always)
    static func wrap(_ raw: UInt64, to type: DataType) -> Int64 {
        switch type {
        case .int8: return Int64(Int8(truncatingIfNeeded: raw))
        case .int16: return Int64(Int16(truncatingIfNeeded: raw))
        case .int32: return Int64(Int32(truncatingIfNeeded: raw))
        case .uint8: return Int64(UInt8(truncatingIfNeeded: raw))
        case .uint16: return Int64(UInt16(truncatingIfNeeded: raw))
        case .uint32: return Int64(UInt32(truncatingIfNeeded: raw))
        default: return Int64(bitPattern: raw)
        }
    }

    /// The words ClickHouse reads as Bool, longest first so that `true` wins over `t`.
    private static let boolWords: [(StaticString, Bool)] = [
        ("enable", true), ("disable", false), ("false", false), ("true", true), ("yes", true), ("off", false),
        ("no", false), ("on", true), ("1", true), ("0", false), ("t", true), ("f", false), ("y", true), ("n", false),
    ]

    /// A Bool word in any letter case.
    static func parseBool(_ p: inout BytePointer, _ end: BytePointer) -> Bool? {
        for (word, value) in boolWords {
            let n = word.utf8CodeUnitCount
            guard end - p >= n else { continue }
            var same = true
            for i in 0..<n where p[i] | 0x20 != word.utf8Start[i] | 0x20 {
                same = false
                break
            }
            if same {
                p += n
                return value
            }
        }
        return nil
    }

    // MARK: - Dates

    /// Days since the epoch (`dateTime` false) or seconds (`dateTime` true), clamped to the
    /// type's range as ClickHouse does.
    static func parseTemporal(_ p: inout BytePointer, _ end: BytePointer, dateTime: Bool) -> Int64? {
        var q = p
        func digits(max: Int) -> (value: Int, count: Int) {
            var value = 0
            var count = 0
            while q < end, count < max, q.pointee >= 48, q.pointee <= 57 {
                value = value * 10 + Int(q.pointee - 48)
                q += 1
                count += 1
            }
            return (value, count)
        }
        let first = digits(max: 19)
        guard first.count > 0 else { return nil }
        let days: Int64
        var seconds: Int64 = 0
        if first.count == 4 && q < end && q.pointee == UInt8(ascii: "-") {
            q += 1
            let month = digits(max: 2)
            guard month.count > 0, q < end, q.pointee == UInt8(ascii: "-") else { return nil }
            q += 1
            let day = digits(max: 2)
            guard day.count > 0, (1...12).contains(month.value), (1...31).contains(day.value) else { return nil }
            days = ValueFormatter.daysFromCivil(year: first.value, month: month.value, day: day.value)
            if dateTime || (q < end && (q.pointee == UInt8(ascii: "T"))) {
                let save = q
                if q < end && (q.pointee == UInt8(ascii: " ") || q.pointee == UInt8(ascii: "T")) {
                    q += 1
                    if let time = parseTime(&q, end) {
                        seconds = time
                    } else {
                        q = save
                    }
                }
            }
        } else if first.count == 8 && !dateTime {
            let v = first.value
            guard (1...12).contains(v / 100 % 100), (1...31).contains(v % 100) else { return nil }
            days = ValueFormatter.daysFromCivil(year: v / 10000, month: v / 100 % 100, day: v % 100)
        } else {
            p = q
            if dateTime { return min(max(0, Int64(first.value)), TemporalText.maxDateTime) }
            return TemporalText.dateFromNumber(Int64(first.value))
        }
        p = q
        if dateTime { return min(max(0, days * 86400 + seconds), TemporalText.maxDateTime) }
        return min(max(0, days), TemporalText.maxDate)
    }

    /// `hh:mm:ss[.fraction][Z]` as seconds into the day.
    private static func parseTime(_ q: inout BytePointer, _ end: BytePointer) -> Int64? {
        func two() -> Int? {
            var value = 0
            var count = 0
            while q < end, count < 2, q.pointee >= 48, q.pointee <= 57 {
                value = value * 10 + Int(q.pointee - 48)
                q += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
        guard let h = two(), q < end, q.pointee == UInt8(ascii: ":"), h < 24 else { return nil }
        q += 1
        guard let m = two(), q < end, q.pointee == UInt8(ascii: ":"), m < 60 else { return nil }
        q += 1
        guard let s = two(), s < 61 else { return nil }
        if q < end && q.pointee == UInt8(ascii: ".") {
            q += 1
            while q < end, q.pointee >= 48, q.pointee <= 57 { q += 1 }
        }
        if q < end && q.pointee == UInt8(ascii: "Z") { q += 1 }
        return Int64(h * 3600 + m * 60 + s)
    }

    // MARK: - Scalars into a loader

    /// A number, Bool or date of the loader's (non-string, non-array) type, read at `p`.
    @inline(__always)
    static func parseScalar(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer) throws(FieldError) {
        let start = p
        switch loader.base {
        case .float32:
            guard let v = FloatParser.parseFloat(&p, end) else { throw FieldError(at: start, .cannotParse(.float32)) }
            loader.appendFloat(v)
        case .float64:
            guard let v = FloatParser.parseDouble(&p, end) else { throw FieldError(at: start, .cannotParse(.float64)) }
            loader.appendDouble(v)
        case .uint64:
            guard let v = parseInteger(&p, end, unsigned: true) else {
                throw FieldError(at: start, .cannotParse(.uint64))
            }
            loader.appendUInt64(v)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32:
            guard let v = parseInteger(&p, end, unsigned: loader.base.isUnsignedInteger) else {
                throw FieldError(at: start, .cannotParse(loader.base))
            }
            loader.appendInt(wrap(v, to: loader.base))
        case .bool:
            guard let v = parseBool(&p, end) else { throw FieldError(at: start, .cannotParse(.bool)) }
            loader.appendInt(v ? 1 : 0)
        case .date, .dateTime:
            guard let v = parseTemporal(&p, end, dateTime: loader.base == .dateTime) else {
                throw FieldError(at: start, .cannotParse(loader.base))
            }
            loader.appendInt(v)
        default:
            preconditionFailure("parseScalar on \(loader.base)")
        }
    }

    // MARK: - Strings

    /// Decodes the escape sequence after a backslash at `p` (which points past the backslash)
    /// into `out`, as ClickHouse's escaped and quoted strings read it: `\t \n \r \0 \a \b \e \f
    /// \v`, `\xHH`, `\N` (dropped), a backslash before a line feed (the line feed); `\\ \' \" \`
    /// \/` give the character itself; any other character keeps its backslash. Returns true when
    /// the sequence was a line feed in the text (for line counting).
    @inline(__always)
    static func decodeEscape(_ p: inout BytePointer, _ end: BytePointer, into out: inout GrowableBuffer<UInt8>) -> Bool
    {
        guard p < end else {
            out.append(UInt8(ascii: "\\"))
            return false
        }
        let c = p.pointee
        p += 1
        switch c {
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(7)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "e"): out.append(27)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "v"): out.append(11)
        case UInt8(ascii: "N"): break
        case 10:
            out.append(10)
            return true
        case UInt8(ascii: "x"):
            if end - p >= 2, let hi = hexValue(p[0]), let lo = hexValue(p[1]) {
                out.append(hi << 4 | lo)
                p += 2
            } else {
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            }
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "/"):
            out.append(c)
        default:
            out.append(UInt8(ascii: "\\"))
            out.append(c)
        }
        return false
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    /// A quoted string (`'…'`, or `"…"`), backslash escapes and doubled quotes decoded, appended
    /// to `out`. `p` must be at the opening quote.
    static func parseQuotedString(
        _ p: inout BytePointer, _ end: BytePointer, into out: inout GrowableBuffer<UInt8>
    ) throws(FieldError) {
        let start = p
        guard p < end, p.pointee == UInt8(ascii: "'") || p.pointee == UInt8(ascii: "\"") else {
            throw FieldError(at: p, .expected("a quoted string"))
        }
        let quote = p.pointee
        p += 1
        while p < end {
            let c = p.pointee
            p += 1
            if c == quote {
                if p < end && p.pointee == quote {
                    out.append(quote)
                    p += 1
                    continue
                }
                return
            }
            if c == UInt8(ascii: "\\") {
                _ = decodeEscape(&p, end, into: &out)
            } else {
                out.append(c)
            }
        }
        throw FieldError(at: start, .expected("a closing quote"))
    }

    // MARK: - Arrays

    @inline(__always)
    static func skipSpaces(_ p: inout BytePointer, _ end: BytePointer) {
        while p < end && p.pointee == UInt8(ascii: " ") { p += 1 }
    }

    /// An array literal into an array loader.
    static func parseArray(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer) throws(FieldError) {
        let child = loader.child!
        if child.type == .float32 {
            try parseFloat32Array(loader, &p, end)
            return
        }
        guard p < end, p.pointee == UInt8(ascii: "[") else { throw FieldError(at: p, .cannotParse(loader.base)) }
        p += 1
        skipSpaces(&p, end)
        if p < end && p.pointee == UInt8(ascii: "]") {
            p += 1
            loader.endArray()
            return
        }
        while true {
            try parseElement(child, &p, end)
            skipSpaces(&p, end)
            guard p < end else { throw FieldError(at: p, .expected("',' or ']'")) }
            let c = p.pointee
            if c == UInt8(ascii: ",") {
                p += 1
                skipSpaces(&p, end)
                continue
            }
            guard c == UInt8(ascii: "]") else { throw FieldError(at: p, .expected("',' or ']'")) }
            p += 1
            loader.endArray()
            return
        }
    }

    /// One array element in the quoted text form.
    private static func parseElement(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer)
        throws(FieldError)
    {
        if end - p >= 4, p[0] | 0x20 == UInt8(ascii: "n"), p[1] | 0x20 == UInt8(ascii: "u"),
            p[2] | 0x20 == UInt8(ascii: "l"), p[3] | 0x20 == UInt8(ascii: "l")
        {
            p += 4
            if loader.nullable { loader.appendNull() } else { loader.appendMissing() }
            return
        }
        let start = p
        switch loader.base {
        case .string, .fixedString:
            try parseQuotedString(&p, end, into: &loader.bytes)
            guard loader.endString() else { throw FieldError(at: start, .tooLong(loader.base)) }
        case .array:
            try parseArray(loader, &p, end)
        case .date, .dateTime:
            if p < end && (p.pointee == UInt8(ascii: "'") || p.pointee == UInt8(ascii: "\"")) {
                let quote = p.pointee
                p += 1
                try parseScalar(loader, &p, end)
                guard p < end, p.pointee == quote else { throw FieldError(at: start, .cannotParse(loader.base)) }
                p += 1
            } else {
                try parseScalar(loader, &p, end)
            }
        default:
            try parseScalar(loader, &p, end)
            guard p < end,
                p.pointee == UInt8(ascii: ",") || p.pointee == UInt8(ascii: "]")
                    || p.pointee == UInt8(ascii: " ")
            else { throw FieldError(at: start, .cannotParse(loader.base)) }
        }
    }

    /// The hot path for `Array(Float32)`: floats parsed straight into the element buffer.
    private static func parseFloat32Array(
        _ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer
    ) throws(FieldError) {
        let child = loader.child!
        var out = child.floats
        let before = out.count
        let failure = scanFloats(&p, end, into: &out)
        // Store the buffer back even on failure: appending may have moved it.
        child.floats = out
        child.rows += out.count - before
        if let failure { throw failure }
        loader.endArray()
    }

    @inline(__always)
    private static func scanFloats(
        _ p: inout BytePointer, _ end: BytePointer, into out: inout GrowableBuffer<Float>
    ) -> FieldError? {
        var q = p
        guard q < end, q.pointee == UInt8(ascii: "[") else { return FieldError(at: q, .cannotParse(.array(.float32))) }
        q += 1
        skipSpaces(&q, end)
        if q < end && q.pointee == UInt8(ascii: "]") {
            p = q + 1
            return nil
        }
        while true {
            let element = q
            guard let v = FloatParser.parseFloat(&q, end) else {
                return FieldError(at: element, .cannotParse(.float32))
            }
            out.append(v)
            guard q < end else { return FieldError(at: q, .expected("',' or ']'")) }
            var c = q.pointee
            if c == UInt8(ascii: " ") {
                skipSpaces(&q, end)
                guard q < end else { return FieldError(at: q, .expected("',' or ']'")) }
                c = q.pointee
            }
            q += 1
            if c == UInt8(ascii: ",") {
                if q < end && q.pointee == UInt8(ascii: " ") { skipSpaces(&q, end) }
                continue
            }
            if c == UInt8(ascii: "]") {
                p = q
                return nil
            }
            return FieldError(at: element, .cannotParse(.float32))
        }
    }
}
