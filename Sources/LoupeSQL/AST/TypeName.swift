// Column types as written: a name and optional arguments (`FixedString(16)`, `Array(Float32)`,
// `DateTime('UTC')`). `resolve()` (TypeName+Resolve.swift) maps one to a `LoupeCore.DataType`.

import LoupeCore

/// A type as it appears in SQL.
public struct TypeName: Hashable, Sendable, CustomStringConvertible {
    /// The name as written, e.g. `Array`, `UInt64`, `varchar`.
    public var name: String
    /// The parenthesised arguments; empty when there are none (or `T()` was written).
    public var arguments: [TypeArgument]
    @IgnoredInEquality public var range: SourceRange

    public init(_ name: String, arguments: [TypeArgument] = [], range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }

    /// The type in SQL, e.g. `Array(Nullable(Float32))`.
    public var description: String {
        if arguments.isEmpty { return name }
        return name + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
    }
}

/// One argument of a parameterised type.
public enum TypeArgument: Hashable, Sendable, CustomStringConvertible {
    /// A nested type: `Array(T)`, `Nullable(T)`.
    case type(TypeName)
    /// A number: `FixedString(16)`, `VARCHAR(255)`.
    case integer(Int64)
    /// A string: `DateTime('UTC')`.
    case string(String)

    public var description: String {
        switch self {
        case .type(let t): return t.description
        case .integer(let i): return String(i)
        case .string(let s): return ValueFormatter.quote(s)
        }
    }
}
