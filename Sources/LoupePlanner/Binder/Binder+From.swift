// Binding the FROM clause: catalog tables (and `system.*` tables) become scans, subqueries and
// WITH subqueries become nested plans qualified by their alias, `numbers(n)` becomes constant
// rows, and joins combine two sources.
// ON conditions split into equality keys (one side each) and a residual; USING keys match by
// name and the right copy is hidden from `*`; comma and CROSS joins have no condition.
// With `join_use_nulls = 1` the columns an outer join may pad become Nullable.

import LoupeCore
import LoupeSQL

extension Binder {
    /// The plan producing the rows of `source` and the scope naming its columns.
    func bindFrom(_ source: TableSource, joinUseNulls: Bool) throws -> (LogicalPlan, Scope) {
        switch source.kind {
        case .table(let name, let alias, _):
            if name.database == nil, let cte = ctes[name.name.name] {
                var inner = self
                inner.ctes[name.name.name] = nil
                let plan = try inner.bindSubquery(cte).qualified(as: alias?.name ?? name.name.name)
                return (plan, Scope(schema: plan.schema).requalified(as: alias?.name ?? name.name.name))
            }
            let table = try tableDefinition(name)
            let qualifier = alias?.name ?? table.name
            let fields = table.columns.map {
                Field(name: $0.name, type: $0.type, table: qualifier, database: table.database)
            }
            let plan = LogicalPlan.scan(
                table: table, columns: Array(table.columns.indices), filter: nil, schema: Schema(fields))
            var scope = Scope(schema: table.schema)
            if let alias {
                for i in scope.columns.indices { scope.columns[i].tables.insert(alias.name, at: 0) }
            }
            scope.sourceNames = [qualifier]
            return (plan, scope)

        case .subquery(let query, let alias):
            let plan = try bindSubquery(query).qualified(as: alias?.name)
            return (plan, Scope(schema: plan.schema).requalified(as: alias?.name))

        case .function(let call, let alias):
            let plan = try bindTableFunction(call, range: source.range)
            return (plan, Scope(schema: plan.schema).requalified(as: alias?.name ?? call.name.name))

        case .join(let join):
            return try bindJoin(join, joinUseNulls: joinUseNulls)
        }
    }

    /// The most rows `numbers()` produces (its rows are materialised as constants).
    static let maxGeneratedRows = 1_000_000

    /// `numbers(n)` / `numbers(start, n)`: one UInt64 column `number`; the only table function.
    private func bindTableFunction(_ call: FunctionCall, range: SourceRange) throws -> LogicalPlan {
        guard call.name.name == "numbers", (1...2).contains(call.arguments.count) else {
            throw LoupeError(
                .unsupported, "Table function \(call.name.name) is not supported; numbers(n) is", at: range)
        }
        var context = ExprContext(scope: .empty, clause: "numbers()")
        let values = try call.arguments.map { arg -> UInt64 in
            let v = try constantValue(of: arg, &context)
            guard let n = v.int64Value, n >= 0 else {
                throw LoupeError(.type, "numbers() takes non-negative integers", at: arg.range)
            }
            return UInt64(n)
        }
        let (start, count) = values.count == 2 ? (values[0], values[1]) : (0, values[0])
        guard count <= UInt64(Self.maxGeneratedRows) else {
            throw LoupeError(.unsupported, "numbers() is limited to \(Self.maxGeneratedRows) rows", at: range)
        }
        let rows = (0..<count).map { [Value.uint(start &+ $0)] }
        return .values(rows: rows, schema: Schema([Field(name: "number", type: .uint64)]))
    }

