// ClickHouse's text form of an array (`[1, 2.5]`, `['a', 'b']`, `[[1], []]`, `[NULL]`) split into
// its top-level items, as text. Both a CAST of a String column to an Array and the conversion of
// a string constant or parameter to an Array type read arrays through this one parser; the items
// are then converted to the element type like any other text.

/// Splitting array text into items.
public enum ArrayText {
    /// The top-level items of an array literal (quoted items unquoted, `NULL` as nil), or nil when
    /// `s` is not an array literal.
    public static func split(_ s: [UInt8]) -> [String?]? {
        var i = 0
        func skipSpaces() { while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 { i += 1 } }
        skipSpaces()
        guard i < s.count, s[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var items: [String?] = []
        skipSpaces()
        if i < s.count, s[i] == UInt8(ascii: "]") {
            i += 1
            skipSpaces()
            return i == s.count ? items : nil
        }
        while i < s.count {
            skipSpaces()
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "'") || s[i] == UInt8(ascii: "\"") {
                let quote = s[i]
                i += 1
                var text = [UInt8]()
                while i < s.count, s[i] != quote {
                    if s[i] == UInt8(ascii: "\\"), i + 1 < s.count {
                        i += 1
                        switch s[i] {
                        case UInt8(ascii: "n"): text.append(10)
                        case UInt8(ascii: "t"): text.append(9)
                        case UInt8(ascii: "0"): text.append(0)
                        default: text.append(s[i])
                        }
                    } else {
                        text.append(s[i])
                    }
                    i += 1
                }
                guard i < s.count else { return nil }
                i += 1
                items.append(String(decoding: text, as: UTF8.self))
            } else {
                let start = i
                var depth = 0
                while i < s.count, depth > 0 || (s[i] != UInt8(ascii: ",") && s[i] != UInt8(ascii: "]")) {
                    if s[i] == UInt8(ascii: "[") { depth += 1 }
                    if s[i] == UInt8(ascii: "]") { depth -= 1 }
                    i += 1
                }
                var end = i
                while end > start, s[end - 1] == 32 { end -= 1 }
                let text = String(decoding: s[start..<end], as: UTF8.self)
                items.append(text == "NULL" ? nil : text)
            }
            skipSpaces()
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard s[i] == UInt8(ascii: "]") else { return nil }
            i += 1
            skipSpaces()
            return i == s.count ? items : nil
        }
        return nil
    }
}
