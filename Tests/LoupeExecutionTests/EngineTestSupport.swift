// Runs SQL scripts against an engine and returns the last statement's rows as text, for the
// engine-level tests.

import LoupeCore
import LoupeSQL

@testable import LoupeExecution

extension LoupeExecution.Engine {
    /// Runs every statement of `sql`; returns the rows of the last one, each value as text.
    @discardableResult
    func runScript(_ sql: String) throws -> [[String]] {
        var last: [[String]] = []
        for statement in try Parser.parseScript(sql) {
            let result = try execute(statement)
            last = []
            while let batch = try result.next() {
                for i in 0..<batch.count {
                    last.append(batch.columns.map { ValueFormatter.text($0.value(at: i), type: $0.type) })
                }
            }
        }
        return last
    }
}
