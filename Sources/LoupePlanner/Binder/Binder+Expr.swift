// Binding expressions: literals (typed as ClickHouse types them), names (SELECT aliases first,
// then columns, then WITH constants, as ClickHouse resolves them), operators (bound to the
// canonical function names), CASE, CAST, IN, BETWEEN, subqueries and parameters. Function calls
// are in Binder+Functions.

import LoupeCore
import LoupeSQL

/// What an expression may refer to while it is bound.
struct ExprContext {
    /// The input columns.
    var scope: Scope
    /// SELECT aliases and WITH constants, by name (expanded where referenced, as in ClickHouse).
    var aliases: [String: Expr] = [:]
    /// Aliases being expanded: inside `a + 1 AS a`, `a` is the column.
    var expanding: Set<String> = []
    /// Where aggregate calls go; nil where aggregates are not allowed.
    var aggregates: AggregateCollector?
    /// The clause being bound, for error messages (`WHERE`, `GROUP BY`...).
    var clause: String
    /// True inside an aggregate's arguments (nested aggregates are an error).
    var insideAggregate = false

    init(scope: Scope, aliases: [String: Expr] = [:], aggregates: AggregateCollector? = nil, clause: String) {
        self.scope = scope
        self.aliases = aliases
        self.aggregates = aggregates
        self.clause = clause
    }
}

extension Binder {
    /// The bound, typed form of `expr`.
    ///
    /// The recursion over nested expressions runs through this function and `bindCall`; both
    /// keep their own frames small (cases that bind payloads are in the functions below), so
    /// deeply nested input fits in a small thread stack even in debug builds.
    func bindExpr(_ expr: Expr, _ context: inout ExprContext) throws -> BoundExpr {
        switch expr.kind {
        case .unary, .binary, .between, .isNull, .ternary, .subscript:
            return try bindOperator(expr, &context)
        case .function:
            return try bindFunctionExpr(expr, &context)
        default:
            return try bindOther(expr, &context)
        }
    }

    /// Operators: bound to calls of their canonical functions.
    private func bindOperator(_ expr: Expr, _ context: inout ExprContext) throws -> BoundExpr {
        let range = expr.range
        switch expr.kind {
        case .unary(.negate, let operand):
            return try bindCall(FunctionNames.negate, [operand], range: range, &context)
        case .unary(.not, let operand):
            return try bindCall(FunctionNames.not, [operand], range: range, &context)
        case .binary(let op, let lhs, let rhs):
            if op == .and || op == .or {
                // Flatten chains so `a AND b AND c` is one call.
                let name = op == .and ? FunctionNames.and : FunctionNames.or
                return try bindCall(name, Self.flatten(expr, op), range: range, &context)
            }
            if case .interval(let amount, let unit) = rhs.kind, op == .add || op == .subtract {
                return try bindIntervalShift(lhs, op, amount, unit, range: range, &context)
            }
            return try bindCall(Self.functionName(of: op), [lhs, rhs], range: range, &context)
        case .between(let value, let low, let high, let negated):
            return try bindBetween(value, low, high, negated: negated, range: range, &context)
        case .isNull(let operand, let negated):
            return try bindCall(
                negated ? FunctionNames.isNotNull : FunctionNames.isNull, [operand], range: range, &context)
        case .ternary(let condition, let then, let otherwise):
            return try bindCall(FunctionNames.if, [condition, then, otherwise], range: range, &context)
        case .subscript(let base, let index):
            return try bindCall(FunctionNames.arrayElement, [base, index], range: range, &context)
        default:
            preconditionFailure("bindOperator called with \(expr.kind)")
        }
    }

    private func bindFunctionExpr(_ expr: Expr, _ context: inout ExprContext) throws -> BoundExpr {
        guard case .function(let call) = expr.kind else { preconditionFailure("not a function call") }
        return try bindFunction(call, range: expr.range, &context)
    }

