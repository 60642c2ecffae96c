// The entry point of the execution layer: one open database, in memory or on disk (the storage
// backend decides). `execute` binds a parsed statement against the catalog, optimizes it, plans
// operators and runs it. Statements are serialized by a lock; a query's rows stream from its
// result afterwards, reading the table snapshots taken when it was planned, so later statements
// never disturb a result being read.

import Foundation
import LoupeCore
import LoupePlanner
import LoupeSQL
import LoupeStorage

/// An open database: catalog, tables and statement execution.
public final class Engine: @unchecked Sendable {
    let liveCatalog: Catalog
    private let lock = NSLock()
    /// Called while a statement reads a file (`INSERT ... FROM INFILE`), after each chunk, from
    /// the thread running the statement. Set it before running statements.
    public var progressHandler: (@Sendable (StatementProgress) -> Void)?
    /// Receives warnings that do not fail a statement (rows skipped under
    /// `input_format_allow_errors_num`). Set it before running statements.
    public var diagnosticHandler: (@Sendable (String) -> Void)?

    /// An empty in-memory database with `default` as the current database.
    public convenience init() {
        // An in-memory backend has no stored catalog to read, so opening cannot fail.
        try! self.init(backend: MemoryBackend())
    }

    /// The database `backend` holds (an empty one if it holds none yet).
    public init(backend: StorageBackend) throws {
        liveCatalog = try Catalog(backend: backend)
    }

    deinit {
        close()
    }

    /// Waits for background work, then releases the backend's files and locks. The engine must
    /// not be used afterwards.
    public func close() {
        lock.withLock {
            for store in liveCatalog.allStores() { store.waitForBackgroundWork() }
            liveCatalog.backend.close()
        }
    }

    /// The databases and tables, as the binder sees them (includes `system`).
    public var catalog: CatalogReader { liveCatalog }

    /// Runs one parsed statement. Positional parameters fill `?` in order; named ones fill
    /// `{name:Type}`. Queries return a streaming result; other statements return
    /// `.command(rowsAffected:)`. A failed statement changes nothing.
    public func execute(
        _ statement: Statement, parameters: [Value] = [], namedParameters: [String: Value] = [:]
    ) throws -> ExecutionResult {
        try lock.withLock {
            do {
                let binder = Binder(catalog: liveCatalog, parameters: parameters, namedParameters: namedParameters)
                return try run(Self.optimized(try binder.bind(statement)))
            } catch let error as LoupeError {
                throw error.located(at: statement.range)
            }
        }
    }

    /// Runs a statement that is already bound (queries are optimized first).
    public func execute(bound statement: BoundStatement) throws -> ExecutionResult {
        try lock.withLock { try run(Self.optimized(statement)) }
    }

    /// The statement with its query plans optimized.
    private static func optimized(_ statement: BoundStatement) -> BoundStatement {
        let optimizer = Optimizer()
        switch statement {
        case .query(let plan, let settings):
            return .query(optimizer.optimize(plan), settings: settings)
        case .insert(let table, let targetColumns, let source, let defaults, let checks):
            return .insert(
                table: table, targetColumns: targetColumns, source: optimizer.optimize(source), defaults: defaults,
                checks: checks)
        default:
            return statement
        }
    }

    /// Runs a bound statement; the caller holds `lock`.
    private func run(_ statement: BoundStatement) throws -> ExecutionResult {
        switch statement {
        case .query(let plan, let settings):
            let context = makeContext(settings: settings)
            let root = try PhysicalPlanner(catalog: liveCatalog, context: context).makeOperator(plan)
            try SubqueryExecutor.prefetchSubqueries(of: plan, into: context)
            return ExecutionResult(schema: plan.schema, source: root)
        case .explain(let plan):
            let lines = PlanPrinter.explain(plan).map { Value.string($0) }
            let schema = Schema([Field(name: "explain", type: .string)])
            return ExecutionResult(schema: schema, source: ValuesOperator(rows: lines.map { [$0] }, schema: schema))
        case .createDatabase(let name, let ifNotExists):
            try liveCatalog.createDatabase(name, ifNotExists: ifNotExists)
        case .dropDatabase(let name, let ifExists):
            try liveCatalog.dropDatabase(name, ifExists: ifExists)
        case .useDatabase(let name):
            try liveCatalog.use(name)
        case .createTable(let definition, let ifNotExists):
            try createTable(definition, ifNotExists: ifNotExists)
        case .dropTable(let database, let name, let ifExists):
            try liveCatalog.dropTable(database: database, name: name, ifExists: ifExists)
        case .truncateTable(let database, let name, let ifExists):
            try truncateTable(database: database, name: name, ifExists: ifExists)
        case .insert(let table, let targetColumns, let source, let defaults, let checks):
            return ExecutionResult(
                rowsAffected: try insert(
                    into: table, targetColumns: targetColumns, source: source, defaults: defaults, checks: checks))
        case .load(let plan):
            return ExecutionResult(rowsAffected: try load(plan))
        case .delete(let table, let predicate):
            return ExecutionResult(rowsAffected: try delete(from: table, where: predicate))
        case .update(let table, let assignments, let predicate, let checks):
            return ExecutionResult(
                rowsAffected: try update(table, assignments: assignments, where: predicate, checks: checks))
        case .addVectorIndex(let database, let table, let index, let ifNotExists):
            try addVectorIndex(index, database: database, table: table, ifNotExists: ifNotExists)
        case .dropVectorIndex(let database, let table, let name, let ifExists):
            try dropVectorIndex(name, database: database, table: table, ifExists: ifExists)
        case .command(let words):
            try runCommand(words)
        }
        return ExecutionResult(rowsAffected: 0)
    }

    /// A fresh statement context (statement time, settings, subquery runner).
    func makeContext(settings: QuerySettings = [:]) -> EvaluationContext {
        SubqueryExecutor.makeContext(
            catalog: liveCatalog, settings: settings, time: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
