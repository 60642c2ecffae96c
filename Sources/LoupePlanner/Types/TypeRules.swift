// How types combine, following ClickHouse: the type of a literal, the common supertype of several
// types (IF, CASE, UNION, IN lists, array literals, comparisons), and the result types of the
// arithmetic operators. The binder uses these rules to insert explicit casts, so the execution
// layer only ever sees calls whose arguments already have the types the function needs.

import LoupeCore

/// Type rules of the ClickHouse dialect.
public enum TypeRules {
    /// The type ClickHouse gives a literal: the smallest integer type holding the value (UInt8 for
    /// 1, Int8 for -1, UInt16 for 256), Float64 for decimals, Array(supertype of the elements),
    /// Nullable(Nothing) for NULL.
    public static func literalType(of value: Value) -> DataType {
        switch value {
        case .null: return .nothing
        case .bool: return .bool
        case .int(let i):
            if i >= 0 { return smallestUnsigned(UInt64(i)) }
            if i >= Int64(Int8.min) { return .int8 }
            if i >= Int64(Int16.min) { return .int16 }
            if i >= Int64(Int32.min) { return .int32 }
            return .int64
        case .uint(let u): return smallestUnsigned(u)
        case .float: return .float64
        case .string: return .string
        case .date: return .date
        case .dateTime: return .dateTime
        case .vector: return .array(.float32)
        case .array(let elements):
            if elements.isEmpty { return .array(.nothing) }
            let types = elements.map(literalType(of:))
            return .array((try? supertype(of: types)) ?? .nothing)
        }
    }

    private static func smallestUnsigned(_ u: UInt64) -> DataType {
        if u <= UInt64(UInt8.max) { return .uint8 }
        if u <= UInt64(UInt16.max) { return .uint16 }
        if u <= UInt64(UInt32.max) { return .uint32 }
        return .uint64
    }

    /// The integer type of `bits` bits (8...64) and the given signedness.
    public static func integerType(bits: Int, signed: Bool) -> DataType {
        switch (min(bits, 64), signed) {
        case (...8, false): return .uint8
        case (...16, false): return .uint16
        case (...32, false): return .uint32
        case (_, false): return .uint64
        case (...8, true): return .int8
        case (...16, true): return .int16
        case (...32, true): return .int32
        default: return .int64
        }
    }

    /// The common type of `types`, or a `.type` error naming them all.
    public static func supertype(of types: [DataType]) throws -> DataType {
        guard var result = types.first else { return .nothing }
        for t in types.dropFirst() {
            guard let s = supertype(result, t) else {
                let names = types.map(\.description).joined(separator: ", ")
                throw LoupeError(.type, "There is no supertype for types \(names)")
            }
            result = s
        }
        return result
    }