    /// Everything else: literals, names, parameters, CASE, CAST, IN, arrays, subqueries.
    private func bindOther(_ expr: Expr, _ context: inout ExprContext) throws -> BoundExpr {
        let range = expr.range
        switch expr.kind {
        case .literal(let literal):
            let value = Self.value(of: literal)
            return BoundExpr(.literal(value), type: TypeRules.literalType(of: value), range: range)
        case .identifier(let parts):
            return try bindIdentifier(parts, range: range, &context)
        case .star:
            throw LoupeError(.syntax, "'*' is only allowed in a select list or in count(*)", at: range)
        case .parameter(let parameter):
            return try bindParameter(parameter, range: range)
        case .in(let value, let target, let negated):
            return try bindIn(value, target, negated: negated, range: range, &context)
        case .case(let operand, let branches, let otherwise):
            return try bindCase(operand, branches, otherwise, range: range, &context)
        case .cast(let inner, let typeName, _):
            return try bindCast(inner, typeName, range: range, &context)
        case .array(let elements):
            return try bindArray(elements, range: range, &context)
        case .subquery(let query):
            return try bindScalarSubquery(query, range: range)
        case .exists(let query):
            return BoundExpr(.exists(try bindSubquery(query)), type: .uint8, range: range)
        case .alias(let inner, let name):
            // Inside `expr AS name`, `name` is the column, not the alias itself.
            let added = context.expanding.insert(name.name).inserted
            defer { if added { context.expanding.remove(name.name) } }
            return try bindExpr(inner, &context)
        case .tuple:
            throw LoupeError(.unsupported, "Tuples are only supported as IN lists", at: range)
        case .lambda:
            throw LoupeError(.unsupported, "Lambda expressions are not supported", at: range)
        case .tupleElement:
            throw LoupeError(.unsupported, "Tuple element access is not supported", at: range)
        case .interval:
            throw LoupeError(.unsupported, "INTERVAL expressions are not supported", at: range)
        case .unary, .binary, .between, .isNull, .ternary, .subscript, .function:
            preconditionFailure("bindOther called with \(expr.kind)")
        }
    }

    private func bindBetween(
        _ value: Expr, _ low: Expr, _ high: Expr, negated: Bool, range: SourceRange, _ context: inout ExprContext
    ) throws -> BoundExpr {
        let parts =
            negated
            ? Expr(
                .binary(
                    .or, Expr(.binary(.less, value, low), range: range),
                    Expr(.binary(.greater, value, high), range: range)), range: range)
            : Expr(
                .binary(
                    .and, Expr(.binary(.greaterOrEqual, value, low), range: range),
                    Expr(.binary(.lessOrEqual, value, high), range: range)), range: range)
        return try bindExpr(parts, &context)
    }

    private func bindCast(_ inner: Expr, _ typeName: TypeName, range: SourceRange, _ context: inout ExprContext)
        throws -> BoundExpr
    {
        let target = try resolveType(typeName)
        return castExplicitly(try bindExpr(inner, &context), to: target, range: range)
    }

    private func bindArray(_ elements: [Expr], range: SourceRange, _ context: inout ExprContext) throws -> BoundExpr {
        if let constant = try constantArray(elements) {
            return BoundExpr(.literal(constant.0), type: constant.1, range: range)
        }
        return try bindCall(FunctionNames.array, elements, range: range, &context)
    }

    private func bindScalarSubquery(_ query: Query, range: SourceRange) throws -> BoundExpr {
        let plan = try bindSubquery(query)
        guard plan.schema.count == 1 else {
            throw LoupeError(
                .type, "Scalar subquery must return exactly one column, got \(plan.schema.count)", at: range)
        }
        // An empty result is NULL, so the type is Nullable (arrays cannot be; they get []).
        let type = plan.schema.fields[0].type
        return BoundExpr(.scalarSubquery(plan), type: type.elementType == nil ? type.asNullable : type, range: range)
    }

    // MARK: Names.