    private func bindJoin(_ join: Join, joinUseNulls: Bool) throws -> (LogicalPlan, Scope) {
        if let strictness = join.strictness, strictness != .all {
            throw LoupeError(.unsupported, "\(strictness.rawValue) JOIN is not supported", at: join.range)
        }
        let (left, leftScopeBound) = try bindFrom(join.left, joinUseNulls: joinUseNulls)
        var leftScope = leftScopeBound
        var usingKeys: [Int] = []
        var fullJoinKeys: [(name: String, left: Int, right: Int, type: DataType)] = []
        let (right, rightScopeBound) = try bindFrom(join.right, joinUseNulls: joinUseNulls)
        var kind: LoupePlanner.JoinKind
        switch join.kind {
        case .inner: kind = .inner
        case .left: kind = .left
        case .right: kind = .right
        case .full: kind = .full
        case .cross, .comma: kind = .cross
        }
        var rightScope = rightScopeBound
        if let duplicate = rightScope.sourceNames.first(where: leftScope.sourceNames.contains) {
            throw LoupeError(
                .alreadyExists, "Multiple table expressions with same alias \(duplicate); give one of them an alias",
                at: join.right.range)
        }
        let leftCount = leftScope.columns.count
        var leftKeys: [BoundExpr] = []
        var rightKeys: [BoundExpr] = []
        var residual: [BoundExpr] = []
        switch join.constraint {
        case nil:
            if kind != .cross {
                throw LoupeError(.syntax, "\(join.kind.rawValue) JOIN needs an ON or USING clause", at: join.range)
            }
        case .on(let condition):
            if kind == .cross { kind = .inner }
            // ON compares pairs of real rows, so it is bound over the sides' own column types.
            var context = ExprContext(scope: leftScope + rightScope, clause: "JOIN ON")
            let bound = ConstantFolding.fold(try bindExpr(condition, &context))
            try requireBoolean(bound, clause: "JOIN ON")
            for c in bound.conjuncts {
                // A NULL key (type Nothing) matches no row: it is left to the residual, which is never
                // true, rather than hashed against keys of another layout.
                if let (l, r) = c.equiJoinKeys(leftCount: leftCount), l.type != .nothing, r.type != .nothing {
                    // Hash keys must share a type (equals leaves UInt64 against signed uncast).
                    let common = TypeRules.supertype(l.type, r.type) ?? l.type
                    leftKeys.append(castImplicitly(l, to: TypeRules.keepingNullability(of: l.type, common.nonNullable)))
                    rightKeys.append(
                        castImplicitly(r, to: TypeRules.keepingNullability(of: r.type, common.nonNullable)))
                } else {
                    residual.append(c)
                }
            }
        case .using(let names):
            if kind == .cross { kind = .inner }
            var keyPositions: [Int] = []
            for name in names {
                guard let l = leftScope.resolve([name.name]) else {
                    throw LoupeError(
                        .unknownName, "Column '\(name.name)' in USING is not found in the left table", at: name.range)
                }
                guard let r = rightScope.resolve([name.name]) else {
                    throw LoupeError(
                        .unknownName, "Column '\(name.name)' in USING is not found in the right table", at: name.range)
                }
                let (lt, rt) = (leftScope.columns[l].type, rightScope.columns[r].type)
                guard let common = TypeRules.supertype(lt, rt) else {
                    throw LoupeError(
                        .type, "USING column '\(name.name)' has types \(lt) and \(rt) with no common type",
                        at: name.range)
                }
                leftKeys.append(castImplicitly(.column(l, lt), to: common))
                rightKeys.append(castImplicitly(.column(r, rt), to: common))
                // The key shows once: from the side whose rows all survive (the left one, the
                // right one in a RIGHT join; a FULL join merges both copies below).
                if kind == .right {
                    leftScope.columns[l].hidden = true
                    keyPositions.append(leftCount + r)
                } else {
                    rightScope.columns[r].hidden = true
                    keyPositions.append(l)
                }
                fullJoinKeys.append((name.name, l, leftCount + r, common))
            }
            usingKeys = keyPositions
        }
        var scope = leftScope + rightScope
        if !usingKeys.isEmpty {
            scope.starOrder = usingKeys + scope.starOrder.filter { !usingKeys.contains($0) }
        }
        var fields = left.schema.fields + right.schema.fields
        if joinUseNulls {
            let padded: Range<Int>? =
                switch kind {
                case .left: leftCount..<fields.count
                case .right: 0..<leftCount
                case .full: 0..<fields.count
                default: nil
                }
            // Arrays cannot be Nullable in ClickHouse: unmatched rows get [] even then.
            for i in padded ?? 0..<0 where fields[i].type.elementType == nil {
                fields[i].type = fields[i].type.asNullable
                scope.columns[i].type = fields[i].type
            }
        }
        let plan = LogicalPlan.join(
            left, right, kind: kind, leftKeys: leftKeys, rightKeys: rightKeys,
            residual: BoundExpr.conjunction(residual),
            joinUseNulls: joinUseNulls, schema: Schema(fields))
        if kind == .full && !fullJoinKeys.isEmpty {
            return mergingFullJoinKeys(plan, scope, fullJoinKeys)
        }
        return (plan, scope)
    }

