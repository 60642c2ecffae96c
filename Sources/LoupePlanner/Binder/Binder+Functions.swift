// Binding function calls: aggregates (collected for the GROUP BY, with `count(*)` and
// `count(DISTINCT x)`), conversion functions and `CAST(x, 'T')` (bound as casts), `toTypeName` and
// `currentDatabase()` (constants), the MyScale `distance()` (its metric taken from the vector
// index on its column argument), and every other scalar through `FunctionRegistry`, with
// arguments cast to the types it asks for.

import LoupeCore
import LoupeSQL

/// The aggregate calls of one SELECT, numbered in order of first appearance.
final class AggregateCollector {
    private(set) var calls: [AggregateCall] = []
    private var keys: [AggregateCall] = []

    /// The position of `call` among the collected calls, adding it if new.
    func index(of call: AggregateCall) -> Int {
        let key = call.withoutRanges
        if let i = keys.firstIndex(of: key) { return i }
        calls.append(call)
        keys.append(key)
        return calls.count - 1
    }
}

extension Binder {
    func bindFunction(_ call: FunctionCall, range: SourceRange, _ context: inout ExprContext) throws -> BoundExpr {
        let name = call.name.name
        if FunctionRegistry.isAggregate(name) {
            return try bindAggregate(call, range: range, &context)
        }
        if call.distinct {
            throw LoupeError(.syntax, "DISTINCT is only allowed in aggregate functions, not in \(name)", at: range)
        }
        if let target = FunctionRegistry.conversionTarget(name) {
            guard call.arguments.count == 1 else {
                throw LoupeError(.type, "Function \(name) takes 1 argument, got \(call.arguments.count)", at: range)
            }
            let argument = try bindExpr(call.arguments[0], &context)
            return castExplicitly(
                argument, to: TypeRules.keepingNullability(of: argument.type, target), range: range)
        }
        if name.lowercased() == "cast", call.arguments.count == 2, case .literal(.string(let text)) = call.arguments[1].kind {
            // ClickHouse's functional form `CAST(x, 'T')` is `CAST(x AS T)`.
            let target: DataType
            do {
                target = try resolveType(try Parser.parseType(text))
            } catch let error as LoupeError {
                throw LoupeError(error.kind, "CAST to '\(text)': \(error.message)", at: call.arguments[1].range)
            }
            return castExplicitly(try bindExpr(call.arguments[0], &context), to: target, range: range)
        }
        if ["currentdatabase", "database"].contains(name.lowercased()), call.arguments.isEmpty {
            return BoundExpr(.literal(.string(catalog.currentDatabase)), type: .string, range: range)
        }
        if name.lowercased() == "totypename", call.arguments.count == 1 {
            let argument = try bindExpr(call.arguments[0], &context)
            return BoundExpr(.literal(.string(argument.type.description)), type: .string, range: range)
        }
        let parameters = try (call.parameters ?? []).map { try constantValue(of: $0, &context) }
        return try bindCall(name, call.arguments, parameters: parameters, range: range, &context)
    }

    /// Binds `name(arguments)` as a scalar call. (The arguments are bound here and the call
    /// resolved in `resolveCall`, so the frame on the recursive path stays small.)
    func bindCall(
        _ name: String, _ arguments: [Expr], parameters: [Value] = [], range: SourceRange, _ context: inout ExprContext
    ) throws -> BoundExpr {
        var args: [BoundExpr] = []
        args.reserveCapacity(arguments.count)
        for argument in arguments { args.append(try bindExpr(argument, &context)) }
        return try resolveCall(name, args, parameters: parameters, range: range, scope: context.scope)
    }

    private func resolveCall(
        _ name: String, _ bound: [BoundExpr], parameters: [Value], range: SourceRange, scope: Scope
    ) throws -> BoundExpr {
        var args = bound
        let canonical = FunctionRegistry.canonicalName(name)
        if canonical == FunctionNames.and || canonical == FunctionNames.or {
            // `a AND (b AND c)` is one call, whichever way it was written.
            args = args.flatMap { arg -> [BoundExpr] in
                if case .call(canonical, let inner, _) = arg.kind { return inner }
                return [arg]
            }
        }
        if Self.comparisons.contains(canonical) || Self.distances.contains(canonical), args.count == 2 {
            args[0] = try adoptingType(args[0], of: args[1])
            args[1] = try adoptingType(args[1], of: args[0])
        }
        let resolved: ResolvedFunction
        do {
            resolved = try FunctionRegistry.resolve(name: name, argumentTypes: args.map(\.type))
        } catch let error as LoupeError {
            throw error.located(at: range)
        }
        let castArgs = zip(args, resolved.argumentTypes).map { castImplicitly($0, to: $1) }
        var functionName = resolved.name
        var parameters = parameters
        if Self.distances.contains(functionName) {
            try checkDimensions(args, of: functionName, in: scope)
            for p in parameters { try VectorSearchParameters.validate(p, at: range) }
            if parameters.isEmpty { parameters = searchParameters }
        }
        if functionName == FunctionNames.distance {
            functionName = distanceFunction(for: args, in: scope)
        }
        return BoundExpr(
            .call(functionName, arguments: castArgs, parameters: parameters), type: resolved.resultType,
            range: range)
    }

    private static let comparisons: Set<String> = [
        FunctionNames.equals, FunctionNames.notEquals, FunctionNames.less, FunctionNames.lessOrEquals,
        FunctionNames.greater, FunctionNames.greaterOrEquals,
    ]
    private static let distances: Set<String> = [
        FunctionNames.distance, FunctionNames.cosineDistance, FunctionNames.l2Distance,
        FunctionNames.l2SquaredDistance, FunctionNames.dotProduct,
    ]

