// Evaluates a table's CHECK constraints over complete rows before they are stored. A row
// violates a constraint when its predicate is false or NULL (as ClickHouse). The error names the
// constraint, its text, the 1-based row, and the value found: for `lhs = rhs` constraints the
// value of `lhs` (`length(photo_embed) is 511`), otherwise the row's column values.

import Foundation
import LoupeCore
import LoupePlanner

/// Checks rows against CHECK constraints.
struct ConstraintChecker {
    let table: TableDefinition
    let checks: [BoundCheck]
    let evaluator: ExpressionEvaluator

    /// Checks `batch` (one column per table column); rows are numbered from `firstRow`.
    func check(_ batch: Batch, firstRow: Int) throws {
        guard !checks.isEmpty, batch.count > 0 else { return }
        for start in stride(from: 0, to: batch.count, by: Batch.capacity) {
            let range = start..<min(start + Batch.capacity, batch.count)
            try check(batch.rows(in: range), rowNumbers: range.map { firstRow + $0 })
        }
    }

    /// Checks `batch`, whose row `i` is reported as row `rowNumbers[i]`.
    func check(_ batch: Batch, rowNumbers: [Int]) throws {
        for check in checks {
            let passing = try evaluator.selectRows(check.predicate, on: batch)
            guard passing.count < batch.count else { continue }
            var row = 0
            for p in passing {
                if p != row { break }
                row += 1
            }
            let detail = ((try? found(check, batch.gather([row]))) ?? nil) ?? rowValues(batch, row)
            throw LoupeError(
                .constraint, "Constraint '\(check.name)' (\(check.text)) violated at row \(rowNumbers[row]): \(detail)",
                row: rowNumbers[row])
        }
    }

    /// `lhs is value` for a constraint of the form `lhs = rhs`, else nil.
    private func found(_ check: BoundCheck, _ row: Batch) throws -> String? {
        guard case .call(let name, let arguments, _) = check.predicate.kind, name == FunctionNames.equals,
            arguments.count == 2, let lhsText = Self.leftOperand(of: check.text)
        else { return nil }
        var lhs = arguments[0]
        if case .cast(let inner) = lhs.kind { lhs = inner }
        let value = try evaluator.evaluate(lhs, on: row)
        return "\(lhsText) is " + ValueFormatter.text(value.value(at: 0), type: value.type, quoteStrings: true)
    }

    /// The row's values, `name = value` each (long arrays and strings shortened).
    private func rowValues(_ batch: Batch, _ row: Int) -> String {
        table.columns.indices.map { c in
            let value = batch.columns[c].value(at: row)
            var text = ValueFormatter.text(value, type: table.columns[c].type, quoteStrings: true)
            if let elements = value.arrayElements, elements.count > 8 {
                text =
                    "[" + elements.prefix(4).map { ValueFormatter.text($0, quoteStrings: true) }.joined(separator: ",")
                    + ",...] (\(elements.count) elements)"
            } else if text.count > 80 {
                text = String(text.prefix(77)) + "..."
            }
            return "\(table.columns[c].name) = \(text)"
        }.joined(separator: ", ")
    }

    /// The text left of the top-level `=` in `text` (outside brackets and quotes), if exactly one.
    static func leftOperand(of text: String) -> String? {
        let chars = Array(text)
        var depth = 0
        var quote: Character?
        var split: Int?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 1 } else if c == q { quote = nil }
            } else if c == "'" || c == "`" || c == "\"" {
                quote = c
            } else if c == "(" || c == "[" {
                depth += 1
            } else if c == ")" || c == "]" {
                depth -= 1
            } else if c == "=" && depth == 0 && (i == 0 || !"!<>".contains(chars[i - 1])) {
                if split != nil { return nil }
                split = i
                if i + 1 < chars.count && chars[i + 1] == "=" { i += 1 }
            }
            i += 1
        }
        guard let split else { return nil }
        let lhs = String(chars[..<split]).trimmingCharacters(in: .whitespaces)
        return lhs.isEmpty ? nil : lhs
    }
}
