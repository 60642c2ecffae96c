// Planning a GROUP BY (or a global aggregation): the aggregate node computes the group keys and
// the collected aggregate calls; expressions above it (select list, HAVING, ORDER BY) are
// rewritten to read its output. A sub-expression equal to a GROUP BY key reads that key; an
// aggregate placeholder reads its aggregate; any other column reference is an error, as in
// ClickHouse ("Column 'x' is not under aggregate function and not in GROUP BY keys").

import LoupeCore

/// The keys and aggregates of one SELECT's aggregation.
struct Aggregation {
    let keys: [BoundExpr]
    let calls: [AggregateCall]
    /// The scope the keys and aggregate arguments were bound in (for names in errors).
    let scope: Scope
    private let bareKeys: [BoundExpr]

    init(keys: [BoundExpr], calls: [AggregateCall], scope: Scope) {
        self.keys = keys
        self.calls = calls
        self.scope = scope
        self.bareKeys = keys.map(\.withoutRanges)
    }

    /// The aggregate node over `input`: keys first, then aggregates.
    func plan(over input: LogicalPlan) -> LogicalPlan {
        let names = input.schema.names
        var fields = keys.map { k -> Field in
            if case .column(let i) = k.kind {
                return Field(name: scope.columns[i].name, type: k.type, table: scope.columns[i].tables.first)
            }
            return Field(name: ExprPrinter.text(k, names: names), type: k.type)
        }
        for call in calls {
            let args = call.arguments.map { ExprPrinter.text($0, names: names) }.joined(separator: ", ")
            fields.append(Field(name: "\(call.function)(\(call.distinct ? "DISTINCT " : "")\(args))", type: call.type))
        }
        return .aggregate(input, keys: keys, aggregates: calls, schema: Schema(fields))
    }

    /// `expr` (bound over the aggregation's input, with aggregate placeholders) rewritten over
    /// the aggregate node's output.
    func rewrite(_ expr: BoundExpr) throws -> BoundExpr {
        if let k = bareKeys.firstIndex(of: expr.withoutRanges) {
            return BoundExpr(.column(k), type: keys[k].type, range: expr.range)
        }
        switch expr.kind {
        case .column(let i) where i <= AggregateCollector.placeholderBase:
            let index = AggregateCollector.placeholderBase - i
            return BoundExpr(.column(keys.count + index), type: calls[index].type, range: expr.range)
        case .column(let i):
            throw LoupeError(
                .type, "Column '\(scope.columns[i].name)' is not under aggregate function and not in GROUP BY keys",
                at: expr.range)
        default:
            return expr.withChildren(try expr.children.map(rewrite))
        }
    }
}
