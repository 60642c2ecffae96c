// Tree utilities on bound expressions that the binder and the optimizer rules share: which input
// columns an expression reads, renumbering or replacing column references, bottom-up rewriting,
// and splitting/joining AND conjunctions.

import LoupeCore

extension BoundExpr {
    /// The direct sub-expressions (subquery plans are not included: they are uncorrelated).
    public var children: [BoundExpr] {
        switch kind {
        case .column, .literal, .parameter, .scalarSubquery, .exists: return []
        case .call(_, let args, _): return args
        case .cast(let inner): return [inner]
        case .caseWhen(let branches, let otherwise):
            return branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .inList(let value, let list, _): return [value] + list
        case .inSubquery(let value, _, _): return [value]
        }
    }

    /// This expression with its direct sub-expressions replaced by `newChildren` (same order as
    /// `children`).
    public func withChildren(_ newChildren: [BoundExpr]) -> BoundExpr {
        var copy = self
        switch kind {
        case .column, .literal, .parameter, .scalarSubquery, .exists: return self
        case .call(let name, _, let params): copy.kind = .call(name, arguments: newChildren, parameters: params)
        case .cast: copy.kind = .cast(newChildren[0])
        case .caseWhen(let branches, let otherwise):
            let pairs = (0..<branches.count).map {
                CaseBranch(condition: newChildren[2 * $0], result: newChildren[2 * $0 + 1])
            }
            copy.kind = .caseWhen(branches: pairs, otherwise: otherwise == nil ? nil : newChildren.last)
        case .inList(_, _, let negated):
            copy.kind = .inList(newChildren[0], Array(newChildren.dropFirst()), negated: negated)
        case .inSubquery(_, let plan, let negated): copy.kind = .inSubquery(newChildren[0], plan, negated: negated)
        }
        return copy
    }

    /// Rewrites bottom-up: children first, then `transform` on the rebuilt node.
    public func transformUp(_ transform: (BoundExpr) throws -> BoundExpr) rethrows -> BoundExpr {
        let kids = try children.map { try $0.transformUp(transform) }
        return try transform(kids.isEmpty ? self : withChildren(kids))
    }

    /// The input columns this expression reads.
    public var referencedColumns: Set<Int> {
        var result = Set<Int>()
        collectColumns(into: &result)
        return result
    }

    private func collectColumns(into result: inout Set<Int>) {
        if case .column(let i) = kind { result.insert(i) }
        for child in children { child.collectColumns(into: &result) }
    }

    /// Column references renumbered through `mapping` (old index → new index).
    public func remapped(_ mapping: [Int: Int]) -> BoundExpr {
        transformUp { e in
            guard case .column(let i) = e.kind, let j = mapping[i] else { return e }
            var copy = e
            copy.kind = .column(j)
            return copy
        }
    }

    /// Column references shifted by `offset` (for moving an expression across a join's sides).
    public func shifted(by offset: Int) -> BoundExpr {
        transformUp { e in
            guard case .column(let i) = e.kind else { return e }
            var copy = e
            copy.kind = .column(i + offset)
            return copy
        }
    }

    /// Each column reference `i` replaced by `replacements[i]` (pushing through a projection).
    public func substituted(_ replacements: [BoundExpr]) -> BoundExpr {
        transformUp { e in
            guard case .column(let i) = e.kind else { return e }
            var replacement = replacements[i]
            replacement.range = e.range ?? replacement.range
            return replacement
        }
    }

    /// False when the expression calls a non-deterministic function (`rand`, `now`) anywhere.
    public var isDeterministic: Bool {
        if case .call(let name, _, _) = kind, !FunctionRegistry.isDeterministic(name) { return false }
        return children.allSatisfy(\.isDeterministic)
    }

    /// True when the expression is a literal.
    public var isLiteral: Bool { constantValue != nil }

    /// The conjuncts of an AND chain (`a AND b AND c` → [a, b, c]).
    public var conjuncts: [BoundExpr] {
        if case .call(FunctionNames.and, let args, _) = kind { return args.flatMap(\.conjuncts) }
        return [self]
    }

    /// The AND of `parts` (nil when empty, the part itself when single).
    public static func conjunction(_ parts: [BoundExpr]) -> BoundExpr? {
        guard let first = parts.first else { return nil }
        if parts.count == 1 { return first }
        let nullable = parts.contains { $0.type.isNullable }
        return BoundExpr(
            .call(FunctionNames.and, arguments: parts, parameters: []), type: nullable ? .nullable(.uint8) : .uint8,
            range: first.range)
    }

    /// For `l = r` with one side over a join's left input only and the other over its right
    /// input only: (left key, right key renumbered over the right input's own columns).
    public func equiJoinKeys(leftCount: Int) -> (BoundExpr, BoundExpr)? {
        guard case .call(FunctionNames.equals, let args, _) = kind, args.count == 2 else { return nil }
        func side(_ e: BoundExpr) -> Int? {
            let refs = e.referencedColumns
            if refs.isEmpty { return nil }
            if refs.allSatisfy({ $0 < leftCount }) { return 0 }
            if refs.allSatisfy({ $0 >= leftCount }) { return 1 }
            return nil
        }
        switch (side(args[0]), side(args[1])) {
        case (0, 1): return (args[0], args[1].shifted(by: -leftCount))
        case (1, 0): return (args[1], args[0].shifted(by: -leftCount))
        default: return nil
        }
    }
}