    /// `FULL JOIN ... USING (k)`: `k` is the left copy where the left row exists, else the right
    /// copy. An unmatched right row has the left key NULL (join_use_nulls) or the type default,
    /// and a left row whose key is the default is unmatched or matched to an equal key, so
    /// `if(left is NULL or default, right, left)` is exact.
    private func mergingFullJoinKeys(
        _ join: LogicalPlan, _ scope: Scope, _ keys: [(name: String, left: Int, right: Int, type: DataType)]
    ) -> (LogicalPlan, Scope) {
        var scope = scope
        let fields = join.schema.fields
        var expressions = fields.indices.map { BoundExpr.column($0, fields[$0].type) }
        var outFields = fields
        var merged: [Int] = []
        for key in keys {
            let type = TypeRules.keepingNullability(of: fields[key.left].type, key.type)
            let l = castImplicitly(.column(key.left, fields[key.left].type), to: type)
            let r = castImplicitly(.column(key.right, fields[key.right].type), to: type)
            let missing: BoundExpr =
                type.isNullable
                ? BoundExpr(.call(FunctionNames.isNull, arguments: [l], parameters: []), type: .uint8)
                : BoundExpr(
                    .call(FunctionNames.equals, arguments: [l, .literal(type.defaultValue, type)], parameters: []),
                    type: .uint8)
            expressions.append(
                BoundExpr(.call(FunctionNames.if, arguments: [missing, r, l], parameters: []), type: type))
            outFields.append(Field(name: key.name, type: type))
            scope.columns[key.left].hidden = true
            scope.columns.append(Scope.Column(name: key.name, type: type, tables: [], database: nil))
            merged.append(scope.columns.count - 1)
        }
        scope.starOrder = merged + scope.starOrder.filter { !scope.columns[$0].hidden }
        return (.project(join, expressions: expressions, schema: Schema(outFields)), scope)
    }
}

extension LogicalPlan {
    /// The plan with its output fields qualified by `alias` (a subquery in FROM), so that
    /// EXPLAIN and later references show `alias.column`.
    func qualified(as alias: String?) -> LogicalPlan {
        func requalify(_ schema: Schema) -> Schema {
            Schema(schema.fields.map { Field(name: $0.name, type: $0.type, table: alias) })
        }
        switch self {
        case .scan(let t, let c, let f, let s): return .scan(table: t, columns: c, filter: f, schema: requalify(s))
        case .values(let rows, let s): return .values(rows: rows, schema: requalify(s))
        case .project(let i, let e, let s): return .project(i, expressions: e, schema: requalify(s))
        case .aggregate(let i, let k, let a, let s): return .aggregate(i, keys: k, aggregates: a, schema: requalify(s))
        case .join(let l, let r, let kind, let lk, let rk, let res, let nulls, let s):
            return .join(
                l, r, kind: kind, leftKeys: lk, rightKeys: rk, residual: res, joinUseNulls: nulls, schema: requalify(s))
        case .union(let inputs, let all, let s): return .union(inputs, all: all, schema: requalify(s))
        case .filter, .sort, .limit, .topK, .distinct: return withChildren(children.map { $0.qualified(as: alias) })
        }
    }
}