    /// The exact function `distance(a, b)` means: the metric of the vector index on a column
    /// argument (Cosine → cosineDistance, L2 → L2SquaredDistance, IP → dotProduct); cosine when
    /// no argument is an indexed column.
    private func distanceFunction(for args: [BoundExpr], in scope: Scope) -> String {
        for arg in args {
            guard case .column(let i) = arg.kind, i >= 0 else { continue }
            if let index = sourceTable(of: scope.columns[i])?.vectorIndex(on: scope.columns[i].name) {
                return Self.functionName(for: index.metric)
            }
        }
        return FunctionNames.cosineDistance
    }

    /// The catalog table a column of the scope comes from, if any.
    private func sourceTable(of column: Scope.Column) -> TableDefinition? {
        guard let database = column.database else { return nil }
        return column.tables.lazy.compactMap { catalog.table(database: database, name: $0) }.first
    }

    /// Throws when a distance compares a column whose CHECK fixes its dimension with a constant
    /// vector of another length (ClickHouse would fail on the first row).
    private func checkDimensions(_ args: [BoundExpr], of function: String, in scope: Scope) throws {
        var known: [(Int, String)] = []
        for arg in args {
            switch arg.kind {
            case .column(let i) where i >= 0:
                let column = scope.columns[i]
                if let table = sourceTable(of: column), let n = Self.dimension(of: column.name, in: table) {
                    known.append((n, "column '\(column.name)' has \(n) dimensions"))
                }
            case .literal(let v):
                if let n = v.arrayElements?.count { known.append((n, "the constant vector has \(n)")) }
            default: break
            }
        }
        if known.count == 2, known[0].0 != known[1].0 {
            throw LoupeError(
                .type, "Vector dimension mismatch in \(function): \(known[0].1), \(known[1].1)", at: args[1].range)
        }
    }

    /// The exact distance function of a metric.
    static func functionName(for metric: Metric) -> String {
        switch metric {
        case .cosine: return FunctionNames.cosineDistance
        case .l2: return FunctionNames.l2SquaredDistance
        case .innerProduct: return FunctionNames.dotProduct
        }
    }

    /// The constant value of an expression that must be constant (LIMIT, SETTINGS, parameters of
    /// a parametric function).
    func constantValue(of expr: Expr, _ context: inout ExprContext) throws -> Value {
        var constantContext = ExprContext(scope: .empty, clause: context.clause)
        let bound = ConstantFolding.fold(try bindExpr(expr, &constantContext))
        guard let v = bound.constantValue else {
            throw LoupeError(.type, "Expected a constant expression in \(context.clause)", at: expr.range)
        }
        return v
    }

    // MARK: Aggregates.

    private func bindAggregate(_ call: FunctionCall, range: SourceRange, _ context: inout ExprContext) throws
        -> BoundExpr
    {
        let name = call.name.name
        guard let collector = context.aggregates else {
            throw LoupeError(
                .type,
                "Aggregate function \(name)() is found in \(context.clause) in query; aggregates are allowed in "
                    + "SELECT, HAVING and ORDER BY", at: range)
        }
        if context.insideAggregate {
            throw LoupeError(
                .type, "Aggregate function \(name)() is found inside another aggregate function", at: range)
        }
        var inner = context
        inner.insideAggregate = true
        var arguments: [BoundExpr] = []
        for argument in call.arguments {
            if case .star = argument.kind, name.lowercased() == "count" { continue }
            arguments.append(try bindExpr(argument, &inner))
        }
        var distinct = call.distinct
        // count(DISTINCT a, b) counts distinct tuples: uniqExact(a, b), as ClickHouse rewrites it.
        let countsTuples = distinct && name.lowercased() == "count" && arguments.count > 1
        var resolved: ResolvedFunction
        do {
            resolved = try FunctionRegistry.resolveAggregate(
                name: countsTuples ? "uniqExact" : name, argumentTypes: arguments.map(\.type))
        } catch let error as LoupeError {
            throw error.located(at: range)
        }
        if distinct && resolved.name == "count" && arguments.isEmpty {
            throw LoupeError(.syntax, "count(DISTINCT) needs an argument", at: range)
        }
        if distinct && (resolved.name == "uniq" || resolved.name == "uniqExact") {
            resolved.name = "uniqExact"
            distinct = false
        }
        let parameters = try (call.parameters ?? []).map { try constantValue(of: $0, &context) }
        let aggregate = AggregateCall(
            function: resolved.name, arguments: arguments, parameters: parameters, distinct: distinct,
            type: resolved.resultType)
        let index = collector.index(of: aggregate)
        return BoundExpr(.column(AggregateCollector.placeholderBase - index), type: resolved.resultType, range: range)
    }
}

extension AggregateCollector {
    /// Aggregate results are referenced as `.column(placeholderBase - i)` until the aggregation is
    /// planned and they become columns of the aggregate node's output.
    static let placeholderBase = -1
}

extension FunctionRegistry {
    /// The canonical spelling of a known function name (the name itself when unknown).
    static func canonicalName(_ name: String) -> String {
        scalars[name.lowercased()]?.name ?? aggregates[name.lowercased()]?.name ?? name
    }
}

extension BoundExpr {
    /// The expression with source ranges removed, so equal expressions written in different
    /// places compare equal.
    var withoutRanges: BoundExpr {
        transformUp { e in
            var copy = e
            copy.range = nil
            return copy
        }
    }
}

extension AggregateCall {
    var withoutRanges: AggregateCall {
        var copy = self
        copy.arguments = arguments.map(\.withoutRanges)
        return copy
    }
}
