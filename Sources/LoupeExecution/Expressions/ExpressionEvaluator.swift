// Evaluates bound expressions over a batch, a column at a time. Each node yields an `Operand`
// (a column, or a constant kept unmaterialized); function calls dispatch through
// `FunctionTable`, with NULL propagation handled here for the functions that use the default.
// Calls whose arguments are all constants are computed once, not once per row.

import LoupeCore
import LoupePlanner

/// Computes `BoundExpr`s over batches.
public struct ExpressionEvaluator {
    public let context: EvaluationContext

    public init(context: EvaluationContext) {
        self.context = context
    }

    /// The expression's value for every row of `batch`: a column of `batch.count` rows of type
    /// `expr.type`.
    public func evaluate(_ expr: BoundExpr, on batch: Batch) throws -> Column {
        try operand(expr, on: batch).materialize(count: batch.count)
    }

    /// The positions of the rows of `batch` for which `predicate` is true (NULL counts as false).
    public func selectRows(_ predicate: BoundExpr, on batch: Batch) throws -> [Int] {
        try select(predicate, on: batch, within: nil)
    }

    /// The positions (among `within`, ascending, or all rows) where `predicate` is true. The
    /// conjuncts of an AND narrow the candidates one after another, so later conjuncts only look
    /// at rows that passed the earlier ones.
    private func select(_ predicate: BoundExpr, on batch: Batch, within: [Int]?) throws -> [Int] {
        if case .call(FunctionNames.and, let args, _) = predicate.kind, !args.isEmpty {
            var rows = within
            for arg in args {
                let narrowed = try select(arg, on: batch, within: rows)
                if narrowed.isEmpty { return [] }
                rows = narrowed
            }
            return rows ?? []
        }
        if let fast = try ComparisonFunctions.selectFast(predicate, on: batch, within: within) { return fast }
        let candidates = within ?? []
        let narrowing = within != nil && candidates.count < batch.count
        let input = narrowing ? subset(batch, candidates, for: [predicate]) : batch
        let passing: [Int]
        switch try operand(predicate, on: input) {
        case .constant(let v, _):
            passing = Self.isTrue(v) ? Array(0..<input.count) : []
        case .column(let c):
            passing = Self.truePositions(c)
        }
        return narrowing ? passing.map { candidates[$0] } : passing
    }

    /// Rows of a condition column that are non-NULL and non-zero.
    static func truePositions(_ c: Column) -> [Int] {
        var out = [Int]()
        out.reserveCapacity(c.count)
        switch c.data {
        case .int64(let a):
            a.withUnsafeBufferPointer { p in
                if let nulls = c.nulls {
                    for i in 0..<p.count where p[i] != 0 && !nulls[i] { out.append(i) }
                } else {
                    for i in 0..<p.count where p[i] != 0 { out.append(i) }
                }
            }
        default:
            let d = c.doubleValues()
            for i in 0..<d.count where d[i] != 0 && !c.isNull(i) { out.append(i) }
        }
        return out
    }

    /// The expression's value as a column or a constant. An error is located at the innermost
    /// expression that has a source range, so a failing cast or call deep inside a query points
    /// at itself.
    func operand(_ expr: BoundExpr, on batch: Batch) throws -> Operand {
        do {
            return try unlocatedOperand(expr, on: batch)
        } catch let error as LoupeError {
            throw error.located(at: expr.range)
        }
    }

    private func unlocatedOperand(_ expr: BoundExpr, on batch: Batch) throws -> Operand {
        switch expr.kind {
        case .column(let index):
            precondition(index < batch.columns.count, "column \(index) outside a batch of \(batch.columns.count)")
            return .column(batch.columns[index])
        case .literal(let v):
            return .constant(v, expr.type)
        case .parameter(let index):
            guard index < context.parameters.count else {
                throw LoupeError(.parameter, "no value bound for parameter \(index + 1)", at: expr.range)
            }
            return .constant(context.parameters[index], expr.type)
        case .call(let name, let arguments, let parameters):
            return try call(name, arguments, parameters, expr, on: batch)
        case .cast(let inner):
            return try cast(try operand(inner, on: batch), to: expr.type, range: expr.range)
        case .caseWhen(let branches, let otherwise):
            return .column(try caseWhen(branches, otherwise, type: expr.type, on: batch))
        case .inList(let value, let list, let negated):
            return try inList(value, list, negated: negated, type: expr.type, on: batch)
        case .inSubquery(let value, let plan, let negated):
            return try inSubquery(value, plan, negated: negated, type: expr.type, on: batch)
        case .scalarSubquery(let plan):
            return try scalarSubquery(plan, type: expr.type)
        case .exists(let plan):
            return .constant(.int(try context.subqueryRows(plan).contains { $0.count > 0 } ? 1 : 0), expr.type)
        }
    }

