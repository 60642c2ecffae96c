// Constant folding: calls whose arguments are all literals become literals, for the few pure
// functions `ConstantEvaluator` computes exactly as the execution layer does (arithmetic,
// comparisons, logic); casts of literals fold only where `LiteralConversion.foldedCast` cannot
// differ from run time. Every other call on constants is left to the execution layer, which
// evaluates it once per batch, so there is one implementation of each function. `IF`/`CASE` with
// a constant condition keep only the chosen branch, and a literal Array(Float32) becomes a
// contiguous `Value.vector` (so a 512-float query vector is one value, not 512 casts).
// Non-deterministic calls (`rand`, `now`) are never folded. A filter whose predicate folds to true
// disappears.

import LoupeCore

/// Folds constant expressions everywhere in a plan.
public struct ConstantFolding: OptimizerRule {
    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformUp { node in
            let folded = node.mapExpressions(Self.fold)
            if case .filter(let input, let predicate) = folded, let v = predicate.constantValue,
                ConstantEvaluator.truth(v) == true
            {
                return input
            }
            return folded
        }
    }

    /// `expr` with every foldable sub-expression replaced by its value.
    public static func fold(_ expr: BoundExpr) -> BoundExpr {
        expr.transformUp(foldNode)
    }

    private static func foldNode(_ e: BoundExpr) -> BoundExpr {
        switch e.kind {
        case .cast(let inner):
            guard let v = inner.constantValue, let converted = LiteralConversion.foldedCast(v, to: e.type) else {
                return e
            }
            return BoundExpr(.literal(converted), type: e.type, range: e.range)
        case .call(FunctionNames.if, let args, _) where args.count == 3:
            guard let c = args[0].constantValue else { return e }
            return retyped(ConstantEvaluator.truth(c) == true ? args[1] : args[2], like: e)
        case .caseWhen(let branches, let otherwise):
            var remaining: [CaseBranch] = []
            for b in branches {
                guard let c = b.condition.constantValue else {
                    remaining.append(b)
                    continue
                }
                if ConstantEvaluator.truth(c) == true {
                    if remaining.isEmpty { return retyped(b.result, like: e) }
                    var copy = e
                    copy.kind = .caseWhen(branches: remaining, otherwise: b.result)
                    return copy
                }
            }
            if remaining.isEmpty {
                return otherwise.map { retyped($0, like: e) }
                    ?? BoundExpr(.literal(.null), type: e.type, range: e.range)
            }
            var copy = e
            copy.kind = .caseWhen(branches: remaining, otherwise: otherwise)
            return copy
        case .call(let name, let args, _)
        where (name == FunctionNames.and || name == FunctionNames.or)
            && args.contains(where: \.isLiteral) && !args.allSatisfy(\.isLiteral):
            return simplifyLogic(e, isAnd: name == FunctionNames.and, args)
        case .call(let name, let args, let params):
            guard params.isEmpty, FunctionRegistry.isDeterministic(name) else { return e }
            let values = args.compactMap(\.constantValue)
            guard values.count == args.count, let v = ConstantEvaluator.evaluate(name, values, type: e.type) else {
                return e
            }
            return BoundExpr(.literal(v), type: e.type, range: e.range)
        case .inList(let value, let list, let negated):
            guard let v = value.constantValue else { return e }
            let constants = list.compactMap(\.constantValue)
            guard constants.count == list.count else { return e }
            if v.isNull { return BoundExpr(.literal(.null), type: e.type, range: e.range) }
            let found = constants.contains { ConstantEvaluator.compare(v, $0) == 0 }
            return BoundExpr(.literal(ConstantEvaluator.boolean(found != negated, type: e.type)), type: e.type, range: e.range)
        default:
            return e
        }
    }

    /// `x AND 1` is `x`, `x AND 0` is 0, `x OR 0` is `x`, `x OR 1` is 1 (for any `x`, NULL
    /// included). A lone remaining operand replaces the call only when its type is the call's.
    private static func simplifyLogic(_ e: BoundExpr, isAnd: Bool, _ args: [BoundExpr]) -> BoundExpr {
        var kept: [BoundExpr] = []
        for arg in args {
            guard let v = arg.constantValue, let truth = ConstantEvaluator.truth(v) else {
                kept.append(arg)
                continue
            }
            if truth != isAnd {
                return BoundExpr(.literal(ConstantEvaluator.boolean(!isAnd, type: e.type)), type: e.type, range: e.range)
            }
        }
        if kept.count == 1 { return kept[0].type == e.type ? kept[0] : e }
        var copy = e
        copy.kind = .call(isAnd ? FunctionNames.and : FunctionNames.or, arguments: kept, parameters: [])
        return copy
    }

    /// A branch chosen by a constant condition, cast to the whole expression's type if needed.
    private static func retyped(_ branch: BoundExpr, like whole: BoundExpr) -> BoundExpr {
        if branch.type == whole.type { return branch }
        return foldNode(BoundExpr(.cast(branch), type: whole.type, range: whole.range))
    }
}