    private func bindIdentifier(_ parts: [Identifier], range: SourceRange, _ context: inout ExprContext) throws
        -> BoundExpr
    {
        let names = parts.map(\.name)
        if names.count == 1, let aliased = context.aliases[names[0]], !context.expanding.contains(names[0]) {
            context.expanding.insert(names[0])
            defer { context.expanding.remove(names[0]) }
            var bound = try bindExpr(aliased, &context)
            bound.range = range
            return bound
        }
        if let index = context.scope.resolve(names) {
            return BoundExpr(.column(index), type: context.scope.columns[index].type, range: range)
        }
        if names.count == 1, let constant = constants[names[0]], !context.expanding.contains(names[0]) {
            context.expanding.insert(names[0])
            defer { context.expanding.remove(names[0]) }
            return try bindExpr(constant, &context)
        }
        let written = names.joined(separator: ".")
        if names.count > 1, !context.scope.hasTable(Array(names.dropLast())) {
            throw LoupeError(
                .unknownName, "Unknown table '\(names.dropLast().joined(separator: "."))' in identifier \(written)",
                at: range)
        }
        throw LoupeError(.unknownName, "Unknown column '\(written)' in \(context.clause)", at: range)
    }

    // MARK: Literals and parameters.

    /// The value of a SQL literal.
    static func value(of literal: Literal) -> Value {
        switch literal {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .float(let f): return .float(f)
        case .string(let s): return .string(s)
        }
    }

    /// `[1, 2.5, -3]` of literals only, as one constant (fast path for embeddings).
    func constantArray(_ elements: [Expr]) throws -> (Value, DataType)? {
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        var types: [DataType] = []
        for e in elements {
            switch e.kind {
            case .literal(let l):
                let v = Self.value(of: l)
                values.append(v)
                if types.last != TypeRules.literalType(of: v) { types.append(TypeRules.literalType(of: v)) }
            case .array(let inner):
                guard let (v, t) = try constantArray(inner) else { return nil }
                values.append(v)
                types.append(t)
            default:
                return nil
            }
        }
        if values.isEmpty { return (.array([]), .array(.nothing)) }
        let element = try TypeRules.supertype(of: types)
        let type = DataType.array(element)
        return (try LiteralConversion.convert(.array(values), to: type), type)
    }

    private func bindParameter(_ parameter: QueryParameter, range: SourceRange) throws -> BoundExpr {
        switch parameter {
        case .positional(let n):
            guard n >= 1, n <= parameters.count else {
                throw LoupeError(.parameter, "No value for parameter ?\(n): \(parameters.count) given", at: range)
            }
            let value = parameters[n - 1]
            return BoundExpr(.literal(value), type: TypeRules.literalType(of: value), range: range)
        case .named(let name, let typeName):
            let type = try resolveType(typeName)
            guard let value = namedParameters[name.name] else {
                throw LoupeError(.parameter, "No value for parameter {\(name.name):\(typeName)}", at: range)
            }
            do {
                return BoundExpr(.literal(try LiteralConversion.convert(value, to: type)), type: type, range: range)
            } catch let error as LoupeError {
                throw LoupeError(.parameter, "Parameter {\(name.name):\(typeName)}: \(error.message)", at: range)
            }
        }
    }

    // MARK: Operators.

    static func functionName(of op: BinaryOperator) -> String {
        switch op {
        case .or: return FunctionNames.or
        case .and: return FunctionNames.and
        case .equal: return FunctionNames.equals
        case .notEqual: return FunctionNames.notEquals
        case .less: return FunctionNames.less
        case .lessOrEqual: return FunctionNames.lessOrEquals
        case .greater: return FunctionNames.greater
        case .greaterOrEqual: return FunctionNames.greaterOrEquals
        case .like: return FunctionNames.like
        case .notLike: return FunctionNames.notLike
        case .ilike: return FunctionNames.ilike
        case .notILike: return FunctionNames.notILike
        case .concat: return FunctionNames.concat
        case .add: return FunctionNames.plus
        case .subtract: return FunctionNames.minus
        case .multiply: return FunctionNames.multiply
        case .divide: return FunctionNames.divide
        case .modulo: return FunctionNames.modulo
        case .intDivide: return FunctionNames.intDiv
        }
    }

    private static func flatten(_ expr: Expr, _ op: BinaryOperator) -> [Expr] {
        if case .binary(op, let l, let r) = expr.kind { return flatten(l, op) + flatten(r, op) }
        return [expr]
    }

    // MARK: Intervals.

