// Statements that change the catalog rather than rows: CREATE / TRUNCATE TABLE, ADD / DROP
// VECTOR INDEX, and the OPTIMIZE / SYSTEM commands that drive the stores' background work.

import LoupeCore
import LoupeStorage
import LoupePlanner

extension Engine {
    func createTable(_ definition: TableDefinition, ifNotExists: Bool) throws {
        try liveCatalog.createTable(definition, ifNotExists: ifNotExists)
    }

    func truncateTable(database: String, name: String, ifExists: Bool) throws {
        if ifExists && liveCatalog.table(database: database, name: name) == nil { return }
        try liveCatalog.store(database: database, name: name).truncate()
    }

    func addVectorIndex(_ index: VectorIndexDefinition, database: String, table: String, ifNotExists: Bool) throws {
        try liveCatalog.updateDefinition(database: database, name: table) { definition in
            if definition.vectorIndexes.contains(where: { $0.name == index.name }) {
                if ifNotExists { return }
                throw LoupeError(
                    .alreadyExists, "Vector index \(index.name) already exists in table \(database).\(table)")
            }
            if let other = definition.vectorIndex(on: index.column) {
                throw LoupeError(
                    .alreadyExists,
                    "Column \(index.column) of \(database).\(table) already has vector index \(other.name)")
            }
            guard definition.columnIndex(index.column) != nil else {
                throw LoupeError(.unknownName, "Column \(index.column) does not exist in table \(database).\(table)")
            }
            definition.vectorIndexes.append(index)
        }
    }

    func dropVectorIndex(_ name: String, database: String, table: String, ifExists: Bool) throws {
        try liveCatalog.updateDefinition(database: database, name: table) { definition in
            guard let position = definition.vectorIndexes.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw LoupeError(.unknownName, "Vector index \(name) does not exist in table \(database).\(table)")
            }
            definition.vectorIndexes.remove(at: position)
        }
    }

    /// `OPTIMIZE TABLE t [FINAL]` merges the table's parts now; `SYSTEM WAIT BUILDING VECTOR
    /// INDICES` and `SYSTEM WAIT MERGES` wait for background work. Other commands are unsupported.
    func runCommand(_ words: [String]) throws {
        let upper = words.map { $0.uppercased() }
        if upper.first == "OPTIMIZE" {
            return try optimize(upper.count > 1 && upper[1] == "TABLE" ? Array(words.dropFirst(2)) : [])
        }
        let text = (upper.first == "SYSTEM" ? Array(upper.dropFirst()) : upper).joined(separator: " ")
        let waits = ["WAIT BUILDING VECTOR INDICES", "WAIT BUILDING VECTOR INDEXES", "WAIT BUILDING VECTOR INDEX", "WAIT MERGES"]
        if waits.contains(where: { text.hasPrefix($0) }) {
            for store in liveCatalog.allStores() { store.waitForBackgroundWork() }
            return
        }
        throw LoupeError(.unsupported, "Command \(words.joined(separator: " ")) is not supported")
    }

    /// `OPTIMIZE TABLE [db.]name [FINAL] [DEDUPLICATE]`, given the words after TABLE.
    private func optimize(_ words: [String]) throws {
        guard let target = words.first else {
            throw LoupeError(.syntax, "expected a table name after OPTIMIZE TABLE")
        }
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        let database = parts.count == 2 ? parts[0] : liveCatalog.currentDatabase
        let name = parts.count == 2 ? parts[1] : parts[0]
        let final = words.dropFirst().contains { $0.uppercased() == "FINAL" }
        try liveCatalog.store(database: database, name: name).optimize(final: final)
    }
}
