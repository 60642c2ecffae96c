// Numbers to and from text the way ClickHouse writes and reads them: integers parse strictly
// (optional sign, digits, nothing else; overflow wraps to the width), floats print as the
// shortest text that reads back to the same value, in decimal between 1e-7 and 1e21 and as
// `1.5e-7` / `1e21` outside.

/// Parsing and formatting of numbers.
enum NumberText {
    /// The integer in `text` wrapped to 64 bits, or nil when `text` is not an integer. `unsigned`
    /// rejects a minus sign, as ClickHouse does for unsigned types.
    static func parseInteger<C: Collection<UInt8>>(_ text: C, unsigned: Bool) -> UInt64? {
        var it = text.makeIterator()
        guard var c = it.next() else { return nil }
        var negative = false
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            if c == UInt8(ascii: "-") {
                if unsigned { return nil }
                negative = true
            }
            guard let next = it.next() else { return nil }
            c = next
        }
        var value: UInt64 = 0
        while true {
            guard c >= 48, c <= 57 else { return nil }
            value = value &* 10 &+ UInt64(c - 48)
            guard let next = it.next() else { break }
            c = next
        }
        return negative ? 0 &- value : value
    }

    /// The floating-point number in `text` (decimal, exponent, `inf`, `nan`), or nil.
    static func parseDouble(_ text: Substring) -> Double? {
        guard let first = text.utf8.first, first != UInt8(ascii: " "),
            first != UInt8(ascii: "0") || !text.hasPrefix("0x")
        else { return nil }
        return Double(text)
    }

    /// The shortest text that reads back to `d`, in ClickHouse's notation.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        return layout(d.description)
    }

    /// The shortest text that reads back to `f`, in ClickHouse's notation.
    static func format(_ f: Float) -> String {
        if f.isNaN { return "nan" }
        if f.isInfinite { return f < 0 ? "-inf" : "inf" }
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        return layout(f.description)
    }

    /// Re-lays Swift's shortest round-trip text (`1.5e-07`, `0.001`, `1e+20`) in the notation of
    /// ClickHouse (and JavaScript): decimal when the exponent is in [-7, 21), else `d.ddde±x`.
    private static func layout(_ swift: String) -> String {
        var s = Substring(swift)
        var sign = ""
        if s.hasPrefix("-") {
            sign = "-"
            s = s.dropFirst()
        }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(String(s[s.index(after: e)...].filter { $0 != "+" })) ?? 0
            s = s[..<e]
        }
        // Digits without the point; `point` = digits before the point.
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts[0]
        let fracPart = parts.count > 1 ? parts[1] : ""
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let n = digits.count
        let text: String
        if point >= n && point <= 21 {
            text = String(digits) + String(repeating: "0", count: point - n)
        } else if point > 0 && point <= 21 {
            text = String(digits[..<point]) + "." + String(digits[point...])
        } else if point > -6 && point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + String(digits)
        } else {
            let mantissa = n == 1 ? String(digits) : String(digits[0]) + "." + String(digits[1...])
            text = mantissa + "e" + String(point - 1)
        }
        return sign + text
    }
}
