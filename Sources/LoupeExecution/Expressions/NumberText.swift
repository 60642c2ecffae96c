// Numbers to and from text the way ClickHouse writes and reads them: integers parse strictly
// (optional sign, digits, nothing else; overflow wraps to the width), floats print as
// `ValueFormatter` lays them out (shortest round-trip text, ClickHouse's notation).

import LoupeCore

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
    static func format(_ d: Double) -> String { ValueFormatter.formatDouble(d) }

    /// The shortest text that reads back to `f`, in ClickHouse's notation.
    static func format(_ f: Float) -> String { ValueFormatter.formatFloat(f) }
}
