// Hash join for INNER / LEFT / RIGHT / FULL / CROSS with ClickHouse semantics. One side (the
// build side, chosen by the planner, usually the smaller) is materialised and its key values
// mapped to dense ids by a `KeyIndex`; rows sharing a key are chained in input order. The other
// side streams: each probe row walks its chain, candidate pairs are checked against the residual
// predicate a batch at a time, and the surviving pairs are gathered into output batches of at
// most `Batch.capacity` rows. NULL keys never match; duplicate keys multiply. Unmatched rows of a
// preserved side are padded with the other side's type defaults, or NULLs where the output type is
// Nullable (`join_use_nulls`). Output columns are always the left input's, then the right's.

import LoupeCore
import LoupePlanner

/// Equi-join with an optional residual predicate.
final class HashJoinOperator: Operator {
    let schema: Schema
    private let probe: Operator
    private let buildInput: Operator
    private let buildIsLeft: Bool
    private let probeKeys: [BoundExpr]
    private let buildKeys: [BoundExpr]
    private let residual: BoundExpr?
    private let preserveProbe: Bool
    private let preserveBuild: Bool
    private let evaluator: ExpressionEvaluator
    private let leftWidth: Int

    private var table: JoinHashTable?
    private var buildMatched: [Bool] = []
    private var state = ProbeState()
    private var finishedProbe = false
    private var unmatchedBuild: [Int]?
    private var unmatchedBuildPosition = 0

    /// Probe progress through the current probe batch.
    private struct ProbeState {
        var batch: Batch?
        var ids: [Int32] = []
        var matched: [Bool] = []
        var row = 0
        /// The next build row of the current probe row's chain, or -1 before the chain starts.
        var chain = -1
        var emittedUnmatched = false
    }

    init(
        left: Operator, right: Operator, kind: JoinKind, leftKeys: [BoundExpr], rightKeys: [BoundExpr],
        residual: BoundExpr?, schema: Schema, buildLeft: Bool, evaluator: ExpressionEvaluator
    ) {
        self.schema = schema
        self.buildIsLeft = buildLeft
        self.probe = buildLeft ? right : left
        self.buildInput = buildLeft ? left : right
        self.probeKeys = buildLeft ? rightKeys : leftKeys
        self.buildKeys = buildLeft ? leftKeys : rightKeys
        self.residual = residual
        let preserveLeft = kind == .left || kind == .full
        let preserveRight = kind == .right || kind == .full
        self.preserveProbe = buildLeft ? preserveRight : preserveLeft
        self.preserveBuild = buildLeft ? preserveLeft : preserveRight
        self.evaluator = evaluator
        self.leftWidth = left.schema.count
    }

    func next() throws -> Batch? {
        if table == nil {
            table = try JoinHashTable(
                input: buildInput, keys: buildKeys, probeKeyTypes: probeKeys.map(\.type), evaluator: evaluator)
            buildMatched = [Bool](repeating: false, count: preserveBuild ? table!.rows.count : 0)
        }
        while !finishedProbe {
            if let out = try nextProbeOutput() { return out }
        }
        return emitUnmatchedBuild()
    }

    /// The next output batch from probing, or nil when this step produced none (call again until
    /// `finishedProbe`).
    private func nextProbeOutput() throws -> Batch? {
        let table = self.table!
        if state.batch == nil {
            guard let batch = try probe.next() else {
                finishedProbe = true
                return nil
            }
            let keyColumns = try table.probeKeyColumns(probeKeys, of: batch, evaluator: evaluator)
            state = ProbeState(
                batch: batch, ids: table.keys.map { $0.lookup(keyColumns, count: batch.count) } ?? [],
                matched: [Bool](repeating: false, count: preserveProbe ? batch.count : 0))
        }
        let batch = state.batch!
        var probeRows: [Int] = []
        var buildRows: [Int] = []
        probeRows.reserveCapacity(Batch.capacity)
        buildRows.reserveCapacity(Batch.capacity)
        // The walk runs on locals: per-row access to the operator's stored state would pay a
        // dynamic exclusivity check each time.
        var row = state.row
        var chain = state.chain
        let ids = state.ids
        let keyed = table.keys != nil
        while probeRows.count < Batch.capacity && row < batch.count {
            if chain < 0 {
                chain = table.firstMatch(id: keyed ? ids[row] : 0)
                if chain < 0 {
                    row += 1
                    continue
                }
            }
            probeRows.append(row)
            buildRows.append(chain)
            chain = table.nextMatch(after: chain)
            if chain < 0 { row += 1 }
        }
        state.row = row
        state.chain = chain
        if !probeRows.isEmpty, let out = try emitPairs(probeRows, buildRows, batch) { return out }
        if state.row < batch.count { return nil }
        if preserveProbe && !state.emittedUnmatched {
            state.emittedUnmatched = true
            let unmatched = (0..<batch.count).filter { !state.matched[$0] }
            if !unmatched.isEmpty {
                return assemble(
                    probeBatch: batch, probeRows: unmatched, buildRows: [Int](repeating: -1, count: unmatched.count))
            }
        }
        state = ProbeState()
        return nil
    }

