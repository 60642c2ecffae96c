// What a scalar function implementation receives: its evaluated arguments (columns or
// constants), the declared result type, the row count, and the statement's context. Built by the
// evaluator for each call over each batch.

import LoupeCore

/// One invocation of a scalar function over a batch.
struct FunctionCall {
    /// The canonical name the function was called by.
    let name: String
    let arguments: [Operand]
    /// Parametric arguments (`f(p)(x)`).
    let parameters: [Value]
    /// The type the binder declared for the result; implementations return columns of this type.
    let resultType: DataType
    /// Rows in the batch.
    let count: Int
    /// For NULL-propagating functions: rows where some argument is NULL (their result slots are
    /// ignored, so kernels must not fail on them).
    let nulls: [Bool]?
    let context: EvaluationContext
    /// Where the call was written, for errors.
    let range: SourceRange?

    /// True when row `i` is NULL in some argument (its result does not matter).
    @inline(__always)
    func isNull(_ i: Int) -> Bool { nulls?[i] ?? false }

    /// An error located at the call.
    func error(_ kind: LoupeError.Kind, _ message: String, row: Int? = nil) -> LoupeError {
        LoupeError(kind, message, at: range, row: row)
    }

    /// Fails unless the call has between `min` and `max` arguments.
    func expectArguments(_ min: Int, _ max: Int? = nil) throws {
        let upper = max ?? min
        guard arguments.count >= min, arguments.count <= upper else {
            let expected = min == upper ? "\(min)" : "\(min) to \(upper)"
            throw error(.type, "function \(name) expects \(expected) arguments, got \(arguments.count)")
        }
    }

    /// A column of the result type holding `value` in every row.
    func constantColumn(_ value: Value) -> Column {
        if value.isNull && !resultType.isNullable {
            return Column(type: resultType, repeating: resultType.defaultValue, count: count)
        }
        return Column(type: resultType, repeating: ValueCoercion.fit(value, to: resultType), count: count)
    }
}
