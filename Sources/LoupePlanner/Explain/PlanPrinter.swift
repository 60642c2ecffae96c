// EXPLAIN output: a logical plan as an indented tree, one line per node, children indented two
// spaces under their parent (subqueries of a node's expressions follow its inputs, under a
// `Subquery` line). Expressions print over their input's column names, long literals
// abbreviated, e.g.
//
//     TopK (limit 10, keys: d ASC)
//       Project (id, distance(v, [..512 floats]) AS d)
//         Scan default.t (id, v)

import LoupeCore

/// Renders logical plans as text.
public enum PlanPrinter {
    /// The rows of `EXPLAIN`: one line per node, indented by depth.
    public static func explain(_ plan: LogicalPlan) -> [String] {
        var lines: [String] = []
        render(plan, depth: 0, into: &lines)
        return lines
    }

    /// The plan as one string (lines joined by newlines), for tests and logs.
    public static func text(_ plan: LogicalPlan) -> String {
        explain(plan).joined(separator: "\n")
    }

    private static func render(_ plan: LogicalPlan, depth: Int, into lines: inout [String]) {
        lines.append(String(repeating: "  ", count: depth) + describe(plan))
        if let pattern = VectorSearchPattern.match(plan, subqueryVector: true), let index = pattern.index,
            case .topK(let project, _, let limit, let offset) = plan, case .project(let scan, _, _) = project
        {
            // The scan under this top-k runs as an index search: show it as one.
            lines.append(String(repeating: "  ", count: depth + 1) + describe(project))
            let names = pattern.scanColumns.map { pattern.table.columns[$0].name }
            var line =
                "VectorSearch \(pattern.table.database).\(pattern.table.name) (\(names.joined(separator: ", "))) "
                + "index: \(index.name) \(index.kind) \(index.metric.rawValue), k: \(max(0, limit).saturatingAdd(max(0, offset)))"
            if case .call(_, _, let parameters) = pattern.projections[pattern.distanceOutput].kind, !parameters.isEmpty {
                line += ", " + parameters.map { ValueFormatter.text($0, quoteStrings: false) }.joined(separator: ", ")
            }
            if let filter = pattern.filter { line += " filter: " + ExprPrinter.text(filter, names: names) }
            lines.append(String(repeating: "  ", count: depth + 2) + line)
            for subquery in subqueries(of: scan) + subqueries(of: project) + subqueries(of: plan) {
                lines.append(String(repeating: "  ", count: depth + 1) + "Subquery")
                render(subquery, depth: depth + 2, into: &lines)
            }
            return
        }
        for child in plan.children { render(child, depth: depth + 1, into: &lines) }
        for subquery in subqueries(of: plan) {
            lines.append(String(repeating: "  ", count: depth + 1) + "Subquery")
            render(subquery, depth: depth + 2, into: &lines)
        }
    }

    /// The plans of IN, EXISTS and scalar subqueries in a node's own expressions.
    private static func subqueries(of plan: LogicalPlan) -> [LogicalPlan] {
        var found: [LogicalPlan] = []
        func collect(_ e: BoundExpr) {
            switch e.kind {
            case .inSubquery(_, let p, _), .scalarSubquery(let p), .exists(let p): found.append(p)
            default: break
            }
            e.children.forEach(collect)
        }
        _ = plan.mapExpressions { e in
            collect(e)
            return e
        }
        return found
    }

    /// The names expressions over `plan`'s output print with (qualified where two fields share a name).
    static func inputNames(_ plan: LogicalPlan) -> [String] {
        let fields = plan.schema.fields
        var counts: [String: Int] = [:]
        for f in fields { counts[f.name, default: 0] += 1 }
        return fields.map { f in
            if counts[f.name, default: 0] > 1, let table = f.table { return "\(table).\(f.name)" }
            return f.name
        }
    }

