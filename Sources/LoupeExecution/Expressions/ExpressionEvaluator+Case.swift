// CASE, `if` and `multiIf`: each branch's result is evaluated only on the rows that reach it (so
// `if(b = 0, 0, intDiv(a, b))` never divides by zero), then the pieces are stitched back into row
// order. A two-way choice between cheap numeric values that cannot fail skips the gathering: both
// are computed for all rows and blended. A condition that is NULL counts as false, as in ClickHouse.

import LoupeCore
import LoupePlanner

extension ExpressionEvaluator {
    /// `CASE WHEN c1 THEN r1 ... ELSE e END` over a batch.
    func caseWhen(_ branches: [CaseBranch], _ otherwise: BoundExpr?, type: DataType, on batch: Batch) throws -> Column {
        if let blended = try blend(branches, otherwise, type: type, on: batch) { return blended }
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

    /// A single-condition CASE (or `if`) whose two numeric values are cheap and cannot fail: both
    /// are computed for every row and blended by the condition, with no gathering of rows.
    private func blend(_ branches: [CaseBranch], _ otherwise: BoundExpr?, type: DataType, on batch: Batch) throws
        -> Column?
    {
        guard branches.count == 1, let otherwise, Self.isCheap(branches[0].result), Self.isCheap(otherwise) else {
            return nil
        }
        let kind = type.physicalKind
        guard kind == .int64 || kind == .uint64 || kind == .float64 || kind == .float32,
            case .column(let condition) = try operand(branches[0].condition, on: batch)
        else { return nil }
        let n = batch.count
        let truth = LogicalFunctions.truth(.column(condition), count: n)
        let take = condition.nulls.map { nulls in (0..<n).map { truth[$0] && !nulls[$0] } } ?? truth
        let a = try cast(try operand(branches[0].result, on: batch), to: type, range: branches[0].result.range)
        let b = try cast(try operand(otherwise, on: batch), to: type, range: otherwise.range)
        let data: ColumnData
        switch kind {
        case .int64: data = .int64(Self.choose(take, a.int64Lane(), b.int64Lane()))
        case .uint64: data = .uint64(Self.choose(take, a.uint64Lane(), b.uint64Lane()))
        case .float32: data = .float32(Self.choose(take, a.floatLane(), b.floatLane()))
        default: data = .float64(Self.choose(take, a.doubleLane(), b.doubleLane()))
        }
        var flags: [Bool]? = nil
        if type.isNullable {
            let (an, bn) = (a.nulls(count: n), b.nulls(count: n))
            if an != nil || bn != nil {
                flags = NullMask.compact((0..<n).map { take[$0] ? (an?[$0] ?? false) : (bn?[$0] ?? false) })
            }
        }
        return Column(type: type, data: data, nulls: flags)
    }

    /// Row by row, `a` where `take` holds and `b` elsewhere.
    @inline(__always)
    private static func choose<T>(_ take: [Bool], _ a: Lane<T>, _ b: Lane<T>) -> [T] {
        (0..<take.count).map { take[$0] ? a.at($0) : b.at($0) }
    }

    /// Functions that are cheap and never fail, so evaluating them on rows a branch does not
    /// select is harmless.
    private static let cheapFunctions: Set<String> = [
        "plus", "minus", "multiply", "divide", "negate", "abs", "equals", "notEquals", "less", "lessOrEquals",
        "greater", "greaterOrEquals", "and", "or", "not", "isNull", "isNotNull", "greatest", "least", "round",
        "floor", "ceil", "sqrt", "coalesce", "ifNull",
    ]

    /// True when `expr` only reads columns and constants through cheap, infallible functions.
    static func isCheap(_ expr: BoundExpr) -> Bool {
        switch expr.kind {
        case .column, .literal, .parameter: return true
        case .call(let name, let arguments, _): return cheapFunctions.contains(name) && arguments.allSatisfy(isCheap)
        default: return false
        }
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
