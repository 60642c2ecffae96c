// Binding queries: a SELECT becomes scan/join → filter → aggregate → filter (HAVING) → project →
// distinct → sort → limit, with ORDER BY expressions that are not in the select list computed as
// hidden columns and dropped by a final projection. UNIONs cast their branches to common column
// types. WITH constants and WITH subqueries (CTEs) are visible to the query and its subqueries.

import LoupeCore
import LoupeSQL

extension Binder {
    /// A whole query and the settings it carries (`SETTINGS` of the last SELECT and of the query).
    /// `INTO OUTFILE` is the client's business (the `Loupe` library writes the file): the query
    /// binds as if it were not there.
    func bindTopQuery(_ query: Query) throws -> (LogicalPlan, QuerySettings) {
        var settings = try settingsValues(query.settings)
        if case .select(let select) = query.body {
            settings.merge(try settingsValues(select.settings)) { _, new in new }
        }
        return (try bindQuery(query), settings)
    }

    /// A query used inside another statement (FROM, IN, scalar subquery, INSERT SELECT).
    func bindSubquery(_ query: Query) throws -> LogicalPlan {
        try bindQuery(query)
    }

    /// A query's plan; SETTINGS after FORMAT apply to its SELECTs (join_use_nulls).
    private func bindQuery(_ query: Query) throws -> LogicalPlan {
        let extra = try settingsValues(query.settings)
        return try bindBody(query.body, settings: extra)
    }

    private func bindBody(_ body: QueryBody, settings: QuerySettings) throws -> LogicalPlan {
        switch body {
        case .select(let select):
            return try bindSelect(select, outerSettings: settings)
        case .parenthesized(let query):
            return try bindQuery(query)
        case .union:
            var bodies: [QueryBody] = []
            var modes: [UnionMode] = []
            Self.flattenUnion(body, into: &bodies, modes: &modes)
            let plans = try bodies.map { try bindBody($0, settings: settings) }
            return try unify(plans, modes: modes, range: body.range)
        }
    }

    /// Flattens a left-deep UNION chain into its operands and the modes between them.
    private static func flattenUnion(_ body: QueryBody, into bodies: inout [QueryBody], modes: inout [UnionMode]) {
        if case .union(let l, let mode, let r) = body {
            flattenUnion(l, into: &bodies, modes: &modes)
            modes.append(mode)
            flattenUnion(r, into: &bodies, modes: &modes)
        } else {
            bodies.append(body)
        }
    }

    private func unify(_ plans: [LogicalPlan], modes: [UnionMode], range: SourceRange) throws -> LogicalPlan {
        let width = plans[0].schema.count
        for p in plans where p.schema.count != width {
            throw LoupeError(
                .type, "UNION branches have different numbers of columns: \(width) and \(p.schema.count)", at: range)
        }
        var fields = plans[0].schema.fields
        for i in 0..<width {
            let types = plans.map { $0.schema.fields[i].type }
            do { fields[i].type = try TypeRules.supertype(of: types) } catch let e as LoupeError {
                throw e.located(at: range)
            }
            fields[i].table = nil
        }
        let schema = Schema(fields)
        let cast = plans.map { plan -> LogicalPlan in
            if plan.schema.types == schema.types { return plan }
            let exprs = plan.schema.fields.enumerated().map { i, f in
                castImplicitly(.column(i, f.type), to: schema.fields[i].type)
            }
            return .project(plan, expressions: exprs, schema: schema)
        }
        if modes.allSatisfy({ $0 == modes[0] }) {
            return .union(cast, all: modes[0] == .all, schema: schema)
        }
        // Chains mixing ALL and DISTINCT apply left to right.
        var result = cast[0]
        for (i, mode) in modes.enumerated() {
            result = .union([result, cast[i + 1]], all: mode == .all, schema: schema)
        }
        return result
    }

    /// `SETTINGS k = v, ...` as constants.
    func settingsValues(_ settings: [Setting]) throws -> QuerySettings {
        var result: QuerySettings = [:]
        for s in settings {
            var context = ExprContext(scope: .empty, clause: "SETTINGS")
            result[s.name.name] = try constantValue(of: s.value, &context)
        }
        return result
    }

