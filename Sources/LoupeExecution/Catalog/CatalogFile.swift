// The catalog's bytes as the storage backend keeps them: JSON naming every database and, per
// table, its store id and its `CREATE TABLE` statement (as `SHOW CREATE TABLE` prints it). Reading
// parses and binds those statements again, so the stored form is plain SQL a person can read and
// the binder stays the single judge of what a valid table is.

import Foundation
import LoupeCore
import LoupePlanner
import LoupeSQL
import LoupeStorage

/// Encodes and decodes `Catalog.State`.
enum CatalogFile {
    /// The layout version written in every catalog.
    static let format = 1

    private struct Document: Codable {
        var format: Int
        var nextTableNumber: Int
        var databases: [DatabaseRecord]
    }

    private struct DatabaseRecord: Codable {
        var name: String
        var tables: [TableRecord]
    }

    private struct TableRecord: Codable {
        var id: String
        var create: String
    }

    /// The bytes of `state`.
    static func encode(_ state: Catalog.State) throws -> [UInt8] {
        let databases = state.databases.keys.sorted().map { db in
            DatabaseRecord(
                name: db,
                tables: state.databases[db]!.keys.sorted().map { name in
                    let entry = state.databases[db]![name]!
                    return TableRecord(id: entry.id, create: TableDefinitionPrinter.createStatement(entry.definition))
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(format: format, nextTableNumber: state.nextTableNumber, databases: databases)
        return Array(try encoder.encode(document))
    }

    /// The state `bytes` describe, with every table's store opened through `backend`.
    static func decode(_ bytes: [UInt8], backend: StorageBackend) throws -> Catalog.State {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            throw LoupeError(.corrupt, "The catalog cannot be read: \(error)", file: "catalog")
        }
        guard document.format == format else {
            throw LoupeError(
                .corrupt, "The catalog has layout version \(document.format); this build reads version \(format)",
                file: "catalog")
        }
        var state = Catalog.State(databases: [:], nextTableNumber: document.nextTableNumber)
        let reader = DatabaseNames(names: document.databases.map(\.name))
        for database in document.databases {
            var tables: [String: Catalog.Entry] = [:]
            for table in database.tables {
                let definition = try definition(of: table, reader: reader)
                let store = try backend.openTable(
                    id: table.id, types: definition.columns.map(\.type), sortKeyColumn: definition.sortKeyColumn)
                tables[definition.name] = Catalog.Entry(definition: definition, id: table.id, store: store)
            }
            state.databases[database.name] = tables
        }
        return state
    }

    /// The definition a stored `CREATE TABLE` statement binds to.
    private static func definition(of table: TableRecord, reader: CatalogReader) throws -> TableDefinition {
        do {
            let statement = try Parser.parseStatement(table.create)
            guard case .createTable(let definition, _) = try Binder(catalog: reader).bind(statement) else {
                throw LoupeError(.corrupt, "not a CREATE TABLE statement")
            }
            return definition
        } catch let error as LoupeError {
            throw LoupeError(
                .corrupt, "The catalog's definition of table \(table.id) is invalid: \(error.message)", file: "catalog")
        }
    }
}

/// A catalog of empty databases, to bind stored table definitions against.
private struct DatabaseNames: CatalogReader {
    let names: [String]

    var currentDatabase: String { Catalog.defaultDatabase }

    func databaseNames() -> [String] { names + [Catalog.systemDatabase] }

    func table(database: String, name: String) -> TableDefinition? { nil }

    func tableNames(in database: String) -> [String] { [] }
}
