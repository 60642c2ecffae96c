// The functions the dialect knows: for each name, which argument types it accepts, the types the
// binder casts its arguments to, and its result type. Names are matched case-insensitively
// (`COUNT`, `Count`, `count`) and resolved to one canonical spelling (ClickHouse's, e.g. `toInt64`,
// `startsWith`, `L2Distance`), which is the name the execution layer implements.

import LoupeCore

/// A function call whose types are settled.
public struct ResolvedFunction: Hashable, Sendable {
    /// The canonical name (see `FunctionNames` and the tables in `FunctionRegistry+Scalars`).
    public var name: String
    /// The type each argument must have; the binder casts arguments that differ.
    public var argumentTypes: [DataType]
    /// The type of the call's value.
    public var resultType: DataType

    public init(name: String, argumentTypes: [DataType], resultType: DataType) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.resultType = resultType
    }
}

/// How a function's argument and result types follow from the types it is called with.
struct FunctionSignature: Sendable {
    /// The canonical name.
    var name: String
    /// Accepted argument counts.
    var arity: ClosedRange<Int>
    /// The argument types to cast to and the result type, or nil when the types are illegal.
    var typing: @Sendable ([DataType]) -> (arguments: [DataType], result: DataType)?
}

/// Lookup and type resolution of scalar and aggregate functions.
public enum FunctionRegistry {
    /// Resolves a scalar function call, or throws a `.unknownName` error (with a suggestion when a
    /// known name is close) or a `.type` error naming the argument types.
    public static func resolve(name: String, argumentTypes: [DataType]) throws -> ResolvedFunction {
        let key = name.lowercased()
        if let aggregate = aggregates[key] {
            throw LoupeError(.type, "Aggregate function \(aggregate.name) is found in wrong place in query")
        }
        guard let signature = scalars[key] else { throw unknownFunction(name) }
        return try apply(signature, to: argumentTypes)
    }

    /// Resolves an aggregate call (`count(*)` has no arguments).
    public static func resolveAggregate(name: String, argumentTypes: [DataType]) throws -> ResolvedFunction {
        guard let signature = aggregates[name.lowercased()] else { throw unknownFunction(name) }
        return try apply(signature, to: argumentTypes)
    }

    /// True when `name` is an aggregate function (any spelling).
    public static func isAggregate(_ name: String) -> Bool {
        aggregates[name.lowercased()] != nil
    }

    /// False for functions whose value changes between calls (`rand`, `now`): never folded.
    public static func isDeterministic(_ canonicalName: String) -> Bool {
        !["rand", "rand64", "now", "today"].contains(canonicalName)
    }

    /// For `toInt8` ... `toDateTime`: the type the call converts to (bound as a cast).
    public static func conversionTarget(_ name: String) -> DataType? {
        conversions[name.lowercased()]
    }

    private static func apply(_ signature: FunctionSignature, to types: [DataType]) throws -> ResolvedFunction {
        guard signature.arity.contains(types.count) else {
            let expected =
                signature.arity.lowerBound == signature.arity.upperBound
                ? "\(signature.arity.lowerBound)"
                : signature.arity.upperBound == Int.max
                    ? "at least \(signature.arity.lowerBound)"
                    : "\(signature.arity.lowerBound) to \(signature.arity.upperBound)"
            throw LoupeError(
                .type,
                "Number of arguments for function \(signature.name) doesn't match: passed \(types.count), should be \(expected)"
            )
        }
        guard let typed = signature.typing(types) else {
            let names = types.map(\.description).joined(separator: ", ")
            throw LoupeError(.type, "Illegal types of arguments (\(names)) of function \(signature.name)")
        }
        return ResolvedFunction(name: signature.name, argumentTypes: typed.arguments, resultType: typed.result)
    }

    private static func unknownFunction(_ name: String) -> LoupeError {
        var message = "Unknown function \(name)"
        if let close = suggestion(for: name) { message += ". Maybe you meant: \(close)" }
        return LoupeError(.unknownName, message)
    }

    /// The known function name closest to `name` (edit distance at most 2), if any.
    static func suggestion(for name: String) -> String? {
        let key = Array(name.lowercased())
        var best: (String, Int)?
        for signature in Array(scalars.values) + Array(aggregates.values) {
            let d = editDistance(key, Array(signature.name.lowercased()))
            if d <= 2, d < (best?.1 ?? Int.max) || (d == best?.1 && signature.name < best!.0) {
                best = (signature.name, d)
            }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Builds a lookup table keyed by lower-cased name and aliases.
    static func table(_ entries: [(names: [String], signature: FunctionSignature)]) -> [String: FunctionSignature] {
        var table: [String: FunctionSignature] = [:]
        for entry in entries {
            for name in entry.names { table[name.lowercased()] = entry.signature }
        }
        return table
    }
}
