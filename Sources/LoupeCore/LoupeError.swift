// The one error type users see. A `LoupeError` says what went wrong and where: the SQL line and
// column, the row of an INSERT, the file and page of a corrupt database. Programmer mistakes are
// preconditions, never `LoupeError`s.

/// An error caused by input: SQL text, data, files, or the state of the database.
public struct LoupeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The family an error belongs to; tests and callers match on it, users read `message`.
    public enum Kind: String, Hashable, Sendable {
        /// The SQL text does not parse.
        case syntax
        /// A name (database, table, column, function, setting) does not resolve.
        case unknownName
        /// A name that must be new already exists.
        case alreadyExists
        /// Types do not fit: wrong argument types, bad casts, dimension mismatches.
        case type
        /// A CHECK constraint or a column type rejected a row.
        case constraint
        /// A value cannot be computed (division of integers by zero, out-of-range conversion...).
        case runtime
        /// Valid syntax that Loupe does not support (yet).
        case unsupported
        /// The operating system refused a file operation.
        case io
        /// A file's content is damaged: checksum mismatch, truncation, bad format.
        case corrupt
        /// A bound parameter is missing or of the wrong kind.
        case parameter
        /// Another process holds the database open for writing.
        case locked
    }

    public var kind: Kind
    public var message: String
    /// Where in the SQL text, when the error comes from a statement.
    public var range: SourceRange?
    /// The 1-based row of the input (INSERT VALUES, a loaded file) at fault.
    public var row: Int?
    /// The file at fault.
    public var file: String?
    /// The page of `file` at fault.
    public var page: Int?
    /// The 1-based line of `file` at fault (a text file being loaded).
    public var line: Int?
    /// The 1-based byte column within `line`.
    public var column: Int?

    public init(
        _ kind: Kind, _ message: String, at range: SourceRange? = nil, row: Int? = nil,
        file: String? = nil, page: Int? = nil, line: Int? = nil, column: Int? = nil
    ) {
        self.kind = kind
        self.message = message
        self.range = range
        self.row = row
        self.file = file
        self.page = page
        self.line = line
        self.column = column
    }

    /// The same error, located at `range` unless it already has a location.
    public func located(at range: SourceRange?) -> LoupeError {
        var copy = self
        if copy.range == nil { copy.range = range }
        return copy
    }

    /// `Error at line L, column C: message` (the form the CLI prints), or just the message.
    public var description: String {
        var where_: [String] = []
        if let file, !message.contains(file) { where_.append("file \(file)") }
        if let page, !message.contains("page \(page)") { where_.append("page \(page)") }
        if let line, !message.contains(":\(line)") { where_.append("line \(line)") }
        if let row, line == nil, !message.contains("row \(row)") { where_.append("row \(row)") }
        let suffix = where_.isEmpty ? "" : " (" + where_.joined(separator: ", ") + ")"
        if let range {
            return "Error at line \(range.start.line), column \(range.start.column): \(message)\(suffix)"
        }
        return "Error: \(message)\(suffix)"
    }
}
