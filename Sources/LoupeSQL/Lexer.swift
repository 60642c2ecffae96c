// The lexer turns SQL text into tokens. It works on UTF-8 bytes, tracks line and column (columns
// count Unicode scalars), skips whitespace and comments (`-- ...`, `/* ... */`), and unescapes
// string literals and quoted identifiers. Any byte sequence either lexes or yields a located
// `LoupeError(.syntax)`.

import LoupeCore

/// A tokenizer over one SQL text.
public struct Lexer: Sendable {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    /// The previous token, to tell `t.1` (tuple element) from `.1` (a number).
    private var previous: Token.Kind = .end
    private var previousEnd = -1

    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// All tokens of `text`, ending with one `.end` token.
    public static func tokenize(_ text: String) throws(LoupeError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        // About one token per four bytes of an embedding literal (`0.0123,`): reserve for it.
        tokens.reserveCapacity(lexer.bytes.count / 4 + 8)
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// The current position.
    public var location: SourceLocation {
        SourceLocation(offset: index, line: line, column: column)
    }

    /// The next token; `.end` (repeatedly) at the end of the text.
    public mutating func next() throws(LoupeError) -> Token {
        try skipTrivia()
        let start = location
        guard index < bytes.count else {
            return Token(.end, range: SourceRange(at: start))
        }
        let kind: Token.Kind
        var keyword: Keyword?
        let b = bytes[index]
        switch b {
        case UInt8(ascii: "'"):
            kind = .string(try quoted(closing: b, what: "string literal"))
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            let name = try quoted(closing: b, what: "quoted identifier")
            if name.isEmpty {
                throw LoupeError(.syntax, "empty quoted identifier", at: SourceRange(start: start, end: location))
            }
            kind = .quotedIdentifier(name)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = .number(try number(start: start))
        case UInt8(ascii: ".") where isDigit(peek(1)) && !previousEndsOperand:
            kind = .number(try number(start: start))
        default:
            if isWordStart(b) {
                let word = self.word()
                keyword = Keyword(word: word)
                kind = .word(word)
            } else if let symbol = symbol() {
                kind = .symbol(symbol)
            } else {
                throw LoupeError(
                    .syntax, "unexpected character \(describe(byteAt: index))", at: SourceRange(at: start))
            }
        }
        previous = kind
        previousEnd = index
        return Token(kind, range: SourceRange(start: start, end: location), keyword: keyword)
    }

    // MARK: - Trivia

    private mutating func skipTrivia() throws(LoupeError) {
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n")
                || b == UInt8(ascii: "\r") || b == 0x0B || b == 0x0C
            {
                advance()
            } else if b == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-") {
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { advance() }
            } else if b == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = location
                advance(2)
                while true {
                    guard index < bytes.count else {
                        throw LoupeError(.syntax, "unterminated comment", at: SourceRange(start: start, end: location))
                    }
                    if bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        advance(2)
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    // MARK: - Token bodies

    private mutating func word() -> String {
        let start = index
        while index < bytes.count && isWordContinuation(bytes[index]) { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A string literal or quoted identifier, with ClickHouse escapes: `\'`, a doubled quote,
    /// `\n \t \r \0 \b \f \a \v \e \\ \xHH`; other `\c` sequences keep the backslash.
    private mutating func quoted(closing quote: UInt8, what: String) throws(LoupeError) -> String {
        let start = location
        advance()
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw LoupeError(.syntax, "unterminated \(what)", at: SourceRange(start: start, end: location))
            }
            let b = bytes[index]
            if b == quote {
                if peek(1) == quote {
                    out.append(quote)
                    advance(2)
                    continue
                }
                advance()
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                advance()
                guard let e = peek(0) else { continue }
                if e != UInt8(ascii: "x") && e != UInt8(ascii: "X") && escaped(e) != nil { advance() }
                switch e {
                case UInt8(ascii: "x"), UInt8(ascii: "X"):
                    if let h = hexValue(peek(1)), let l = hexValue(peek(2)) {
                        out.append(h << 4 | l)
                        advance(3)
                    } else {
                        out.append(UInt8(ascii: "\\"))
                    }
                default:
                    // Unknown escapes keep the backslash; the next byte is then read as usual.
                    out.append(escaped(e) ?? UInt8(ascii: "\\"))
                }
                continue
            }
            out.append(b)
            advance()
        }
    }

    /// The byte a known escape `\\c` stands for.
    private func escaped(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "0"): return 0x00
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "a"): return 0x07
        case UInt8(ascii: "v"): return 0x0B
        case UInt8(ascii: "e"): return 0x1B
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"): return c
        default: return nil
        }
    }

    /// A numeric literal: decimal (with optional fraction and exponent, `_` between digits, a
    /// trailing `.`), hex `0x..`, binary `0b..`.
    /// After a `.` (as in `t.1.2`) only digits are taken, so tuple access chains lex.
    private mutating func number(start: SourceLocation) throws(LoupeError) -> String {
        let begin = index
        let afterDot = previous == .symbol(.dot)
        if bytes[index] == UInt8(ascii: "0"), let p = peek(1),
            p == UInt8(ascii: "x") || p == UInt8(ascii: "X") || p == UInt8(ascii: "b") || p == UInt8(ascii: "B"),
            !afterDot
        {
            let isHex = p == UInt8(ascii: "x") || p == UInt8(ascii: "X")
            advance(2)
            let digitsStart = index
            while index < bytes.count, isHex ? hexValue(bytes[index]) != nil : (bytes[index] | 1) == UInt8(ascii: "1") {
                advance()
            }
            if index == digitsStart {
                throw LoupeError(.syntax, "malformed number", at: SourceRange(start: start, end: location))
            }
        } else {
            skipDigits()
            if !afterDot && peek(0) == UInt8(ascii: ".") {
                if isDigit(peek(1)) {
                    advance()
                    skipDigits()
                } else if index > begin, peek(1).map({ !isWordContinuation($0) && $0 != UInt8(ascii: ".") }) ?? true {
                    advance()  // a trailing dot: `1.`
                }
            }
            if !afterDot, let e = peek(0), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
                if isDigit(peek(1 + sign)) {
                    advance(1 + sign)
                    skipDigits()
                }
            }
        }
        if let b = peek(0), isWordContinuation(b) {
            while let c = peek(0), isWordContinuation(c) { advance() }
            throw LoupeError(.syntax, "malformed number", at: SourceRange(start: start, end: location))
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    /// Decimal digits, with `_` allowed between two digits (`1_000`).
    private mutating func skipDigits() {
        while isDigit(peek(0))
            || (peek(0) == UInt8(ascii: "_") && isDigit(peek(1)) && index > 0 && isDigit(bytes[index - 1]))
        {
            advance()
        }
    }

    private mutating func symbol() -> Symbol? {
        let b = bytes[index]
        let n = peek(1)
        func two(_ s: Symbol) -> Symbol {
            advance(2)
            return s
        }
        func one(_ s: Symbol) -> Symbol {
            advance()
            return s
        }
        switch b {
        case UInt8(ascii: "("): return one(.leftParen)
        case UInt8(ascii: ")"): return one(.rightParen)
        case UInt8(ascii: "["): return one(.leftBracket)
        case UInt8(ascii: "]"): return one(.rightBracket)
        case UInt8(ascii: "{"): return one(.leftBrace)
        case UInt8(ascii: "}"): return one(.rightBrace)
        case UInt8(ascii: ","): return one(.comma)
        case UInt8(ascii: ";"): return one(.semicolon)
        case UInt8(ascii: "."): return one(.dot)
        case UInt8(ascii: ":"): return n == UInt8(ascii: ":") ? two(.doubleColon) : one(.colon)
        case UInt8(ascii: "?"): return one(.question)
        case UInt8(ascii: "+"): return one(.plus)
        case UInt8(ascii: "-"): return n == UInt8(ascii: ">") ? two(.arrow) : one(.minus)
        case UInt8(ascii: "*"): return one(.star)
        case UInt8(ascii: "/"): return one(.slash)
        case UInt8(ascii: "%"): return one(.percent)
        case UInt8(ascii: "|"): return n == UInt8(ascii: "|") ? two(.concat) : nil
        case UInt8(ascii: "="): return n == UInt8(ascii: "=") ? two(.doubleEqual) : one(.equal)
        case UInt8(ascii: "!"): return n == UInt8(ascii: "=") ? two(.notEqual) : nil
        case UInt8(ascii: "<"):
            if n == UInt8(ascii: "=") { return two(.lessOrEqual) }
            if n == UInt8(ascii: ">") { return two(.lessGreater) }
            return one(.less)
        case UInt8(ascii: ">"): return n == UInt8(ascii: "=") ? two(.greaterOrEqual) : one(.greater)
        default: return nil
        }
    }

    // MARK: - Utilities

    /// True when the previous token ends an operand right before this point, so a `.` here is
    /// member access (`t.1`) rather than the start of a number (`.5`).
    private var previousEndsOperand: Bool {
        guard previousEnd == index else { return false }
        switch previous {
        case .word, .quotedIdentifier, .number: return true
        case .symbol(let s): return s == .rightParen || s == .rightBracket
        default: return false
        }
    }

    private func peek(_ ahead: Int) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if !isContinuation(b) {
                column += 1
            }
        }
    }

    private func describe(byteAt i: Int) -> String {
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b >= 0x80 {
            var end = i + 1
            while end < bytes.count && isContinuation(bytes[end]) { end += 1 }
            return "'\(String(decoding: bytes[i..<end], as: UTF8.self))'"
        }
        return "(byte 0x" + String(b, radix: 16, uppercase: true) + ")"
    }
}

private func isDigit(_ b: UInt8?) -> Bool {
    guard let b else { return false }
    return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
}

private func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

/// Words start with a letter, `_`, or any non-ASCII character (so Japanese names need no quotes).
private func isWordStart(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || b == UInt8(ascii: "_") || b >= 0x80
}

private func isWordContinuation(_ b: UInt8) -> Bool {
    isWordStart(b) || isDigit(b) || b == UInt8(ascii: "$")
}

private func hexValue(_ b: UInt8?) -> UInt8? {
    guard let b else { return nil }
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
}
