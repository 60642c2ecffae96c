// Type names: `Name` or `Name(arg, ...)` where an argument is a nested type, an integer or a
// string (`Array(Float32)`, `FixedString(16)`, `DateTime('UTC')`), plus SQL's two-word names
// (`DOUBLE PRECISION`, `INT UNSIGNED`), kept as one name with a space.

import LoupeCore

extension Parser {
    /// A type name with its arguments.
    mutating func parseTypeName() throws(LoupeError) -> TypeName {
        let start = current.range.start
        guard case .word(let first) = current.kind else { throw error("expected a type name") }
        advance()
        var name = first
        // SQL's two-word spellings: DOUBLE PRECISION, INT UNSIGNED, CHARACTER VARYING...
        if case .word(let second) = current.kind, TypeName.secondWords.contains(second.uppercased()) {
            name += " " + second
            advance()
        }
        var arguments: [TypeArgument] = []
        if accept(.leftParen) {
            try enter()
            defer { leave() }
            if !accept(.rightParen) {
                repeat { arguments.append(try parseTypeArgument()) } while accept(.comma)
                try expect(.rightParen, "after arguments of type '\(name)'")
            }
        }
        return TypeName(name, arguments: arguments, range: range(from: start))
    }

    private mutating func parseTypeArgument() throws(LoupeError) -> TypeArgument {
        switch current.kind {
        case .string(let s):
            advance()
            return .string(s)
        case .number, .symbol(.minus):
            let start = current.range.start
            let negative = accept(.minus)
            guard case .number(let text) = current.kind else { throw error("expected a number") }
            advance()
            guard case .int(let value) = try numberLiteral(text, negative: negative, range: range(from: start)) else {
                throw LoupeError(.syntax, "expected an integer type argument", at: range(from: start))
            }
            return .integer(value)
        default:
            return .type(try parseTypeName())
        }
    }
}
