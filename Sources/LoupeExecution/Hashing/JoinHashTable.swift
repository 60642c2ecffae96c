// The build side of a hash join: every build row materialised, their key values mapped to dense
// ids, and rows of the same key chained in input order (`head[id]` → `next[row]` → ...). A join
// without equality keys (CROSS, or a residual-only ON) chains all rows under one key.

import LoupeCore
import LoupePlanner

/// Materialised build rows with key chains.
final class JoinHashTable {
    /// Every build row, in input order.
    let rows: Batch
    /// The key index, or nil when the join has no equality keys.
    let keys: KeyIndex?
    /// Per key, how both sides' key columns are converted before hashing (nil: as they are).
    private let keyTypes: [DataType?]
    private let head: [Int]
    private let nextRow: [Int]

    init(input: Operator, keys exprs: [BoundExpr], probeKeyTypes: [DataType], evaluator: ExpressionEvaluator) throws {
        let types = zip(exprs.map(\.type), probeKeyTypes).map { Self.commonKeyType($0, $1) }
        keyTypes = types
        var batches: [Batch] = []
        var keyParts: [[Column]] = []
        while let batch = try input.next() {
            batches.append(batch)
            if !exprs.isEmpty { keyParts.append(try Self.keyColumns(exprs, types, of: batch, evaluator: evaluator)) }
        }
        let schema = input.schema
        let columns = schema.fields.indices.map { c in
            Column.concatenating(batches.map { $0.columns[c] }, type: schema.fields[c].type)
        }
        rows = Batch(columns: columns, count: batches.reduce(0) { $0 + $1.count })
        if exprs.isEmpty {
            let count = rows.count
            keys = nil
            head = [count > 0 ? 0 : -1]
            nextRow = (0..<count).map { $0 + 1 < count ? $0 + 1 : -1 }
            return
        }
        let keyColumns = exprs.indices.map { k in
            Column.concatenating(keyParts.map { $0[k] }, type: keyParts.first?[k].type ?? types[k] ?? exprs[k].type)
        }
        let index = KeyIndex(types: keyColumns.map(\.type), nullMode: .skip)
        var firstRows: [Int] = []
        let ids = index.insert(keyColumns, count: rows.count, newRows: &firstRows)
        keys = index
        var head = [Int](repeating: -1, count: index.count)
        var nextRow = [Int](repeating: -1, count: rows.count)
        for row in stride(from: rows.count - 1, through: 0, by: -1) where ids[row] >= 0 {
            let id = Int(ids[row])
            nextRow[row] = head[id]
            head[id] = row
        }
        self.head = head
        self.nextRow = nextRow
    }

    /// The first build row with key `id` (-1: none).
    @inline(__always)
    func firstMatch(id: Int32) -> Int {
        id >= 0 && Int(id) < head.count ? head[Int(id)] : -1
    }

    /// The build row after `row` with the same key (-1: none).
    @inline(__always)
    func nextMatch(after row: Int) -> Int { nextRow[row] }

    /// A probe batch's key columns, converted like the build side's.
    func probeKeyColumns(_ exprs: [BoundExpr], of batch: Batch, evaluator: ExpressionEvaluator) throws -> [Column] {
        try Self.keyColumns(exprs, keyTypes, of: batch, evaluator: evaluator)
    }

    private static func keyColumns(
        _ exprs: [BoundExpr], _ types: [DataType?], of batch: Batch, evaluator: ExpressionEvaluator
    ) throws -> [Column] {
        try zip(exprs, types).map { expr, type in
            var column: Column
            if case .column(let i) = expr.kind {
                column = batch.columns[i]
            } else {
                column = try evaluator.evaluate(expr, on: batch)
            }
            if let type { column = try Cast.convert(column, to: column.type.isNullable ? type.asNullable : type) }
            return column
        }
    }

    /// The type both sides of a key are converted to when their layouts would hash differently
    /// (an integer against a float): Float64. Nil when they already agree.
    private static func commonKeyType(_ a: DataType, _ b: DataType) -> DataType? {
        let ka = a.physicalKind
        let kb = b.physicalKind
        if ka == kb { return nil }
        let fixed: Set<PhysicalKind> = [.int64, .uint64, .float32, .float64]
        guard fixed.contains(ka), fixed.contains(kb) else { return nil }
        let floats: Set<PhysicalKind> = [.float32, .float64]
        return floats.contains(ka) || floats.contains(kb) ? .float64 : nil
    }
}
