// The map from canonical function names (as the binder resolves them, see `FunctionNames` and
// the planner's function registry) to implementations. Each family file contributes its entries;
// the evaluator looks a name up once per call and batch.

import LoupeCore

/// A scalar function body: computes the result column of a call.
typealias ScalarFunction = @Sendable (FunctionCall) throws -> Column

/// How the evaluator treats NULL arguments before calling an implementation.
enum NullHandling: Sendable {
    /// The result is NULL wherever an argument is (ClickHouse's default); the implementation
    /// computes every row from the type defaults in NULL slots and the evaluator sets the flags.
    case propagate
    /// The implementation looks at NULL flags itself (and, or, isNull, coalesce, if...).
    case custom
}

/// A registered scalar function.
struct FunctionEntry: Sendable {
    let nulls: NullHandling
    /// False for functions whose value differs between calls with equal arguments (rand, now is
    /// statement-constant and so counts as deterministic).
    let deterministic: Bool
    let body: ScalarFunction

    init(_ nulls: NullHandling, deterministic: Bool = true, _ body: @escaping ScalarFunction) {
        self.nulls = nulls
        self.deterministic = deterministic
        self.body = body
    }

    /// A deterministic function with ClickHouse's default NULL propagation.
    init(_ body: @escaping ScalarFunction) {
        self.init(.propagate, body)
    }
}

/// Name → implementation, over every function family.
enum FunctionTable {
    /// All registered functions.
    static let entries: [String: FunctionEntry] = {
        var all: [String: FunctionEntry] = [:]
        let families: [[String: FunctionEntry]] = [
            ArithmeticFunctions.entries, ComparisonFunctions.entries, LogicalFunctions.entries,
            ConditionalFunctions.entries, ConversionFunctions.entries, StringFunctions.entries,
            ArrayFunctions.entries, MathFunctions.entries, DateFunctions.entries, DistanceFunctions.entries,
        ]
        for family in families {
            all.merge(family) { first, _ in first }
        }
        return all
    }()

    /// The implementation of `name`, or nil when no such function exists.
    static func lookup(_ name: String) -> FunctionEntry? {
        entries[name]
    }
}