    /// `date ± INTERVAL n unit`: whole days on a Date, seconds on a DateTime (a Date shifted by
    /// hours, minutes or seconds becomes a DateTime, as in ClickHouse). Months, quarters and
    /// years need calendar arithmetic and are not supported.
    private func bindIntervalShift(
        _ base: Expr, _ op: BinaryOperator, _ amount: Expr, _ unit: IntervalUnit, range: SourceRange,
        _ context: inout ExprContext
    ) throws -> BoundExpr {
        var value = try bindExpr(base, &context)
        let seconds: Int64
        switch unit {
        case .second: seconds = 1
        case .minute: seconds = 60
        case .hour: seconds = 3600
        case .day: seconds = 86400
        case .week: seconds = 7 * 86400
        case .month, .quarter, .year:
            throw LoupeError(
                .unsupported, "INTERVAL \(unit.rawValue) is not supported; use days or smaller units", at: range)
        }
        let n = try bindExpr(amount, &context)
        guard n.type.isInteger || n.type == .nothing else {
            throw LoupeError(.type, "INTERVAL needs an integer amount, got \(n.type)", at: amount.range)
        }
        var step = seconds
        switch value.type.nonNullable {
        case .date where seconds % 86400 == 0:
            step = seconds / 86400
        case .date:
            value = castImplicitly(value, to: TypeRules.keepingNullability(of: value.type, .dateTime))
        case .dateTime:
            break
        default:
            throw LoupeError(
                .type, "INTERVAL can only be added to a Date or DateTime, not \(value.type)", at: base.range)
        }
        let amountInSteps = BoundExpr(
            .call(
                FunctionNames.multiply, arguments: [castImplicitly(n, to: .int64), .literal(.int(step), .int64)],
                parameters: []), type: TypeRules.keepingNullability(of: n.type, .int64), range: amount.range)
        let name = op == .add ? FunctionNames.plus : FunctionNames.minus
        let resolved = try FunctionRegistry.resolve(name: name, argumentTypes: [value.type, amountInSteps.type])
        return BoundExpr(
            .call(
                name,
                arguments: zip([value, amountInSteps], resolved.argumentTypes).map { castImplicitly($0, to: $1) },
                parameters: []), type: resolved.resultType, range: range)
    }

    // MARK: IN and CASE.

    private func bindIn(
        _ value: Expr, _ target: InTarget, negated: Bool, range: SourceRange, _ context: inout ExprContext
    )
        throws -> BoundExpr
    {
        let lhs = try bindExpr(value, &context)
        let items: [Expr]
        switch target {
        case .subquery(let query):
            var plan = try bindSubquery(query)
            guard plan.schema.count == 1 else {
                throw LoupeError(
                    .type, "Subquery for IN must return exactly one column, got \(plan.schema.count)", at: range)
            }
            let columnType = plan.schema.fields[0].type
            guard let common = TypeRules.supertype(lhs.type, columnType) else {
                throw LoupeError(.type, "Types of IN operands do not match: \(lhs.type) and \(columnType)", at: range)
            }
            if columnType != common {
                var field = plan.schema.fields[0]
                field.type = common
                plan = .project(
                    plan, expressions: [BoundExpr(.cast(.column(0, columnType)), type: common)], schema: Schema([field])
                )
            }
            let type: DataType = lhs.type.isNullable ? .nullable(.uint8) : .uint8
            return BoundExpr(
                .inSubquery(castImplicitly(lhs, to: common), plan, negated: negated), type: type, range: range)
        case .list(let list): items = list
        case .expr(let e):
            switch e.kind {
            case .tuple(let list), .array(let list): items = list
            default: throw LoupeError(.unsupported, "IN needs a parenthesised list or a subquery", at: e.range)
            }
        }
        var bound = try items.map { item -> BoundExpr in
            let b = try bindExpr(item, &context)
            return try adoptingType(b, of: lhs)
        }
        let common = try TypeRules.supertype(of: [lhs.type] + bound.map(\.type)).nonNullable
        guard !bound.isEmpty else { return BoundExpr(.literal(.int(negated ? 1 : 0)), type: .uint8, range: range) }
        let target = TypeRules.keepingNullability(of: lhs.type, common)
        bound = bound.map { castImplicitly($0, to: TypeRules.keepingNullability(of: $0.type, common)) }
        let type: DataType = lhs.type.isNullable ? .nullable(.uint8) : .uint8
        return BoundExpr(.inList(castImplicitly(lhs, to: target), bound, negated: negated), type: type, range: range)
    }

