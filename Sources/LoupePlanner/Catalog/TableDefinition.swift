// What the catalog knows about a table: columns, constraints, sort key, settings and vector
// indexes. Expressions (DEFAULT, CHECK, ORDER BY) are kept as SQL text, printed from the AST, so a
// definition is plain data that can be persisted and re-bound.

import LoupeCore

/// A column of a table.
public struct ColumnDefinition: Hashable, Sendable {
    public var name: String
    public var type: DataType
    /// SQL text of the DEFAULT expression, if any.
    public var defaultExpression: String?

    public init(name: String, type: DataType, defaultExpression: String? = nil) {
        self.name = name
        self.type = type
        self.defaultExpression = defaultExpression
    }
}

/// `CONSTRAINT name CHECK expr`.
public struct CheckConstraint: Hashable, Sendable {
    public var name: String
    /// SQL text of the boolean expression over the table's columns.
    public var expression: String

    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }
}

/// `VECTOR INDEX name column TYPE kind('key=value', ...)`.
public struct VectorIndexDefinition: Hashable, Sendable {
    public var name: String
    public var column: String
    /// The index type as written, upper-cased: MSTG, FLAT, HNSWFLAT, ...
    public var kind: String
    /// The `key=value` parameters, keys lower-cased.
    public var parameters: [String: String]
    public var metric: Metric

    public init(name: String, column: String, kind: String, parameters: [String: String], metric: Metric) {
        self.name = name
        self.column = column
        self.kind = kind
        self.parameters = parameters
        self.metric = metric
    }
}

/// A table as the catalog stores it.
public struct TableDefinition: Hashable, Sendable {
    public var database: String
    public var name: String
    public var columns: [ColumnDefinition]
    public var constraints: [CheckConstraint]
    /// SQL text of each ORDER BY key expression (empty: `tuple()`).
    public var orderBy: [String]
    /// SQL text of each PRIMARY KEY expression (defaults to `orderBy`).
    public var primaryKey: [String]
    /// The engine as written, e.g. `MergeTree()`.
    public var engine: String
    public var settings: [String: String]
    public var vectorIndexes: [VectorIndexDefinition]

    public init(
        database: String, name: String, columns: [ColumnDefinition], constraints: [CheckConstraint] = [],
        orderBy: [String] = [], primaryKey: [String] = [], engine: String = "MergeTree()",
        settings: [String: String] = [:], vectorIndexes: [VectorIndexDefinition] = []
    ) {
        self.database = database
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.orderBy = orderBy
        self.primaryKey = primaryKey
        self.engine = engine
        self.settings = settings
        self.vectorIndexes = vectorIndexes
    }

    /// The index of the column named `name` (case-sensitive, as ClickHouse).
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The fields of the table, qualified by its name and database.
    public var schema: Schema {
        Schema(columns.map { Field(name: $0.name, type: $0.type, table: name, database: database) })
    }

    /// The vector index on `column`, if any.
    public func vectorIndex(on column: String) -> VectorIndexDefinition? {
        vectorIndexes.first { $0.column == column }
    }
}