    /// A conversion of an operand; constants are converted once.
    func cast(_ input: Operand, to type: DataType, range: SourceRange?) throws -> Operand {
        do {
            switch input {
            case .column(let c):
                return .column(try Cast.convert(c, to: type))
            case .constant(let v, let t):
                if t == type { return input }
                let converted = try Cast.convert(Column(type: t, values: [ValueCoercion.fit(v, to: t)]), to: type)
                return .constant(converted.value(at: 0), type)
            }
        } catch let error as LoupeError {
            throw error.located(at: range)
        }
    }

    /// A function call: arguments evaluated, NULLs propagated per the function's policy.
    private func call(
        _ name: String, _ arguments: [BoundExpr], _ parameters: [Value], _ expr: BoundExpr, on batch: Batch
    ) throws -> Operand {
        if name == "if" || name == "multiIf" {
            return .column(try conditionalCall(arguments, type: expr.type, range: expr.range, on: batch))
        }
        guard let entry = FunctionTable.lookup(name) else {
            throw LoupeError(.unknownName, "unknown function '\(name)'", at: expr.range)
        }
        let operands = try arguments.map { try operand($0, on: batch) }
        let allConstant = operands.allSatisfy { $0.constant != nil }
        let rows = allConstant && entry.deterministic ? 1 : batch.count
        var nulls: [Bool]? = nil
        if entry.nulls == .propagate {
            if operands.contains(where: \.isConstantNull) {
                return .constant(expr.type.isNullable ? .null : expr.type.defaultValue, expr.type)
            }
            nulls = NullMask.union(operands.map { $0.nulls(count: rows) }, count: rows)
        }
        let invocation = FunctionCall(
            name: name, arguments: operands, parameters: parameters, resultType: expr.type, count: rows,
            nulls: nulls, context: context, range: expr.range)
        var result: Column
        do {
            result = try entry.body(invocation)
        } catch let error as LoupeError {
            throw error.located(at: expr.range)
        }
        if entry.nulls == .propagate, let nulls, expr.type.isNullable {
            result.nulls = NullMask.union([result.nulls, nulls], count: rows)
        }
        precondition(result.count == rows, "function \(name) returned \(result.count) rows for \(rows)")
        if rows == 1 && allConstant && entry.deterministic && batch.count != 1 {
            return .constant(result.value(at: 0), expr.type)
        }
        return .column(result)
    }

    /// The rows at `indices` of the columns `expr` reads; other columns are left empty, since
    /// evaluating `expr` never touches them.
    func subset(_ batch: Batch, _ indices: [Int], for exprs: [BoundExpr]) -> Batch {
        var used = Set<Int>()
        for e in exprs { Self.collectColumns(e, into: &used) }
        let columns = batch.columns.enumerated().map { i, c in
            used.contains(i) ? c.gather(indices) : Column.empty(c.type)
        }
        return Batch(columns: columns, count: indices.count)
    }

    private static func collectColumns(_ expr: BoundExpr, into used: inout Set<Int>) {
        switch expr.kind {
        case .column(let i): used.insert(i)
        case .literal, .parameter, .scalarSubquery, .exists: break
        case .call(_, let args, _): for a in args { collectColumns(a, into: &used) }
        case .cast(let e): collectColumns(e, into: &used)
        case .caseWhen(let branches, let otherwise):
            for b in branches {
                collectColumns(b.condition, into: &used)
                collectColumns(b.result, into: &used)
            }
            if let otherwise { collectColumns(otherwise, into: &used) }
        case .inList(let e, let list, _):
            collectColumns(e, into: &used)
            for x in list { collectColumns(x, into: &used) }
        case .inSubquery(let e, _, _): collectColumns(e, into: &used)
        }
    }
}
