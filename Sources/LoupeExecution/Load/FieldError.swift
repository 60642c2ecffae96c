// Why a value in a loaded file did not parse, and where: the parsers throw this small value
// (no allocation on the hot path) and the row reader turns it into a `LoupeError` naming the
// file, line, column and table column once it knows them.

import LoupeCore

/// A parse failure at a position of the text being loaded.
struct FieldError: Error {
    enum Problem: Sendable {
        /// The text at the position is not a value of the type.
        case cannotParse(DataType)
        /// Something else was expected at the position (`"a tab"`, `"']'"`).
        case expected(String)
        /// A string longer than its FixedString column.
        case tooLong(DataType)
        /// A NULL for a column that cannot hold one (with input_format_null_as_default = 0).
        case null(DataType)
        /// Any other problem, described in full.
        case other(String)
    }

    /// The address of the byte at fault (`Int(bitPattern:)` of its pointer).
    var address: Int
    var problem: Problem

    init(at p: UnsafePointer<UInt8>, _ problem: Problem) {
        self.address = Int(bitPattern: p)
        self.problem = problem
    }

    /// The message, quoting the text at fault (`token`).
    func message(token: String) -> String {
        switch problem {
        case .cannotParse(let type): return "Cannot parse \(type) from '\(token)'"
        case .expected(let what):
            return token.isEmpty ? "Expected \(what) at the end of the row" : "Expected \(what) before '\(token)'"
        case .tooLong(let type): return "Too long value '\(token)' for \(type)"
        case .null(let type): return "Cannot read NULL into column of type \(type)"
        case .other(let text): return text
        }
    }
}

/// Text positions in loaded data.
typealias BytePointer = UnsafePointer<UInt8>