    // MARK: SELECT.

    private func bindSelect(_ select: Select, outerSettings: QuerySettings) throws -> LogicalPlan {
        var binder = self
        for item in select.with {
            switch item.kind {
            case .expression(let expr, let name): binder.constants[name.name] = expr
            case .subquery(let name, let query): binder.ctes[name.name] = query
            }
        }
        let settings = outerSettings.merging(try settingsValues(select.settings)) { _, new in new }
        binder.searchParameters = try settings.keys.sorted().filter(VectorSearchParameters.settingNames.contains).map {
            key in
            let parameter = Value.string("\(key)=\(ValueFormatter.text(settings[key]!, quoteStrings: false))")
            try VectorSearchParameters.validate(parameter, at: select.range)
            return parameter
        }
        return try binder.bindSelectBody(select, outerSettings: outerSettings)
    }

    /// Whether `expr` (or the select item its alias names) is a call of MyScale's `distance()`.
    private static func isMyScaleDistance(_ expr: Expr, aliases: [String: Expr]) -> Bool {
        var expr = expr
        if case .identifier(let parts) = expr.kind, parts.count == 1, let aliased = aliases[parts[0].name] {
            expr = aliased
        }
        if case .alias(let inner, _) = expr.kind { expr = inner }
        guard case .function(let call) = expr.kind else { return false }
        return call.name.name.lowercased() == FunctionNames.distance.lowercased()
    }

