// The entry point of the library: a database you open, run SQL against, and read typed rows from.
//
//     let db = try Database(path: "photos.loupe")   // or Database.inMemory()
//     try db.execute("CREATE TABLE t (id UInt64, v Array(Float32)) ORDER BY id")
//     try db.execute("INSERT INTO t VALUES (?, ?)", [1, [0.1, 0.2] as [Float]])
//     for row in try db.query("SELECT id FROM t").rows() { print(try row.get(0, as: Int.self)) }

import LoupeCore
import LoupeExecution
import LoupeSQL
import LoupeStorage

/// An open Loupe database. Statements run one at a time (the engine serializes them), so a
/// `Database` may be shared between threads.
public final class Database: @unchecked Sendable {
    let engine: LoupeExecution.Engine

    private init(engine: LoupeExecution.Engine) {
        self.engine = engine
    }

    /// A new, empty database that lives in memory and vanishes when released.
    public static func inMemory() -> Database {
        Database(engine: LoupeExecution.Engine())
    }

    /// Opens the database kept in directory `path`, creating it when missing. Every statement
    /// is durable when it returns. One process at a time may open a database: another process
    /// gets a `LoupeError` of kind `.locked` until this one closes it.
    public convenience init(path: String) throws {
        self.init(engine: try LoupeExecution.Engine(backend: DiskDatabase.open(path: path)))
    }

    /// Waits for background work (merges) and releases the database's files and lock. Releasing
    /// the last reference does the same; the database must not be used after `close()`.
    public func close() {
        engine.close()
    }

    /// Runs every statement of `sql` (separated by `;`). `parameters` fill `?` placeholders and
    /// are only allowed when `sql` holds a single statement.
    /// - Returns: the rows affected by the last statement.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any ValueConvertible] = [], named: [String: any ValueConvertible] = [:])
        throws -> Int
    {
        let statements = try Parser.parseScript(sql)
        if !parameters.isEmpty, statements.count != 1 {
            throw LoupeError(.parameter, "parameters can only be bound to a single statement, found \(statements.count)")
        }
        var affected = 0
        for statement in statements {
            affected = try resultSet(statement, parameters, named).drain()
        }
        return affected
    }

    /// Runs a single statement and returns its rows.
    public func query(_ sql: String, _ parameters: [any ValueConvertible] = [], named: [String: any ValueConvertible] = [:])
        throws -> ResultSet
    {
        try prepare(sql).query(parameters, named: named)
    }

    /// Parses a single statement once, to run it many times with different parameters.
    public func prepare(_ sql: String) throws -> PreparedStatement {
        let statements = try Parser.parseScript(sql)
        guard statements.count == 1 else {
            throw LoupeError(.syntax, "expected exactly one statement, found \(statements.count)")
        }
        return PreparedStatement(database: self, statement: statements[0])
    }

    /// Runs a parsed statement.
    func run(_ statement: Statement, _ parameters: [any ValueConvertible], _ named: [String: any ValueConvertible]) throws
        -> ExecutionResult
    {
        try engine.execute(
            statement, parameters: parameters.map { $0.sqlValue }, namedParameters: named.mapValues { $0.sqlValue })
    }

    /// Names of the tables in the current database (for shells and tools).
    public func tableNames() -> [String] {
        engine.catalog.tableNames(in: engine.catalog.currentDatabase)
    }

    /// Column names of a table in the current database.
    public func columnNames(of table: String) -> [String] {
        engine.catalog.table(database: engine.catalog.currentDatabase, name: table)?.columns.map(\.name) ?? []
    }
}

/// A parsed statement that can run many times with different bound parameters.
public final class PreparedStatement: @unchecked Sendable {
    private let database: Database
    let statement: Statement

    init(database: Database, statement: Statement) {
        self.database = database
        self.statement = statement
    }

    /// Runs the statement and returns its rows.
    public func query(_ parameters: [any ValueConvertible] = [], named: [String: any ValueConvertible] = [:]) throws
        -> ResultSet
    {
        try database.resultSet(statement, parameters, named)
    }

    /// Runs the statement to completion.
    /// - Returns: the rows affected.
    @discardableResult
    public func execute(_ parameters: [any ValueConvertible] = [], named: [String: any ValueConvertible] = [:]) throws
        -> Int
    {
        try database.resultSet(statement, parameters, named).drain()
    }
}
