// Validating MyScale vector indexes (`VECTOR INDEX` in CREATE TABLE, `ALTER TABLE ADD VECTOR
// INDEX`, `CREATE VECTOR INDEX`): the type must be one MyScale names (upper-cased), parameters are
// `'key=value'` strings (or `key = 'value'`) with known keys and valid values, `metric_type` is
// Cosine, L2 or IP (default L2, as MyScale), and the column must be Array(Float32) with a
// `CHECK length(column) = N` constraint fixing its dimension.

import Foundation
import LoupeCore
import LoupeSQL

extension Binder {
    /// Index types and the parameters each accepts besides `metric_type`.
    static let vectorIndexTypes: [String: Set<String>] = [
        "MSTG": ["disk_mode", "m", "ef_c"],
        "FLAT": [],
        "HNSWFLAT": ["m", "ef_c"],
        "HNSWSQ": ["m", "ef_c", "bit_size"],
        "HNSWPQ": ["m", "ef_c", "bit_size"],
        "IVFFLAT": ["ncentroids"],
        "IVFSQ": ["ncentroids", "bit_size"],
        "IVFPQ": ["ncentroids", "m", "bit_size"],
        "SCANN": [],
    ]

    /// The values each numeric build parameter accepts.
    static let parameterRanges: [String: ClosedRange<Int>] = [
        "m": 4...128, "ef_c": 8...4096, "disk_mode": 0...1, "bit_size": 4...8, "ncentroids": 1...1_000_000,
    ]

    func bindAddVectorIndex(_ index: LoupeSQL.VectorIndexDefinition, to table: TableDefinition, ifNotExists: Bool)
        throws
        -> BoundStatement
    {
        let definition = try vectorIndexDefinition(index, on: table)
        if table.vectorIndexes.contains(where: { $0.name == definition.name }) && !ifNotExists {
            throw LoupeError(
                .alreadyExists, "Vector index '\(definition.name)' already exists on \(table.database).\(table.name)",
                at: index.name.range)
        }
        if let other = table.vectorIndex(on: definition.column), other.name != definition.name {
            throw LoupeError(
                .alreadyExists,
                "Column '\(definition.column)' already has vector index '\(other.name)'; drop it first",
                at: index.column.range)
        }
        return .addVectorIndex(database: table.database, table: table.name, index: definition, ifNotExists: ifNotExists)
    }

    func bindDropVectorIndex(_ name: Identifier, on table: TableDefinition, ifExists: Bool) throws -> BoundStatement {
        if !ifExists && !table.vectorIndexes.contains(where: { $0.name == name.name }) {
            throw LoupeError(
                .unknownName, "Vector index '\(name.name)' does not exist on \(table.database).\(table.name)",
                at: name.range)
        }
        return .dropVectorIndex(database: table.database, table: table.name, name: name.name, ifExists: ifExists)
    }

    /// The validated catalog form of an index definition.
    func vectorIndexDefinition(_ index: LoupeSQL.VectorIndexDefinition, on table: TableDefinition) throws
        -> VectorIndexDefinition
    {
        let kind = index.type.name.name.uppercased()
        guard let allowed = Self.vectorIndexTypes[kind] else {
            let known = Self.vectorIndexTypes.keys.sorted().joined(separator: ", ")
            throw LoupeError(
                .unknownName, "Unknown vector index type \(index.type.name.name); expected one of \(known)",
                at: index.type.name.range)
        }
        var parameters: [String: String] = [:]
        for argument in index.type.arguments ?? [] {
            let (key, value) = try indexParameter(argument)
            guard key == "metric_type" || allowed.contains(key) else {
                let expected = (["metric_type"] + allowed.sorted()).joined(separator: ", ")
                throw LoupeError(
                    .unknownName,
                    "Unknown parameter '\(key)' for vector index type \(kind); expected one of \(expected)",
                    at: argument.range)
            }
            if key != "metric_type", let range = Self.parameterRanges[key] {
                guard let n = Int(value), range.contains(n) else {
                    throw LoupeError(
                        .type,
                        "Invalid value '\(value)' for vector index parameter '\(key)': expected an integer in "
                            + "\(range.lowerBound)...\(range.upperBound)", at: argument.range)
                }
            }
            parameters[key] = value
        }
        var metric = Metric.l2
        if let text = parameters["metric_type"] {
            guard let m = Metric(parsing: text) else {
                throw LoupeError(
                    .type, "Invalid metric_type '\(text)'; expected Cosine, L2 or IP", at: index.type.range)
            }
            metric = m
            parameters["metric_type"] = m.rawValue
        }
        guard let column = table.columns.first(where: { $0.name == index.column.name }) else {
            throw LoupeError(
                .unknownName, "There is no column '\(index.column.name)' in table \(table.database).\(table.name)",
                at: index.column.range)
        }
        guard column.type == .array(.float32) else {
            throw LoupeError(
                .type, "Vector index column '\(column.name)' must be Array(Float32), not \(column.type)",
                at: index.column.range)
        }
        guard Self.dimension(of: column.name, in: table) != nil else {
            throw LoupeError(
                .constraint,
                "Vector index column '\(column.name)' needs a constraint CHECK length(\(column.name)) = N fixing its dimension",
                at: index.column.range)
        }
        return VectorIndexDefinition(
            name: index.name.name, column: column.name, kind: kind, parameters: parameters, metric: metric)
    }

    /// The N of a `CHECK length(column) = N` constraint (either side order), if any.
    public static func dimension(of column: String, in table: TableDefinition) -> Int? {
        let target = "length(\(column))"
        for c in table.constraints {
            let sides = c.expression.filter { !$0.isWhitespace && $0 != "`" && $0 != "\"" }.split(separator: "=")
            guard sides.count == 2 else { continue }
            if sides[0] == target, let n = Int(sides[1]), n > 0 { return n }
            if sides[1] == target, let n = Int(sides[0]), n > 0 { return n }
        }
        return nil
    }

    /// `'key=value'` or `key = 'value'` as (lower-cased key, value).
    private func indexParameter(_ argument: Expr) throws -> (String, String) {
        switch argument.kind {
        case .literal(.string(let text)):
            if let (key, value) = VectorSearchParameters.parse(text) {
                return (key, value.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
            }
        case .binary(.equal, let lhs, let rhs):
            if case .identifier(let parts) = lhs.kind, parts.count == 1 {
                switch rhs.kind {
                case .literal(.string(let v)): return (parts[0].name.lowercased(), v)
                case .literal(.int(let v)): return (parts[0].name.lowercased(), String(v))
                case .identifier(let p) where p.count == 1: return (parts[0].name.lowercased(), p[0].name)
                default: break
                }
            }
        default: break
        }
        throw LoupeError(.syntax, "Vector index parameters are written 'key=value'", at: argument.range)
    }
}
