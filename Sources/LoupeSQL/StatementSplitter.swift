// Splitting scripts into statement texts without parsing them, for REPLs (is the input complete
// yet?) and script runners (run statement by statement, reporting errors at their place in the
// file). A small scanner tracks strings, quoted identifiers and comments so a `;` inside them
// does not end a statement; it never fails, whatever the input.

import Foundation
import LoupeCore

/// Finds statement boundaries in SQL text.
public enum StatementSplitter {
    /// One statement's text (without its `;`) and where it starts in the whole text.
    public struct Piece: Hashable, Sendable {
        public var text: String
        public var start: SourceLocation
        /// True when a `;` ended the statement (false for trailing text without one).
        public var terminated: Bool
        /// The comments between the previous statement and this one, trimmed (empty when none).
        public var preamble: String = ""
    }

    /// True when `text` ends a statement: its last `;` is outside strings, quoted identifiers
    /// and comments, and only whitespace or comments follow it.
    public static func isComplete(_ text: String) -> Bool {
        var scanner = Scanner(Array(text.utf8))
        var complete = false
        while let event = scanner.next() {
            switch event {
            case .semicolon: complete = true
            case .content: complete = false
            }
        }
        return complete && !scanner.insideQuoteOrBlockComment
    }

    /// The statements of a script: each piece starts at its first token (leading whitespace and
    /// comments skipped); pieces with no tokens are dropped. Parse a piece with
    /// `Parser.parseStatement(piece.text)` and move its ranges with `range.shifted(by: piece.start)`.
    public static func split(_ text: String) -> [Piece] {
        let bytes = Array(text.utf8)
        var scanner = Scanner(bytes)
        var pieces: [Piece] = []
        var start: SourceLocation?
        var lastContentEnd = 0
        var previousEnd = 0
        func preamble(_ s: SourceLocation) -> String {
            slice(bytes, previousEnd, s.offset).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while let event = scanner.next() {
            switch event {
            case .content(let location):
                if start == nil { start = location }
                lastContentEnd = scanner.offset
            case .semicolon:
                if let s = start {
                    pieces.append(
                        Piece(
                            text: slice(bytes, s.offset, lastContentEnd), start: s, terminated: true,
                            preamble: preamble(s)))
                }
                previousEnd = scanner.offset
                start = nil
            }
        }
        if let s = start {
            pieces.append(Piece(text: slice(bytes, s.offset, bytes.count), start: s, terminated: false, preamble: preamble(s)))
        }
        return pieces
    }

    private static func slice(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<max(from, to)], as: UTF8.self)
    }

    /// What the scanner reports: statement content (with where a run of it starts) or a `;`.
    private enum Event {
        case content(SourceLocation)
        case semicolon
    }

    /// Walks the bytes, skipping whitespace and comments, treating a quoted run as one unit.
    private struct Scanner {
        let bytes: [UInt8]
        var offset = 0
        var line = 1
        var column = 1
        var insideQuoteOrBlockComment = false

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func next() -> Event? {
            while offset < bytes.count {
                let b = bytes[offset]
                let n: UInt8? = offset + 1 < bytes.count ? bytes[offset + 1] : nil
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    advance()
                } else if b == UInt8(ascii: "-") && n == UInt8(ascii: "-") {
                    while offset < bytes.count && bytes[offset] != 0x0A { advance() }
                } else if b == UInt8(ascii: "/") && n == UInt8(ascii: "*") {
                    advance(2)
                    insideQuoteOrBlockComment = true
                    while offset < bytes.count {
                        if bytes[offset] == UInt8(ascii: "*") && offset + 1 < bytes.count
                            && bytes[offset + 1] == UInt8(ascii: "/")
                        {
                            advance(2)
                            insideQuoteOrBlockComment = false
                            break
                        }
                        advance()
                    }
                } else if b == UInt8(ascii: ";") {
                    advance()
                    return .semicolon
                } else {
                    let location = SourceLocation(offset: offset, line: line, column: column)
                    if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") {
                        skipQuoted(b)
                    } else {
                        advance()
                    }
                    return .content(location)
                }
            }
            return nil
        }

        private mutating func skipQuoted(_ quote: UInt8) {
            advance()
            insideQuoteOrBlockComment = true
            while offset < bytes.count {
                let b = bytes[offset]
                if b == UInt8(ascii: "\\") {
                    advance(2)
                } else if b == quote {
                    advance()
                    insideQuoteOrBlockComment = false
                    return
                } else {
                    advance()
                }
            }
        }

        private mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where offset < bytes.count {
                let b = bytes[offset]
                offset += 1
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
        }
    }
}