    /// Checks candidate pairs against the residual, records matches, and returns their rows.
    private func emitPairs(_ probeRows: [Int], _ buildRows: [Int], _ batch: Batch) throws -> Batch? {
        var probeRows = probeRows
        var buildRows = buildRows
        if let residual {
            let candidates = assemble(probeBatch: batch, probeRows: probeRows, buildRows: buildRows, relabel: false)
            let passing = try evaluator.selectRows(residual, on: candidates)
            if passing.isEmpty { return nil }
            if passing.count < probeRows.count {
                probeRows = passing.map { probeRows[$0] }
                buildRows = passing.map { buildRows[$0] }
            }
        }
        if preserveProbe {
            var matched: [Bool] = []
            swap(&matched, &state.matched)
            for r in probeRows { matched[r] = true }
            swap(&matched, &state.matched)
        }
        if preserveBuild {
            var matched: [Bool] = []
            swap(&matched, &buildMatched)
            for r in buildRows { matched[r] = true }
            swap(&matched, &buildMatched)
        }
        return assemble(probeBatch: batch, probeRows: probeRows, buildRows: buildRows)
    }

    /// Unmatched build rows, padded on the probe side, a batch at a time.
    private func emitUnmatchedBuild() -> Batch? {
        guard preserveBuild else { return nil }
        if unmatchedBuild == nil { unmatchedBuild = buildMatched.indices.filter { !buildMatched[$0] } }
        let rows = unmatchedBuild!
        guard unmatchedBuildPosition < rows.count else { return nil }
        let end = min(unmatchedBuildPosition + Batch.capacity, rows.count)
        defer { unmatchedBuildPosition = end }
        let picked = Array(rows[unmatchedBuildPosition..<end])
        return assemble(probeBatch: nil, probeRows: [Int](repeating: -1, count: picked.count), buildRows: picked)
    }

    /// Output rows from probe and build positions (-1: the padded side). With `relabel`, columns
    /// take the output schema's types (so padding is NULL where that type is Nullable); without,
    /// they keep the input types (for evaluating the residual).
    private func assemble(probeBatch: Batch?, probeRows: [Int], buildRows: [Int], relabel: Bool = true) -> Batch {
        func pick(_ column: Column, _ rows: [Int], padded: Bool) -> Column {
            padded ? column.gather(rows) : column.gatheringRows(rows)
        }
        let probePadded = probeBatch == nil
        let buildPadded = buildRows.first.map { $0 < 0 } ?? false
        let probeSchema = probe.schema
        let probeOffset = buildIsLeft ? leftWidth : 0
        let buildOffset = buildIsLeft ? 0 : leftWidth
        let probeColumns = probeSchema.fields.indices.map { c -> Column in
            let source = probeBatch?.columns[c] ?? Column.empty(probeSchema.fields[c].type)
            return pick(
                relabel ? source.relabelled(as: schema.fields[probeOffset + c].type) : source, probeRows,
                padded: probePadded)
        }
        let buildColumns = table!.rows.columns.indices.map { c -> Column in
            let source = table!.rows.columns[c]
            return pick(
                relabel ? source.relabelled(as: schema.fields[buildOffset + c].type) : source, buildRows,
                padded: buildPadded)
        }
        return Batch(
            columns: buildIsLeft ? buildColumns + probeColumns : probeColumns + buildColumns, count: probeRows.count)
    }
}
