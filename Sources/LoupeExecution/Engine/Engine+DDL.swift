// Statements that change the catalog rather than rows: CREATE / TRUNCATE TABLE, ADD / DROP
// VECTOR INDEX, and the SYSTEM / OPTIMIZE commands, which have nothing to do while no background
// work (merges, index builds) exists.

import LoupeCore
import LoupeStorage
import LoupePlanner

extension Engine {
    func createTable(_ definition: TableDefinition, ifNotExists: Bool) throws {
        let store = MemoryTableStore(types: definition.columns.map(\.type))
        try memoryCatalog.createTable(definition, store: store, ifNotExists: ifNotExists)
    }

    func truncateTable(database: String, name: String, ifExists: Bool) throws {
        if ifExists && memoryCatalog.table(database: database, name: name) == nil { return }
        try memoryCatalog.store(database: database, name: name).truncate()
    }

    func addVectorIndex(_ index: VectorIndexDefinition, database: String, table: String, ifNotExists: Bool) throws {
        try memoryCatalog.updateDefinition(database: database, name: table) { definition in
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
        try memoryCatalog.updateDefinition(database: database, name: table) { definition in
            guard let position = definition.vectorIndexes.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw LoupeError(.unknownName, "Vector index \(name) does not exist in table \(database).\(table)")
            }
            definition.vectorIndexes.remove(at: position)
        }
    }

    /// `SYSTEM WAIT BUILDING VECTOR INDICES` and `OPTIMIZE TABLE ...` succeed at once: no index
    /// builds or merges run in the background yet. Other commands are not supported.
    func runCommand(_ words: [String]) throws {
        let text = words.map { $0.uppercased() }.joined(separator: " ")
        let noOps = ["WAIT BUILDING VECTOR INDICES", "WAIT BUILDING VECTOR INDEXES", "WAIT BUILDING VECTOR INDEX"]
        if text.hasPrefix("OPTIMIZE") || noOps.contains(where: { text.contains($0) }) { return }
        throw LoupeError(.unsupported, "Command \(words.joined(separator: " ")) is not supported")
    }
}