    private func bindSelectBody(_ select: Select, outerSettings: QuerySettings) throws -> LogicalPlan {
        if select.withTotals { throw LoupeError(.unsupported, "WITH TOTALS is not supported", at: select.range) }
        if let limitBy = select.limitBy {
            throw LoupeError(.unsupported, "LIMIT BY is not supported", at: limitBy.range)
        }
        let settings = outerSettings.merging(try settingsValues(select.settings)) { _, new in new }
        let joinUseNulls = settings["join_use_nulls"].flatMap(ConstantEvaluator.truth) ?? false

        var (plan, scope) =
            try select.from.map { try bindFrom($0, joinUseNulls: joinUseNulls) }
            ?? (.values(rows: [[]], schema: Schema([])), .empty)

        // Aliases (of the select list, or written inside any expression) are usable everywhere.
        var aliases: [String: Expr] = [:]
        let clauses =
            select.items.map(\.expr) + [select.where, select.having].compactMap { $0 } + select.orderBy.map(\.expr)
        for expr in clauses { Self.collectAliases(in: expr, into: &aliases) }
        for item in select.items {
            if let alias = item.alias { aliases[alias.name] = item.expr }
        }

        // WHERE and PREWHERE.
        let filters = [select.prewhere, select.where].compactMap { $0 }
        for (i, condition) in filters.enumerated() {
            var context = ExprContext(
                scope: scope, aliases: aliases, clause: i == 0 && select.prewhere != nil ? "PREWHERE" : "WHERE")
            let predicate = ConstantFolding.fold(try bindExpr(condition, &context))
            try requireBoolean(predicate, clause: context.clause)
            plan = .filter(plan, predicate: predicate)
        }

        // Select items, HAVING and ORDER BY, with aggregates collected.
        let collector = AggregateCollector()
        var items: [(expr: BoundExpr, name: String)] = []
        // The select list as written, `*` expanded: what `ORDER BY 2` and `GROUP BY 1` refer to.
        var positional: [Expr] = []
        for item in select.items {
            if case .star(let qualifier) = item.expr.kind {
                let names = qualifier.map(\.name)
                let positions = scope.expandStar(qualifier: names)
                if positions.isEmpty && !names.isEmpty {
                    throw LoupeError(
                        .unknownName,
                        "Unknown table '\(names.joined(separator: "."))' in \(names.joined(separator: ".")).*",
                        at: item.expr.range)
                }
                for p in positions {
                    items.append(
                        (
                            BoundExpr(.column(p), type: scope.columns[p].type, range: item.expr.range),
                            scope.columns[p].name
                        ))
                    let qualifier = scope.columns[p].tables.first.map { [Identifier($0)] } ?? []
                    positional.append(
                        Expr(.identifier(qualifier + [Identifier(scope.columns[p].name)]), range: item.expr.range))
                }
                continue
            }
            var context = ExprContext(scope: scope, aliases: aliases, aggregates: collector, clause: "SELECT")
            // Inside `expr AS name`, `name` is the column, not the alias itself.
            if let alias = item.alias?.name { context.expanding.insert(alias) }
            let bound = try bindExpr(item.expr, &context)
            items.append((bound, item.alias?.name ?? ColumnNaming.name(of: item.expr)))
            positional.append(item.expr)
        }
        items = Self.disambiguated(items, scope: scope)
        var having: BoundExpr?
        if let h = select.having {
            var context = ExprContext(scope: scope, aliases: aliases, aggregates: collector, clause: "HAVING")
            having = try bindExpr(h, &context)
        }
        var orderKeys: [SortKey] = []
        for term in select.orderBy {
            var context = ExprContext(scope: scope, aliases: aliases, aggregates: collector, clause: "ORDER BY")
            let bound = try bindExpr(try Self.resolvePosition(term.expr, in: positional, clause: "ORDER BY"), &context)
            if !term.isDescending, select.limit != nil, Self.isMyScaleDistance(term.expr, aliases: aliases),
                case .call(FunctionNames.dotProduct, _, _) = bound.kind
            {
                throw LoupeError(
                    .type,
                    "distance() under an IP vector index is the inner product, and a larger inner product is closer: "
                        + "write ORDER BY ... DESC to get the nearest vectors", at: term.expr.range)
            }
            orderKeys.append(
                SortKey(expression: bound, descending: term.isDescending, nullsFirst: term.nulls == .first))
        }

        // GROUP BY.
        if !select.groupBy.isEmpty || !collector.calls.isEmpty {
            var keys: [BoundExpr] = []
            for g in select.groupBy {
                var context = ExprContext(scope: scope, aliases: aliases, clause: "GROUP BY")
                let key = try Self.resolvePosition(g, in: positional, clause: "GROUP BY")
                keys.append(ConstantFolding.fold(try bindExpr(key, &context)))
            }
            let aggregation = Aggregation(keys: keys, calls: collector.calls, scope: scope)
            plan = aggregation.plan(over: plan)
            items = try items.map { (try aggregation.rewrite($0.expr), $0.name) }
            having = try having.map { try aggregation.rewrite($0) }
            orderKeys = try orderKeys.map { k in
                SortKey(
                    expression: try aggregation.rewrite(k.expression), descending: k.descending,
                    nullsFirst: k.nullsFirst)
            }
        }
        if let having {
            let predicate = ConstantFolding.fold(having)
            try requireBoolean(predicate, clause: "HAVING")
            plan = .filter(plan, predicate: predicate)
        }

        // Projection, with hidden ORDER BY columns.
        var expressions = items.map { ConstantFolding.fold($0.expr) }
        var fields = zip(items, expressions).map { item, expr in Field(name: item.name, type: expr.type) }
        let visible = expressions.count
        var sortKeys: [SortKey] = []
        for key in orderKeys {
            let expr = ConstantFolding.fold(key.expression)
            let bare = expr.withoutRanges
            let position =
                expressions.firstIndex { $0.withoutRanges == bare }
                ?? {
                    expressions.append(expr)
                    fields.append(Field(name: ExprPrinter.text(expr, names: plan.schema.names), type: expr.type))
                    return expressions.count - 1
                }()
            sortKeys.append(
                SortKey(
                    expression: .column(position, expr.type), descending: key.descending, nullsFirst: key.nullsFirst))
        }
        if select.distinct && expressions.count > visible {
            // DISTINCT applies to the selected columns only; a hidden ORDER BY column takes its
            // value from one of the rows of each distinct group, as in ClickHouse.
            let hidden = expressions[visible...].map { AggregateCall(function: "any", arguments: [$0], type: $0.type) }
            plan = .aggregate(
                plan, keys: Array(expressions[..<visible]), aggregates: hidden, schema: Schema(fields))
        } else {
            plan = .project(plan, expressions: expressions, schema: Schema(fields))
            if select.distinct { plan = .distinct(plan) }
        }
        if !sortKeys.isEmpty { plan = .sort(plan, keys: sortKeys) }
        if select.limit != nil || select.offset != nil {
            let count = try select.limit.map { try nonNegativeInteger($0.count, "LIMIT") }
            let offset = try (select.limit?.offset ?? select.offset).map { try nonNegativeInteger($0, "OFFSET") } ?? 0
            plan = .limit(plan, limit: count, offset: offset)
        }
        if expressions.count > visible {
            let kept = (0..<visible).map { BoundExpr.column($0, fields[$0].type) }
            plan = .project(plan, expressions: kept, schema: Schema(Array(fields[0..<visible])))
        }
        return plan
    }