    /// One node's line (without indentation).
    static func describe(_ plan: LogicalPlan) -> String {
        switch plan {
        case .scan(let table, let columns, let filter, _):
            let names = columns.map { table.columns[$0].name }
            var line = "Scan \(table.database).\(table.name) (\(names.joined(separator: ", ")))"
            if let filter { line += " filter: " + ExprPrinter.text(filter, names: names) }
            return line
        case .values(let rows, let schema):
            let noun = rows.count == 1 ? "row" : "rows"
            let cols = schema.names.isEmpty ? "" : ": " + schema.names.joined(separator: ", ")
            return "Values (\(rows.count) \(noun)\(cols))"
        case .filter(let input, let predicate):
            return "Filter (\(ExprPrinter.text(predicate, names: inputNames(input))))"
        case .project(let input, let expressions, let schema):
            let names = inputNames(input)
            let items = zip(expressions, schema.fields).map { expr, field in
                named(ExprPrinter.text(expr, names: names), field.name)
            }
            return "Project (\(items.joined(separator: ", ")))"
        case .aggregate(let input, let keys, let aggregates, let schema):
            let names = inputNames(input)
            let keyText = zip(keys, schema.fields).map { k, f in named(ExprPrinter.text(k, names: names), f.name) }
            let aggText = zip(aggregates, schema.fields.dropFirst(keys.count)).map { a, f in
                named(aggregate(a, names: names), f.name)
            }
            var parts: [String] = []
            if !keyText.isEmpty { parts.append("keys: " + keyText.joined(separator: ", ")) }
            if !aggText.isEmpty { parts.append("aggregates: " + aggText.joined(separator: ", ")) }
            return "Aggregate (\(parts.joined(separator: "; ")))"
        case .join(let left, _, let kind, let leftKeys, let rightKeys, let residual, let useNulls, _):
            // Keys print over the combined row so that same-named columns show their tables.
            let names = inputNames(plan)
            let leftCount = left.schema.count
            var conditions = zip(leftKeys, rightKeys).map { l, r in
                "\(ExprPrinter.text(l, names: names)) = \(ExprPrinter.text(r.shifted(by: leftCount), names: names))"
            }
            if let residual { conditions.append(ExprPrinter.text(residual, names: names)) }
            var line = "Join \(kind.rawValue)"
            if !conditions.isEmpty { line += " (\(conditions.joined(separator: " AND ")))" }
            if useNulls { line += " join_use_nulls" }
            return line
        case .sort(let input, let keys):
            return "Sort (keys: \(sortKeys(keys, names: inputNames(input))))"
        case .limit(_, let limit, let offset):
            var parts: [String] = []
            if let limit { parts.append("limit \(limit)") }
            if offset > 0 { parts.append("offset \(offset)") }
            return "Limit (\(parts.joined(separator: ", ")))"
        case .topK(let input, let keys, let limit, let offset):
            let offsetText = offset > 0 ? ", offset \(offset)" : ""
            return "TopK (limit \(limit)\(offsetText), keys: \(sortKeys(keys, names: inputNames(input))))"
        case .distinct:
            return "Distinct"
        case .union(_, let all, _):
            return all ? "Union ALL" : "Union DISTINCT"
        }
    }

    private static func named(_ text: String, _ name: String) -> String {
        text == name ? text : "\(text) AS \(name)"
    }

    private static func aggregate(_ call: AggregateCall, names: [String]) -> String {
        let params =
            call.parameters.isEmpty ? "" : "(" + call.parameters.map(ExprPrinter.literal).joined(separator: ", ") + ")"
        let args = call.arguments.map { ExprPrinter.text($0, names: names) }.joined(separator: ", ")
        return "\(call.function)\(params)(\(call.distinct ? "DISTINCT " : "")\(args))"
    }

    private static func sortKeys(_ keys: [SortKey], names: [String]) -> String {
        keys.map { k in
            ExprPrinter.text(k.expression, names: names) + (k.descending ? " DESC" : " ASC")
                + (k.nullsFirst ? " NULLS FIRST" : "")
        }.joined(separator: ", ")
    }
}
