// The engine driven by bound statements (independent of the parser and binder): DDL, INSERT
// with defaults, queries over the snapshot, vector index definitions, and all-or-nothing INSERT
// when a CHECK fails.

import Foundation
import LoupeCore
import LoupePlanner
import XCTest

@testable import LoupeExecution

final class EngineBoundTests: XCTestCase {
    private let photos = TableDefinition(
        database: "default", name: "photos",
        columns: [
            ColumnDefinition(name: "id", type: .uint64), ColumnDefinition(name: "name", type: .string),
            ColumnDefinition(name: "photo_embed", type: .array(.float32)),
        ], orderBy: ["id"])

    private func values(_ rows: [[Value]], _ types: [DataType]) -> LogicalPlan {
        .values(rows: rows, schema: Schema(types.enumerated().map { Field(name: "c\($0.offset)", type: $0.element) }))
    }

    private func scan(_ t: TableDefinition) -> LogicalPlan {
        .scan(table: t, columns: Array(t.columns.indices), filter: nil, schema: t.schema)
    }

    func testCreateInsertQueryDrop() throws {
        let engine = Engine()
        XCTAssertEqual(
            try engine.execute(bound: .createTable(photos, ifNotExists: false)).kind, .command(rowsAffected: 0))
        XCTAssertThrowsError(try engine.execute(bound: .createTable(photos, ifNotExists: false)))
        _ = try engine.execute(bound: .createTable(photos, ifNotExists: true))
        let insert = BoundStatement.insert(
            table: photos, targetColumns: [0, 2],
            source: values(
                [[.uint(1), .vector([1, 2])], [.uint(2), .vector([3, 4])]], [.uint64, .array(.float32)]),
            defaults: [:], checks: [])
        XCTAssertEqual(try engine.execute(bound: insert).kind, .command(rowsAffected: 2))
        let result = try engine.execute(bound: .query(scan(photos), settings: [:]))
        XCTAssertEqual(result.kind, .rows)
        XCTAssertEqual(result.schema.names, ["id", "name", "photo_embed"])
        XCTAssertEqual(
            try result.allRows(),
            [[.uint(1), .string(""), .vector([1, 2])], [.uint(2), .string(""), .vector([3, 4])]])

        // A result keeps reading the rows of its snapshot after the table changes.
        let pending = try engine.execute(bound: .query(scan(photos), settings: [:]))
        _ = try engine.execute(bound: .truncateTable(database: "default", name: "photos", ifExists: false))
        XCTAssertEqual(try pending.allRows().count, 2)
        XCTAssertEqual(try engine.execute(bound: .query(scan(photos), settings: [:])).allRows().count, 0)

        _ = try engine.execute(bound: .dropTable(database: "default", name: "photos", ifExists: false))
        XCTAssertNil(engine.catalog.table(database: "default", name: "photos"))
        XCTAssertThrowsError(try engine.execute(bound: .query(scan(photos), settings: [:])))
    }

    func testDatabasesAndVectorIndexes() throws {
        let engine = Engine()
        _ = try engine.execute(bound: .createDatabase(name: "shop", ifNotExists: false))
        _ = try engine.execute(bound: .useDatabase("shop"))
        XCTAssertEqual(engine.catalog.currentDatabase, "shop")
        _ = try engine.execute(bound: .createTable(photos, ifNotExists: false))
        let index = VectorIndexDefinition(
            name: "idx", column: "photo_embed", kind: "MSTG", parameters: ["metric_type": "Cosine"], metric: .cosine)
        _ = try engine.execute(
            bound: .addVectorIndex(database: "default", table: "photos", index: index, ifNotExists: false))
        XCTAssertThrowsError(
            try engine.execute(
                bound: .addVectorIndex(database: "default", table: "photos", index: index, ifNotExists: false)))
        _ = try engine.execute(
            bound: .addVectorIndex(database: "default", table: "photos", index: index, ifNotExists: true))
        XCTAssertEqual(engine.catalog.table(database: "default", name: "photos")?.vectorIndexes, [index])
        _ = try engine.execute(bound: .command(words: ["SYSTEM", "WAIT", "BUILDING", "VECTOR", "INDICES"]))
        _ = try engine.execute(
            bound: .dropVectorIndex(database: "default", table: "photos", name: "idx", ifExists: false))
        XCTAssertThrowsError(
            try engine.execute(
                bound: .dropVectorIndex(database: "default", table: "photos", name: "idx", ifExists: false)))
        XCTAssertEqual(engine.catalog.table(database: "default", name: "photos")?.vectorIndexes, [])
        _ = try engine.execute(bound: .dropDatabase(name: "shop", ifExists: false))
        XCTAssertEqual(engine.catalog.databaseNames(), ["default", "system"])
    }

    func testConcurrentStatementsAreSerialized() throws {
        let engine = Engine()
        _ = try engine.execute(bound: .createTable(photos, ifNotExists: false))
        let insert = BoundStatement.insert(
            table: photos, targetColumns: [0], source: values((0..<100).map { [.uint(UInt64($0))] }, [.uint64]),
            defaults: [:],
            checks: [])
        let failures = ManagedCounter()
        let scanAll = BoundStatement.query(scan(photos), settings: [:])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                _ = try engine.execute(bound: insert)
                let rows = try engine.execute(bound: scanAll).allRows()
                if rows.count % 100 != 0 { failures.increment() }
            } catch {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try engine.execute(bound: .query(scan(photos), settings: [:])).allRows().count, 800)
    }

    func testFailedCheckStoresNothing() throws {
        let engine = Engine()
        var table = photos
        table.constraints = [CheckConstraint(name: "small_id", expression: "id = 1")]
        _ = try engine.execute(bound: .createTable(table, ifNotExists: false))
        let check = BoundCheck(
            name: "small_id", text: "id = 1",
            predicate: BoundExpr(
                .call(
                    FunctionNames.equals, arguments: [.column(0, .uint64), .literal(.uint(1), .uint64)],
                    parameters: []),
                type: .uint8))
        let rows: [[Value]] = [[.uint(1), .vector([1, 2])], [.uint(1), .vector([1, 2])], [.uint(3), .vector([1])]]
        let insert = BoundStatement.insert(
            table: table, targetColumns: [0, 2], source: values(rows, [.uint64, .array(.float32)]), defaults: [:],
            checks: [check])
        XCTAssertThrowsError(try engine.execute(bound: insert)) { error in
            XCTAssertEqual((error as? LoupeError)?.kind, .constraint)
            XCTAssertEqual((error as? LoupeError)?.row, 3)
            XCTAssertEqual((error as? LoupeError)?.message, "Constraint 'small_id' (id = 1) violated at row 3: id is 3")
        }
        XCTAssertEqual(try engine.execute(bound: .query(scan(table), settings: [:])).allRows().count, 0)
    }
}

/// A thread-safe counter for concurrency tests.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
