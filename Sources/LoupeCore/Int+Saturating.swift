// Saturating row-count arithmetic. Counts that come from SQL (LIMIT, OFFSET, sizes the user asks
// for) may be as large as Int.max; adding or multiplying them must cap at the largest Int rather
// than trap, since no real count ever gets that far.

extension Int {
    /// `self + other`, or `Int.max` / `Int.min` when the sum does not fit.
    package func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self * other`, or `Int.max` / `Int.min` when the product does not fit.
    package func saturatingMultiply(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