    /// The common type of two types, or nil when they have none (String and UInt8). Deviation
    /// from ClickHouse: UInt64 with a signed integer gives Int64 (ClickHouse makes a Variant).
    public static func supertype(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .nothing { return b.asNullable }
        if b == .nothing { return a.asNullable }
        if a.isNullable || b.isNullable {
            return supertype(a.nonNullable, b.nonNullable)?.asNullable
        }
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return supertype(x, y).map { .array($0) }
        case (.date, .dateTime), (.dateTime, .date):
            return .dateTime
        default: break
        }
        if a.isString && b.isString { return .string }
        if a.isNumeric && b.isNumeric { return numericSupertype(a, b) }
        return nil
    }

    private static func numericSupertype(_ a: DataType, _ b: DataType) -> DataType {
        let a = a == .bool ? DataType.uint8 : a
        let b = b == .bool ? DataType.uint8 : b
        if a == b { return a }
        if a.isFloat || b.isFloat {
            // Float32 holds integers of up to 16 bits exactly; anything wider needs Float64.
            let other = a.isFloat ? b : a
            if (a == .float32 || b == .float32) && !(a == .float64 || b == .float64) {
                if other == .float32 || (other.integerBits ?? 64) <= 16 { return .float32 }
            }
            return .float64
        }
        let bitsA = a.integerBits ?? 64
        let bitsB = b.integerBits ?? 64
        switch (a.isSignedInteger, b.isSignedInteger) {
        case (false, false), (true, true):
            return integerType(bits: max(bitsA, bitsB), signed: a.isSignedInteger)
        default:
            let (signedBits, unsignedBits) = a.isSignedInteger ? (bitsA, bitsB) : (bitsB, bitsA)
            if signedBits > unsignedBits { return integerType(bits: signedBits, signed: true) }
            return integerType(bits: unsignedBits * 2, signed: true)
        }
    }

    /// The result type of `+`, `-`, `*` on two numeric types (ClickHouse widens integers one size:
    /// UInt8 + UInt8 is UInt16; `-` is always signed; any float gives Float64).
    public static func arithmeticType(_ function: String, _ a: DataType, _ b: DataType) -> DataType? {
        let a = a.nonNullable == .bool ? DataType.uint8 : a.nonNullable
        let b = b.nonNullable == .bool ? DataType.uint8 : b.nonNullable
        guard a.isNumeric && b.isNumeric else { return nil }
        if a.isFloat || b.isFloat { return .float64 }
        let bits = max(a.integerBits ?? 64, b.integerBits ?? 64) * 2
        let signed = function == FunctionNames.minus || a.isSignedInteger || b.isSignedInteger
        return integerType(bits: bits, signed: signed)
    }

    /// The result type of `intDiv(a, b)`: the first argument's width, signed if either is signed.
    public static func intDivType(_ a: DataType, _ b: DataType) -> DataType? {
        let a = a.nonNullable == .bool ? DataType.uint8 : a.nonNullable
        let b = b.nonNullable == .bool ? DataType.uint8 : b.nonNullable
        guard a.isNumeric && b.isNumeric else { return nil }
        if a.isFloat || b.isFloat { return .int64 }
        return integerType(bits: a.integerBits ?? 64, signed: a.isSignedInteger || b.isSignedInteger)
    }

    /// The result type of `a % b`: wide enough for both, signed if either is signed.
    public static func moduloType(_ a: DataType, _ b: DataType) -> DataType? {
        let a = a.nonNullable == .bool ? DataType.uint8 : a.nonNullable
        let b = b.nonNullable == .bool ? DataType.uint8 : b.nonNullable
        guard a.isNumeric && b.isNumeric else { return nil }
        if a.isFloat || b.isFloat { return .float64 }
        let bitsA = a.integerBits ?? 64
        let bitsB = b.integerBits ?? 64
        if !a.isSignedInteger && !b.isSignedInteger { return integerType(bits: max(bitsA, bitsB), signed: false) }
        let widenedB = b.isSignedInteger ? bitsB : bitsB * 2
        return integerType(bits: max(bitsA, widenedB), signed: true)
    }

    /// The result type of unary minus: unsigned integers become the next wider signed type.
    public static func negateType(_ a: DataType) -> DataType? {
        let a = a.nonNullable == .bool ? DataType.uint8 : a.nonNullable
        guard a.isNumeric else { return nil }
        if a.isFloat || a.isSignedInteger { return a }
        return integerType(bits: (a.integerBits ?? 64) * 2, signed: true)
    }

    /// `result`, made Nullable when any argument is (or Nullable(Nothing) when one is NULL).
    public static func propagateNulls(_ result: DataType, from arguments: [DataType]) -> DataType {
        if arguments.contains(.nothing) { return .nothing }
        return arguments.contains(where: \.isNullable) ? result.asNullable : result
    }

    /// `target` with the nullability of `source` (the type an argument is cast to).
    public static func keepingNullability(of source: DataType, _ target: DataType) -> DataType {
        if source == .nothing { return .nothing }
        return source.isNullable ? target.asNullable : target.nonNullable
    }

    /// True when a column of this type can be tested for truth (WHERE, HAVING, AND/OR/NOT, IF).
    public static func isBooleanLike(_ type: DataType) -> Bool {
        let t = type.nonNullable
        return t == .nothing || t == .bool || t.isInteger
    }
}
