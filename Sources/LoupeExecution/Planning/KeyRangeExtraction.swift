// Finds the range of the table's sort key that a scan's pushed-down filter allows, so a store
// that keeps per-page min/max of that column can skip pages. Only conjuncts of the form
// `key <op> constant` (and BETWEEN, which binds to two of them) count; everything else is
// ignored, which only widens the range. The filter still runs on every row the store returns.

import LoupeCore
import LoupePlanner
import LoupeStorage

enum KeyRangeExtraction {
    /// The key range `filter` implies for the table column `keyColumn`, given that the scan reads
    /// table columns `columns` (the filter's column references index into that list).
    static func keyRange(of filter: BoundExpr?, keyColumn: Int?, columns: [Int]) -> KeyRange? {
        guard let filter, let keyColumn, let scanned = columns.firstIndex(of: keyColumn) else { return nil }
        var range = KeyRange(column: keyColumn, lower: nil, upper: nil)
        for conjunct in conjuncts(filter) {
            guard case .call(let name, let arguments, _) = conjunct.kind, arguments.count == 2 else { continue }
            if let bound = arguments[1].constantValue, case .column(scanned) = arguments[0].kind {
                tighten(&range, name: name, bound: bound)
            } else if let bound = arguments[0].constantValue, case .column(scanned) = arguments[1].kind {
                tighten(&range, name: mirrored(name), bound: bound)
            }
        }
        return range.lower == nil && range.upper == nil ? nil : range
    }

    private static func conjuncts(_ expr: BoundExpr) -> [BoundExpr] {
        if case .call(FunctionNames.and, let arguments, _) = expr.kind { return arguments.flatMap(conjuncts) }
        return [expr]
    }

    /// The comparison with its operands swapped: `5 < key` is `key > 5`.
    private static func mirrored(_ name: String) -> String {
        switch name {
        case FunctionNames.less: return FunctionNames.greater
        case FunctionNames.lessOrEquals: return FunctionNames.greaterOrEquals
        case FunctionNames.greater: return FunctionNames.less
        case FunctionNames.greaterOrEquals: return FunctionNames.lessOrEquals
        default: return name
        }
    }

    /// Narrows `range` by `key <name> bound` (strict bounds are kept inclusive: a wider range).
    private static func tighten(_ range: inout KeyRange, name: String, bound: Value) {
        if bound == .null { return }
        let lower = [FunctionNames.greater, FunctionNames.greaterOrEquals, FunctionNames.equals].contains(name)
        let upper = [FunctionNames.less, FunctionNames.lessOrEquals, FunctionNames.equals].contains(name)
        if lower, range.lower.map({ ValueOrder.compare(bound, $0) > 0 }) ?? true { range.lower = bound }
        if upper, range.upper.map({ ValueOrder.compare(bound, $0) < 0 }) ?? true { range.upper = bound }
    }
}
