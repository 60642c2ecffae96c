// One result row with typed accessors by position or by column name.

import LoupeCore

/// A row of a `ResultSet`.
public struct Row: Sendable, CustomStringConvertible {
    /// The values, one per column.
    public let values: [Value]
    /// Column names and types, shared by every row of a result.
    public let columns: ResultColumns

    public init(values: [Value], columns: ResultColumns) {
        self.values = values
        self.columns = columns
    }

    /// The value of column `index`.
    public subscript(index: Int) -> Value { values[index] }

    /// The value of the first column named `name`, or nil when there is none.
    public subscript(name: String) -> Value? {
        columns.index(of: name).map { values[$0] }
    }

    /// Column `index` converted to `T`.
    /// - Throws: `LoupeError` when the value does not convert (NULL into a non-Optional, a string
    ///   into an Int, ...).
    public func get<T: ValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard index >= 0, index < values.count else {
            throw LoupeError(.parameter, "column index \(index) out of range (the row has \(values.count) columns)")
        }
        guard let v = T(sqlValue: values[index]) else {
            throw LoupeError(
                .type, "column '\(columns.names[index])' holds \(values[index]) of type \(columns.types[index]), not \(T.self)")
        }
        return v
    }

    /// Column `name` converted to `T`.
    public func get<T: ValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = columns.index(of: name) else {
            throw LoupeError(.unknownName, "no column named '\(name)' in the result (columns: \(columns.names.joined(separator: ", ")))")
        }
        return try get(index, as: type)
    }

    public var description: String {
        zip(values, columns.types).map { ValueFormatter.text($0, type: $1, quoteStrings: true) }.joined(separator: ", ")
    }
}

/// The names and types of a result's columns.
public struct ResultColumns: Sendable {
    public let names: [String]
    public let types: [DataType]
    private let positions: [String: Int]

    public init(names: [String], types: [DataType]) {
        self.names = names
        self.types = types
        var positions: [String: Int] = [:]
        for (i, n) in names.enumerated() where positions[n] == nil { positions[n] = i }
        self.positions = positions
    }

    /// The position of the first column named `name`.
    public func index(of name: String) -> Int? { positions[name] }
}
