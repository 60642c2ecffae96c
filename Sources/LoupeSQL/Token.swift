// Tokens: what the lexer produces and the parser consumes. Each token keeps its source range;
// words remember whether they spell a keyword so the parser need not re-case them.

import LoupeCore

/// One lexical token.
public struct Token: Hashable, Sendable {
    /// The kinds of token.
    public enum Kind: Hashable, Sendable {
        /// A bare word: a keyword or an identifier, as written.
        case word(String)
        /// `"name"` or `` `name` ``, unquoted and unescaped.
        case quotedIdentifier(String)
        /// `'text'`, unescaped.
        case string(String)
        /// A numeric literal as written: `42`, `0x1F`, `0b101`, `1.5`, `.5`, `1e-3`.
        case number(String)
        /// An operator or punctuation mark.
        case symbol(Symbol)
        /// The end of the text.
        case end
    }

    public var kind: Kind
    public var range: SourceRange
    /// The keyword a `.word` spells, if any.
    public var keyword: Keyword?

    public init(_ kind: Kind, range: SourceRange, keyword: Keyword? = nil) {
        self.kind = kind
        self.range = range
        self.keyword = keyword
    }

    /// How the token reads in an error message: `'FROM'`, `string 'abc'`, `end of input`.
    public var quotedDescription: String {
        switch kind {
        case .word(let w): return "'\(Token.shorten(w))'"
        case .quotedIdentifier(let w): return "identifier \"\(Token.shorten(w))\""
        case .string(let s): return "string '\(Token.shorten(s))'"
        case .number(let n): return "'\(Token.shorten(n))'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .end: return "end of input"
        }
    }

    private static func shorten(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "..." : s
    }
}

/// Operators and punctuation.
public enum Symbol: String, Hashable, Sendable, CaseIterable {
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case semicolon = ";"
    case dot = "."
    case colon = ":"
    case doubleColon = "::"
    case question = "?"
    case arrow = "->"
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case concat = "||"
    case equal = "="
    case doubleEqual = "=="
    case notEqual = "!="
    case lessGreater = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