    private func bindCase(
        _ operand: Expr?, _ branches: [LoupeSQL.CaseBranch], _ otherwise: Expr?, range: SourceRange,
        _ context: inout ExprContext
    ) throws -> BoundExpr {
        var conditions: [BoundExpr] = []
        var results: [BoundExpr] = []
        for b in branches {
            let condition =
                operand.map { Expr(.binary(.equal, $0, b.condition), range: b.condition.range) } ?? b.condition
            let c = try bindExpr(condition, &context)
            try requireBoolean(c, clause: "CASE")
            conditions.append(c)
            results.append(try bindExpr(b.result, &context))
        }
        let elseExpr = try otherwise.map { try bindExpr($0, &context) }
        var types = results.map(\.type)
        types.append(elseExpr?.type ?? .nothing)
        let type: DataType
        do { type = try TypeRules.supertype(of: types) } catch let e as LoupeError { throw e.located(at: range) }
        let bound = zip(conditions, results).map { CaseBranch(condition: $0, result: castImplicitly($1, to: type)) }
        return BoundExpr(
            .caseWhen(branches: bound, otherwise: elseExpr.map { castImplicitly($0, to: type) }), type: type,
            range: range)
    }

    // MARK: Conversions.

    /// `expr` converted to `type`: a literal is converted now, anything else gets a cast node.
    func castImplicitly(_ expr: BoundExpr, to type: DataType) -> BoundExpr {
        if expr.type == type { return expr }
        if let v = expr.constantValue, let converted = LiteralConversion.foldedCast(v, to: type) {
            return BoundExpr(.literal(converted), type: type, range: expr.range)
        }
        return BoundExpr(.cast(expr), type: type, range: expr.range)
    }

    /// `CAST(expr AS type)`. A constant is converted now only where that cannot differ from run
    /// time (`LiteralConversion.foldedCast`); otherwise the execution layer converts it.
    func castExplicitly(_ expr: BoundExpr, to type: DataType, range: SourceRange) -> BoundExpr {
        if let v = expr.constantValue, let converted = LiteralConversion.foldedCast(v, to: type) {
            return BoundExpr(.literal(converted), type: type, range: range)
        }
        return BoundExpr(.cast(expr), type: type, range: range)
    }

    /// A literal compared with a non-literal takes the other side's type when it converts
    /// exactly ('2024-01-01' against a Date, 5 against a UInt64, a Float64 array against an
    /// Array(Float32)), as ClickHouse converts constants; otherwise it is left alone. A string
    /// literal compared with any non-string (even a literal: `'1' = 1`) must convert.
    func adoptingType(_ literal: BoundExpr, of other: BoundExpr) throws -> BoundExpr {
        guard let v = literal.constantValue, literal.type != other.type, !v.isNull, other.type != .nothing else {
            return literal
        }
        let target = other.type.nonNullable
        let source = literal.type.nonNullable
        if source.isString && !target.isString {
            do {
                return BoundExpr(
                    .literal(try LiteralConversion.convert(v, to: target)), type: target, range: literal.range)
            } catch let e as LoupeError {
                throw LoupeError(.type, e.message, at: literal.range)
            }
        }
        if other.isLiteral { return literal }
        if case .fixedString = target, source == .string, let padded = try? LiteralConversion.convert(v, to: target) {
            return BoundExpr(.literal(padded), type: target, range: literal.range)
        }
        let numeric = source.isNumeric && target.isNumeric
        let arrays = source.elementType != nil && target.elementType != nil
        guard numeric || arrays, let converted = try? LiteralConversion.convert(v, to: target) else { return literal }
        if numeric, !target.isFloat, converted.doubleValue != v.doubleValue { return literal }
        return BoundExpr(.literal(converted), type: target, range: literal.range)
    }
}
