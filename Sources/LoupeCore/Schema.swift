// Named, typed fields: the shape of a table or of an operator's output.

/// A named column of a relation. `table` is the qualifier a query can use (`t.col`).
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: DataType
    /// The table (or alias) the field belongs to, if any.
    public var table: String?
    /// The database of `table`, if any.
    public var database: String?

    public init(name: String, type: DataType, table: String? = nil, database: String? = nil) {
        self.name = name
        self.type = type
        self.table = table
        self.database = database
    }
}

/// An ordered list of fields.
public struct Schema: Hashable, Sendable {
    public var fields: [Field]

    public init(_ fields: [Field]) { self.fields = fields }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }
    public var types: [DataType] { fields.map(\.type) }
}
