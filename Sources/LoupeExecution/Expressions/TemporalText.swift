// Text forms of Date and DateTime as ClickHouse reads them: `YYYY-MM-DD` (or `YYYYMMDD`), with an
// optional ` hh:mm:ss` / `Thh:mm:ss` time part, all in UTC. Values outside ClickHouse's unsigned
// Date (1970-01-01 … 2149-06-06) and DateTime (… 2106-02-07 06:28:15) ranges clamp to them.

import LoupeCore

/// Parsing of date and time strings.
enum TemporalText {
    /// Days (for `.date`) or seconds (for `.dateTime`) since the epoch, or nil when `text` is not
    /// a date.
    static func parse(_ text: String, as type: DataType) -> Int64? {
        guard let (days, seconds) = parseParts(Array(text.utf8)) else { return nil }
        if type.nonNullable == .date { return min(max(0, days), maxDate) }
        return min(max(0, days * 86400 + seconds), maxDateTime)
    }

    /// (days since the epoch, seconds into the day) of a date or date-time string.
    static func parseParts(_ s: [UInt8]) -> (Int64, Int64)? {
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while i < s.count, digits < maxDigits, s[i] >= 48, s[i] <= 57 {
                value = value * 10 + Int(s[i] - 48)
                i += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }
        let year: Int
        let month: Int
        let day: Int
        if s.count >= 8, !s.prefix(8).contains(where: { $0 < 48 || $0 > 57 }) {
            guard let compact = number(maxDigits: 8) else { return nil }
            (year, month, day) = (compact / 10000, compact / 100 % 100, compact % 100)
        } else {
            guard let y = number(maxDigits: 4), i < s.count, s[i] == UInt8(ascii: "-") else { return nil }
            i += 1
            guard let m = number(maxDigits: 2), i < s.count, s[i] == UInt8(ascii: "-") else { return nil }
            i += 1
            guard let d = number(maxDigits: 2) else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = ValueFormatter.daysFromCivil(year: year, month: month, day: day)
        if i == s.count { return (days, 0) }
        guard s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "T") else { return nil }
        i += 1
        guard let h = number(maxDigits: 2), i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let mi = number(maxDigits: 2), i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let se = number(maxDigits: 2), h < 24, mi < 60, se < 61 else { return nil }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            _ = number(maxDigits: 9)
        }
        if i < s.count, s[i] == UInt8(ascii: "Z") { i += 1 }
        guard i == s.count else { return nil }
        return (days, Int64(h * 3600 + mi * 60 + se))
    }

    /// The last Date (2149-06-06, day 65535) and DateTime (2106-02-07 06:28:15) ClickHouse holds.
    static let maxDate: Int64 = 65535
    static let maxDateTime: Int64 = 4_294_967_295

    /// ClickHouse's reading of a number as a Date: small values are days, larger ones (beyond
    /// the UInt16 day range) are Unix timestamps.
    static func dateFromNumber(_ n: Int64) -> Int64 {
        if n < 0 { return 0 }
        return n > maxDate ? min(n, maxDateTime) / 86400 : n
    }
}
