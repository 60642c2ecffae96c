// Decimal text to Float and Double without building a String (for file loads and SQL literals), giving exactly the correctly
// rounded value the standard library's parser gives. Digits accumulate into an integer mantissa
// and a power of ten. When both are small (Clinger's fast path) one IEEE multiplication or
// division of exactly representable operands rounds once, correctly. For Float, a Double computed
// that way is rounded a second time, which is only wrong when the Double lies exactly halfway
// between two Floats; that case, long mantissas, large exponents and `inf`/`nan` go to the
// standard library. The syntax is ClickHouse's: `[+-]digits[.digits][e[+-]digits]`, `.5` and `5.`
// included, plus `inf`, `infinity` and `nan` in any letter case.

/// Parsing of floating-point text.
package enum FloatParser {
    /// A scanned decimal number: `mantissa × 10^exponent`, exact unless `truncated`.
    private struct Decimal {
        var negative = false
        var mantissa: UInt64 = 0
        var exponent = 0
        /// Nonzero digits beyond the 19 the mantissa holds were dropped.
        var truncated = false
        /// `inf`, `infinity` or `nan`: only the standard library reads these.
        var special = false
    }

    /// The Float written at `p` (not reading at or past `end`), and the position after it; nil
    /// when no number starts at `p` (the position is then unspecified).
    @inline(__always)
    package static func parseFloat(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Float? {
        let start = p
        guard let d = scan(&p, end) else { return nil }
        if !d.truncated && !d.special {
            if d.mantissa == 0 { return d.negative ? -0.0 : 0.0 }
            if d.mantissa <= 1 << 24 && d.exponent >= -10 && d.exponent <= 10 {
                // Both operands are exact Floats (10^10 = 2^10 · 5^10 fits 24 bits): one rounding.
                let m = Float(d.mantissa)
                let v = d.exponent < 0 ? m / floatPower(-d.exponent) : m * floatPower(d.exponent)
                return d.negative ? -v : v
            }
            if d.mantissa <= 1 << 53 && d.exponent >= -22 && d.exponent <= 22 {
                let v = exactDouble(d)
                // |v| lies in [1e-22, 9e37]: a normal Float. Rounding v to Float is correct unless
                // v sits exactly on a midpoint between two Floats (its 29 bits below Float
                // precision are 1000…0); the true value may then lie on either side.
                if v.bitPattern & 0x1FFF_FFFF != 0x1000_0000 { return Float(v) }
            }
        }
        return slowFloat(start, p)
    }

    /// The Double written at `p`, as `parseFloat` does for Float.
    @inline(__always)
    package static func parseDouble(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let start = p
        guard let d = scan(&p, end) else { return nil }
        if !d.truncated && !d.special {
            if d.mantissa == 0 { return d.negative ? -0.0 : 0.0 }
            if d.mantissa <= 1 << 53 && d.exponent >= -22 && d.exponent <= 22 { return exactDouble(d) }
        }
        return slowDouble(start, p)
    }

    /// `mantissa × 10^exponent` rounded once (the mantissa and the power are exact Doubles).
    @inline(__always)
    private static func exactDouble(_ d: Decimal) -> Double {
        let m = Double(d.mantissa)
        let v = d.exponent < 0 ? m / doublePower(-d.exponent) : m * doublePower(d.exponent)
        return d.negative ? -v : v
    }

    /// The value of the eight ASCII digits at `p`, or nil when any of the eight bytes is not a
    /// digit (the SWAR conversion of simdjson's `parse_eight_digits_unrolled`).
    @inline(__always)
    private static func eightDigits(at p: UnsafePointer<UInt8>) -> UInt64? {
        // The caller guarantees eight readable bytes at `p`.
        let chunk = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        guard chunk & high == 0x3030_3030_3030_3030, (chunk &+ 0x0606_0606_0606_0606) & high == 0x3030_3030_3030_3030
        else { return nil }
        var v = chunk &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        let low = (v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let upper = ((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (low &+ upper) >> 32
    }

    /// Reads the number's syntax, leaving `p` after it.
    @inline(__always)
    private static func scan(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Decimal? {
        var d = Decimal()
        var q = p
        if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) {
            d.negative = q.pointee == UInt8(ascii: "-")
            q += 1
        }
        // The mantissa keeps at most 19 significant digits: a digit is taken while it is below 10^18.
        let room: UInt64 = 1_000_000_000_000_000_000
        var sawDigit = false
        while q < end {
            let digit = q.pointee &- 48
            if digit > 9 { break }
            sawDigit = true
            if d.mantissa < room {
                d.mantissa = d.mantissa &* 10 &+ UInt64(digit)
            } else {
                d.exponent += 1
                if digit != 0 { d.truncated = true }
            }
            q += 1
        }
        if q < end && q.pointee == UInt8(ascii: ".") {
            q += 1
            // Eight fraction digits at a time while the mantissa has room for them (below 10^10,
            // eight more digits stay under 10^18, inside the 19 kept).
            while end - q >= 8 && d.mantissa < 10_000_000_000, let eight = eightDigits(at: q) {
                sawDigit = true
                d.mantissa = d.mantissa &* 100_000_000 &+ eight
                d.exponent -= 8
                q += 8
            }
            while q < end {
                let digit = q.pointee &- 48
                if digit > 9 { break }
                sawDigit = true
                if d.mantissa < room {
                    d.mantissa = d.mantissa &* 10 &+ UInt64(digit)
                    d.exponent -= 1
                } else if digit != 0 {
                    d.truncated = true
                }
                q += 1
            }
        }
        guard sawDigit else {
            guard let after = special(q, end) else { return nil }
            d.special = true
            p = after
            return d
        }
        if q < end && (q.pointee | 0x20) == UInt8(ascii: "e") {
            q += 1
            var negative = false
            if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) {
                negative = q.pointee == UInt8(ascii: "-")
                q += 1
            }
            var value = 0
            var expDigits = 0
            while q < end {
                let digit = q.pointee &- 48
                if digit > 9 { break }
                if value < 100_000 { value = value * 10 + Int(digit) }
                expDigits += 1
                q += 1
            }
            guard expDigits > 0 else { return nil }
            d.exponent += negative ? -value : value
        }
        p = q
        return d
    }

    /// The position after `inf`, `infinity` or `nan` (any letter case) at `p`, or nil.
    private static func special(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        func matches(_ word: StaticString, at p: UnsafePointer<UInt8>) -> Bool {
            guard end - p >= word.utf8CodeUnitCount else { return false }
            for i in 0..<word.utf8CodeUnitCount where p[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if matches("infinity", at: p) { return p + 8 }
        if matches("inf", at: p) || matches("nan", at: p) { return p + 3 }
        return nil
    }

    /// The scanned text `[start, end)` read by the standard library (correctly rounded).
    private static func slowFloat(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Float? {
        Float(text(start, end))
    }

    private static func slowDouble(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        Double(text(start, end))
    }

    private static func text(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }

    /// 10^e for e in 0...10, each exact in Float (so converting the exact Double loses nothing).
    @inline(__always)
    private static func floatPower(_ e: Int) -> Float {
        Float(doublePower(e))
    }

    /// 10^e for e in 0...22, each exact in Double.
    @inline(__always)
    private static func doublePower(_ e: Int) -> Double {
        switch e {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }
}
