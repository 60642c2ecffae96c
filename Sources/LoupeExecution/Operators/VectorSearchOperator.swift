// The index search behind `SELECT … FROM t [WHERE …] ORDER BY distance(v, query) LIMIT k` when
// `v` has a vector index of the distance's metric. Per part of the snapshot: the WHERE clause
// (only the columns it reads) becomes a row bitmap, deleted rows cleared; the part's index, when
// built, searches among those rows (a prefix index covers what it covers, and the rest is scanned
// exactly; the index itself scans exactly when few rows qualify); a part without an index is
// scanned exactly. The per-part lists merge into the global k nearest, whose scan columns are
// then fetched by row number and yielded closest first. The projection and top-k above recompute
// the exact distance of these k rows and finish the order.

import LoupeCore
import LoupeIndex
import LoupePlanner
import LoupeStorage

/// The scan columns of the k rows nearest to a query vector, through the table's vector index.
final class VectorSearchOperator: Operator {
    let schema: Schema
    private let snapshot: TableSnapshot
    private let spec: VectorIndexSpec
    private let query: [Float]
    private let k: Int
    private let options: SearchOptions
    private let scanColumns: [Int]
    private let filter: BoundExpr?
    private let evaluator: ExpressionEvaluator
    private var pending: Batch?
    private var done = false

    init(
        snapshot: TableSnapshot, spec: VectorIndexSpec, query: [Float], k: Int, options: SearchOptions,
        scanColumns: [Int], filter: BoundExpr?, schema: Schema, evaluator: ExpressionEvaluator
    ) {
        self.snapshot = snapshot
        self.spec = spec
        self.query = query
        self.k = k
        self.options = options
        self.scanColumns = scanColumns
        self.filter = filter
        self.schema = schema
        self.evaluator = evaluator
    }

    func next() throws -> Batch? {
        if !done {
            done = true
            pending = try search()
        }
        guard let batch = pending, batch.count > 0 else { return nil }
        if batch.count <= Batch.capacity {
            pending = nil
            return batch
        }
        pending = batch.rows(in: Batch.capacity..<batch.count)
        return batch.rows(in: 0..<Batch.capacity)
    }

    /// The winning rows, closest first.
    private func search() throws -> Batch? {
        guard query.count == spec.dimension else {
            throw LoupeError(
                .type, "The query vector has \(query.count) dimensions, column vectors \(spec.dimension)")
        }
        guard k > 0 else { return nil }
        let parts = snapshot.vectorParts
        var winners: [(distance: Float, part: Int, row: Int)] = []
        for (p, part) in parts.enumerated() where part.rowCount > 0 {
            let allowed = try allowedRows(part)
            if let allowed, allowed.cardinality == 0 { continue }
            for found in try nearest(in: part, allowed: allowed) {
                winners.append((found.distance, p, found.row))
            }
        }
        winners.sort { a, b in
            if spec.metric.ranksBefore(a.distance, b.distance) { return true }
            if spec.metric.ranksBefore(b.distance, a.distance) { return false }
            return (a.part, a.row) < (b.part, b.row)
        }
        winners = Array(winners.prefix(k))
        guard !winners.isEmpty else { return nil }
        // Fetch each part's winners, then put all of them back in winner order.
        var pieces: [[Column]] = []
        var position: [Int] = Array(repeating: 0, count: winners.count)
        var fetched = 0
        for p in parts.indices {
            let mine = winners.indices.filter { winners[$0].part == p }
            guard !mine.isEmpty else { continue }
            pieces.append(try parts[p].rows(mine.map { winners[$0].row }, columns: scanColumns))
            for (j, w) in mine.enumerated() { position[w] = fetched + j }
            fetched += mine.count
        }
        let columns = scanColumns.indices.map { c in
            Column.concatenating(pieces.map { $0[c] }, type: schema.fields[c].type).gatheringRows(position)
        }
        return Batch(columns: columns, count: winners.count).relabelled(as: schema)
    }

    /// The rows of `part` the WHERE clause keeps (deleted rows never), or nil for all of them.
    private func allowedRows(_ part: VectorSearchPart) throws -> RowFilter? {
        guard let filter else { return part.liveRows }
        if let constant = filter.constantValue {
            return constant.isNull || constant.int64Value == 0 ? RowFilter(count: part.rowCount, allowed: false) : part.liveRows
        }
        let referenced = filter.referencedColumns.sorted()
        let predicate = filter.remapped(Dictionary(uniqueKeysWithValues: referenced.enumerated().map { ($1, $0) }))
        var allowed = RowFilter(count: part.rowCount, allowed: false)
        try part.scan(columns: referenced.map { scanColumns[$0] }) { batch, rowNumbers in
            for r in try evaluator.selectRows(predicate, on: batch) { allowed.insert(rowNumbers[r]) }
        }
        return allowed
    }

    /// The k nearest allowed rows of `part`: by its index where it has one, exactly elsewhere.
    private func nearest(in part: VectorSearchPart, allowed: RowFilter?) throws -> [Neighbor] {
        let source = part.vectors(column: spec.column, dimension: spec.dimension)
        // No part returns more rows than it has (a huge LIMIT must not size the search).
        let k = min(self.k, allowed?.cardinality ?? part.rowCount)
        return try query.withUnsafeBufferPointer { q in
            guard let index = part.vectorIndex(spec) else {
                return try FlatIndex.search(q, k: k, metric: spec.metric, filter: allowed, source: source)
            }
            let covered = index.count
            guard covered < part.rowCount else {
                return try index.search(q, k: k, options: options, filter: allowed, source: source)
            }
            // The index covers rows 0 ..< covered; the rows after it are scanned exactly.
            var prefix: RowFilter?
            if let allowed {
                var kept = RowFilter(count: covered, allowed: false)
                for row in 0..<covered where allowed.contains(row) { kept.insert(row) }
                prefix = kept
            }
            var rest = RowFilter(count: part.rowCount, allowed: false)
            for row in covered..<part.rowCount where allowed?.contains(row) ?? true { rest.insert(row) }
            var found = try index.search(
                q, k: k, options: options, filter: prefix, source: PrefixVectors(base: source, count: covered))
            found += try FlatIndex.search(q, k: k, metric: spec.metric, filter: rest, source: source)
            return found
        }
    }
}

/// The first `count` vectors of another source: what an index built over a prefix of a
/// table's rows was built over.
struct PrefixVectors: VectorSource {
    let base: VectorSource
    let count: Int

    var dimension: Int { base.dimension }

    func forEachChunk(_ body: (Int, Int, UnsafePointer<Float>) throws -> Void) throws {
        try base.forEachChunk { first, rows, vectors in
            guard first < count else { return }
            try body(first, min(rows, count - first), vectors)
        }
    }

    func withVectors(of rows: UnsafeBufferPointer<Int32>, _ body: (Int, UnsafePointer<Float>) throws -> Void) throws {
        precondition(rows.allSatisfy { Int($0) < count }, "row beyond the prefix")
        try base.withVectors(of: rows, body)
    }
}