    /// Every `expr AS name` inside `expr` (ClickHouse lets an alias defined anywhere be used
    /// anywhere in the query).
    private static func collectAliases(in expr: Expr, into aliases: inout [String: Expr]) {
        var children: [Expr] = []
        switch expr.kind {
        case .alias(let inner, let name):
            aliases[name.name] = inner
            children = [inner]
        case .unary(_, let e), .isNull(let e, _), .cast(let e, _, _), .tupleElement(let e, _), .interval(let e, _):
            children = [e]
        case .binary(_, let l, let r), .subscript(let l, index: let r): children = [l, r]
        case .between(let v, let lo, let hi, _), .ternary(let v, let lo, let hi): children = [v, lo, hi]
        case .in(let v, let target, _):
            children = [v]
            if case .list(let items) = target { children += items }
        case .case(let operand, let branches, let otherwise):
            children = [operand, otherwise].compactMap { $0 } + branches.flatMap { [$0.condition, $0.result] }
        case .function(let call): children = call.arguments
        case .array(let items), .tuple(let items): children = items
        case .literal, .identifier, .star, .parameter, .lambda, .subquery, .exists: break
        }
        for child in children { collectAliases(in: child, into: &aliases) }
    }

    /// `ORDER BY 2` / `GROUP BY 1`: a bare integer is a 1-based position in the select list
    /// (ClickHouse's `enable_positional_arguments`, on by default).
    private static func resolvePosition(_ expr: Expr, in items: [Expr], clause: String) throws -> Expr {
        let position: Int
        switch expr.kind {
        case .literal(.int(let n)): position = Int(clamping: n)
        case .literal(.uint(let n)): position = Int(clamping: n)
        default: return expr
        }
        guard position >= 1, position <= items.count else {
            throw LoupeError(
                .type,
                "Positional argument \(position) in \(clause) is out of bounds: the select list has \(items.count) columns",
                at: expr.range)
        }
        return items[position - 1]
    }

    /// Output names made unique the way ClickHouse shows a join's `*`: a repeated column name is
    /// qualified by its table (`t2.id`).
    private static func disambiguated(_ items: [(expr: BoundExpr, name: String)], scope: Scope) -> [(
        expr: BoundExpr, name: String
    )] {
        var seen: [String: BoundExpr.Kind] = [:]
        return items.map { item in
            var name = item.name
            if let earlier = seen[name], earlier != item.expr.kind, case .column(let i) = item.expr.kind, i >= 0,
                i < scope.columns.count, let table = scope.columns[i].tables.first
            {
                name = "\(table).\(name)"
            }
            seen[name] = seen[name] ?? item.expr.kind
            return (item.expr, name)
        }
    }

    /// A LIMIT or OFFSET value: a constant non-negative integer.
    private func nonNegativeInteger(_ expr: Expr, _ what: String) throws -> Int {
        var context = ExprContext(scope: .empty, clause: what)
        let v = try constantValue(of: expr, &context)
        var integral = true
        if case .float = v { integral = false }
        guard integral, let i = v.int64Value, i >= 0 else {
            throw LoupeError(
                .type, "\(what) must be a non-negative integer, got \(ValueFormatter.text(v, quoteStrings: true))",
                at: expr.range)
        }
        return Int(clamping: i)
    }
}
