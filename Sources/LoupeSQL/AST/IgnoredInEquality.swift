// The wrapper that keeps source ranges out of AST equality. Two parses of the same SQL at
// different places in a script (or a parse and a reparse of printed SQL) produce equal trees,
// which is what round-trip tests and plan caches want; the ranges stay readable for errors.

/// Wraps a value that `==` and `hash(into:)` ignore: any two wrapped values are equal.
///
/// AST nodes declare `@IgnoredInEquality public var range: SourceRange`, so the synthesized
/// `Equatable`/`Hashable` conformances compare structure only.
@propertyWrapper
public struct IgnoredInEquality<Wrapped: Sendable>: Hashable, Sendable {
    public var wrappedValue: Wrapped

    public init(wrappedValue: Wrapped) {
        self.wrappedValue = wrappedValue
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { true }

    public func hash(into hasher: inout Hasher) {}
}
