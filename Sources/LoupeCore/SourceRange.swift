// Positions in SQL text. Every token and AST node carries a `SourceRange` so that errors can say
// "line L, column C" and the printer can map nodes back to the text they came from.

/// A point in source text: a UTF-8 byte offset plus the 1-based line and column it falls on.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Byte offset from the start of the text (0-based).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in characters (Unicode scalars) from the start of the line.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of a text.
    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "line \(line), column \(column)" }
}

/// A half-open span `[start, end)` of source text.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at a location.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// Shifts a range found in a sub-text (a statement) to its place in the whole text.
    public func shifted(by base: SourceLocation) -> SourceRange {
        func shift(_ loc: SourceLocation) -> SourceLocation {
            SourceLocation(
                offset: loc.offset + base.offset,
                line: loc.line + base.line - 1,
                column: loc.line == 1 ? loc.column + base.column - 1 : loc.column)
        }
        return SourceRange(start: shift(start), end: shift(end))
    }

    public var description: String { start.description }
}
