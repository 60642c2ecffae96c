// CASE, `if` and `multiIf`: each branch's result is evaluated only on the rows that reach it (so
// `if(b = 0, 0, intDiv(a, b))` never divides by zero), then the pieces are stitched back into row
// order. A condition that is NULL counts as false, as in ClickHouse.

import LoupeCore
import LoupePlanner

extension ExpressionEvaluator {
    /// `CASE WHEN c1 THEN r1 ... ELSE e END` over a batch.
    func caseWhen(_ branches: [CaseBranch], _ otherwise: BoundExpr?, type: DataType, on batch: Batch) throws -> Column {
        let n = batch.count
        var remaining = Array(0..<n)
        var pieces: [(rows: [Int], column: Column)] = []
        for branch in branches where !remaining.isEmpty {
            let condBatch = remaining.count == n ? batch : subset(batch, remaining, for: [branch.condition])
            let taken: [Int]
            switch try operand(branch.condition, on: condBatch) {
            case .constant(let v, _):
                taken = Self.isTrue(v) ? remaining : []
            case .column(let c):
                let positions = Self.truePositions(c)
                taken = positions.count == remaining.count ? remaining : positions.map { remaining[$0] }
            }
            if taken.isEmpty { continue }
            pieces.append((taken, try branchValue(branch.result, rows: taken, type: type, on: batch)))
            if taken.count == remaining.count {
                remaining = []
            } else {
                var isTaken = [Bool](repeating: false, count: n)
                for r in taken { isTaken[r] = true }
                remaining = remaining.filter { !isTaken[$0] }
            }
        }
        if !remaining.isEmpty {
            if let otherwise {
                pieces.append((remaining, try branchValue(otherwise, rows: remaining, type: type, on: batch)))
            } else {
                let null: Value = type.isNullable ? .null : type.defaultValue
                pieces.append((remaining, Column(type: type, repeating: null, count: remaining.count)))
            }
        }
        return Self.stitch(pieces, count: n, type: type)
    }

    /// `if(c, a, b)` and `multiIf(c1, a1, ..., else)` as CASE.
    func conditionalCall(_ arguments: [BoundExpr], type: DataType, range: SourceRange?, on batch: Batch) throws
        -> Column
    {
        guard arguments.count >= 3, arguments.count % 2 == 1 else {
            throw LoupeError(.type, "conditional function expects condition/value pairs and an else value", at: range)
        }
        var branches: [CaseBranch] = []
        var i = 0
        while i + 1 < arguments.count {
            branches.append(CaseBranch(condition: arguments[i], result: arguments[i + 1]))
            i += 2
        }
        return try caseWhen(branches, arguments[arguments.count - 1], type: type, on: batch)
    }

    /// True for a non-NULL, non-zero constant.
    static func isTrue(_ v: Value) -> Bool {
        if v.isNull { return false }
        return (v.doubleValue ?? 0) != 0
    }

    /// `expr` evaluated on the rows `rows` of `batch` and converted to `type`.
    private func branchValue(_ expr: BoundExpr, rows: [Int], type: DataType, on batch: Batch) throws -> Column {
        let sub = rows.count == batch.count ? batch : subset(batch, rows, for: [expr])
        let value = try operand(expr, on: sub)
        let converted = value.type == type ? value : try cast(value, to: type, range: expr.range)
        return converted.materialize(count: rows.count)
    }

    /// One column from pieces that each cover some rows (together, each row once).
    static func stitch(_ pieces: [(rows: [Int], column: Column)], count: Int, type: DataType) -> Column {
        if pieces.count == 1 && pieces[0].rows.count == count { return pieces[0].column }
        var position = [Int](repeating: 0, count: count)
        var base = 0
        for piece in pieces {
            for (k, r) in piece.rows.enumerated() { position[r] = base + k }
            base += piece.rows.count
        }
        return Column.concatenate(pieces.map(\.column), type: type).gather(position)
    }
}
