// Data definition statements: CREATE/DROP DATABASE, CREATE/DROP/TRUNCATE TABLE with columns,
// CHECK constraints and MyScale vector indexes, and CREATE/DROP VECTOR INDEX.

import LoupeCore

/// `CREATE DATABASE [IF NOT EXISTS] name [ENGINE = ...]`.
public struct CreateDatabase: Hashable, Sendable {
    public var ifNotExists: Bool
    public var name: Identifier
    public var engine: Engine?
    @IgnoredInEquality public var range: SourceRange

    public init(
        ifNotExists: Bool, name: Identifier, engine: Engine? = nil, range: SourceRange = SourceRange(at: .start)
    ) {
        self.ifNotExists = ifNotExists
        self.name = name
        self.engine = engine
        self.range = range
    }
}

/// `DROP DATABASE [IF EXISTS] name`.
public struct DropDatabase: Hashable, Sendable {
    public var ifExists: Bool
    public var name: Identifier
    @IgnoredInEquality public var range: SourceRange

    public init(ifExists: Bool, name: Identifier, range: SourceRange = SourceRange(at: .start)) {
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

/// `CREATE TABLE [IF NOT EXISTS] [db.]name (elements) [ENGINE = ...] [ORDER BY ...]
/// [PARTITION BY ...] [PRIMARY KEY ...] [SETTINGS ...] [AS SELECT ...]`.
///
/// Columns, constraints and indexes keep their order within each list; the printer writes
/// columns first, then constraints, then indexes.
public struct CreateTable: Hashable, Sendable {
    public var ifNotExists: Bool
    public var name: TableName
    public var columns: [ColumnDefinition]
    public var constraints: [CheckConstraint]
    public var vectorIndexes: [VectorIndexDefinition]
    public var engine: Engine?
    /// `ORDER BY expr`: a column, `tuple()`, or a tuple `(a, b)`.
    public var orderBy: Expr?
    /// `PARTITION BY expr`: parsed and kept so the table prints back; storage does not partition.
    public var partitionBy: Expr?
    public var primaryKey: Expr?
    public var settings: [Setting]
    /// `AS SELECT ...`, when the table is created from a query.
    public var asSelect: Query?
    @IgnoredInEquality public var range: SourceRange

    public init(
        ifNotExists: Bool = false, name: TableName, columns: [ColumnDefinition] = [],
        constraints: [CheckConstraint] = [], vectorIndexes: [VectorIndexDefinition] = [], engine: Engine? = nil,
        orderBy: Expr? = nil, partitionBy: Expr? = nil, primaryKey: Expr? = nil, settings: [Setting] = [],
        asSelect: Query? = nil, range: SourceRange = SourceRange(at: .start)
    ) {
        self.ifNotExists = ifNotExists
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.vectorIndexes = vectorIndexes
        self.engine = engine
        self.orderBy = orderBy
        self.partitionBy = partitionBy
        self.primaryKey = primaryKey
        self.settings = settings
        self.asSelect = asSelect
        self.range = range
    }
}

/// `name Type [NULL|NOT NULL] [DEFAULT|MATERIALIZED|ALIAS expr] [COMMENT '...'] [CODEC(...)]`.
public struct ColumnDefinition: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeName
    /// `NULL` (true) or `NOT NULL` (false) after the type, nil when neither is written.
    public var nullable: Bool?
    public var defaultValue: ColumnDefault?
    /// The CODEC arguments; parsed and kept so the table prints back, but storage ignores them.
    public var codec: [Expr]?
    public var comment: String?
    @IgnoredInEquality public var range: SourceRange

    public init(
        name: Identifier, type: TypeName, nullable: Bool? = nil, defaultValue: ColumnDefault? = nil,
        codec: [Expr]? = nil, comment: String? = nil, range: SourceRange = SourceRange(at: .start)
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.defaultValue = defaultValue
        self.codec = codec
        self.comment = comment
        self.range = range
    }
}

/// A column's default expression and how it is applied.
public struct ColumnDefault: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case `default` = "DEFAULT"
        case materialized = "MATERIALIZED"
        case alias = "ALIAS"
    }

    public var kind: Kind
    public var expr: Expr

    public init(kind: Kind, expr: Expr) {
        self.kind = kind
        self.expr = expr
    }
}

/// `CONSTRAINT name CHECK expr`.
public struct CheckConstraint: Hashable, Sendable {
    public var name: Identifier
    public var check: Expr
    @IgnoredInEquality public var range: SourceRange

    public init(name: Identifier, check: Expr, range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.check = check
        self.range = range
    }
}

/// `name column TYPE kind[(args)]`: a vector index on a column.
public struct VectorIndexDefinition: Hashable, Sendable {
    public var name: Identifier
    public var column: Identifier
    public var type: VectorIndexType
    @IgnoredInEquality public var range: SourceRange

    public init(
        name: Identifier, column: Identifier, type: VectorIndexType, range: SourceRange = SourceRange(at: .start)
    ) {
        self.name = name
        self.column = column
        self.type = type
        self.range = range
    }
}

/// `MSTG('metric_type=Cosine', ...)`, `MSTG(metric_type='Cosine')` or bare `MSTG`.
public struct VectorIndexType: Hashable, Sendable {
    /// The index kind as written (`MSTG`, `FLAT`, `HNSWFLAT`...).
    public var name: Identifier
    /// The parenthesised arguments, nil when there are no parentheses. MyScale writes each as a
    /// string `'k=v'` or an equality `k = 'v'`; the binder interprets them.
    public var arguments: [Expr]?
    @IgnoredInEquality public var range: SourceRange

    public init(name: Identifier, arguments: [Expr]? = nil, range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }
}

/// `ENGINE = Name[(args)]`.
public struct Engine: Hashable, Sendable {
    public var name: Identifier
    /// nil when written without parentheses.
    public var arguments: [Expr]?
    @IgnoredInEquality public var range: SourceRange

    public init(name: Identifier, arguments: [Expr]? = nil, range: SourceRange = SourceRange(at: .start)) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }
}

/// `DROP TABLE [IF EXISTS] [db.]name`.
public struct DropTable: Hashable, Sendable {
    public var ifExists: Bool
    public var name: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(ifExists: Bool, name: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

/// `TRUNCATE [TABLE] [IF EXISTS] [db.]name`.
public struct TruncateTable: Hashable, Sendable {
    public var ifExists: Bool
    public var name: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(ifExists: Bool, name: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

/// `CREATE VECTOR INDEX [IF NOT EXISTS] name ON [db.]table column TYPE kind(...)`.
public struct CreateVectorIndex: Hashable, Sendable {
    public var ifNotExists: Bool
    public var table: TableName
    public var index: VectorIndexDefinition
    @IgnoredInEquality public var range: SourceRange

    public init(
        ifNotExists: Bool, table: TableName, index: VectorIndexDefinition, range: SourceRange = SourceRange(at: .start)
    ) {
        self.ifNotExists = ifNotExists
        self.table = table
        self.index = index
        self.range = range
    }
}

/// `DROP VECTOR INDEX [IF EXISTS] name ON [db.]table`.
public struct DropVectorIndex: Hashable, Sendable {
    public var ifExists: Bool
    public var name: Identifier
    public var table: TableName
    @IgnoredInEquality public var range: SourceRange

    public init(ifExists: Bool, name: Identifier, table: TableName, range: SourceRange = SourceRange(at: .start)) {
        self.ifExists = ifExists
        self.name = name
        self.table = table
        self.range = range
    }
}
