// The scalar functions and their typing rules. After binding, each call's arguments have exactly
// the `argumentTypes` chosen here: arithmetic and comparison arguments share one type (integer
// arithmetic computes in Int64/UInt64 and labels the result with ClickHouse's result type),
// math functions take Float64, string functions take String, distances take two arrays of one
// element type. Nullable arguments stay Nullable; the result is then Nullable too.

import LoupeCore

extension FunctionRegistry {
    static let scalars: [String: FunctionSignature] = table(
        [
            // Arithmetic.
            ([FunctionNames.plus], arithmetic(FunctionNames.plus)),
            ([FunctionNames.minus], arithmetic(FunctionNames.minus)),
            ([FunctionNames.multiply], arithmetic(FunctionNames.multiply)),
            (
                [FunctionNames.divide],
                sig(FunctionNames.divide, 2) { t in
                    t.allSatisfy(isNumericOrNull) ? (t.map { cast($0, .float64) }, nulls(.float64, t)) : nil
                }
            ),
            ([FunctionNames.intDiv], integerOp(FunctionNames.intDiv, TypeRules.intDivType)),
            (["intDivOrZero"], integerOp("intDivOrZero", TypeRules.intDivType)),
            ([FunctionNames.modulo, "mod"], integerOp(FunctionNames.modulo, TypeRules.moduloType)),
            (
                [FunctionNames.negate],
                sig(FunctionNames.negate, 1) { t in
                    if t[0] == .nothing { return (t, .nothing) }
                    return TypeRules.negateType(t[0]).map { r in ([cast(t[0], r)], nulls(r, t)) }
                }
            ),
            // Comparisons.
            ([FunctionNames.equals], comparison(FunctionNames.equals)),
            ([FunctionNames.notEquals], comparison(FunctionNames.notEquals)),
            ([FunctionNames.less], comparison(FunctionNames.less)),
            ([FunctionNames.lessOrEquals], comparison(FunctionNames.lessOrEquals)),
            ([FunctionNames.greater], comparison(FunctionNames.greater)),
            ([FunctionNames.greaterOrEquals], comparison(FunctionNames.greaterOrEquals)),
            // Logic: any integer or Bool, non-zero is true.
            ([FunctionNames.and], logical(FunctionNames.and, 2...Int.max)),
            ([FunctionNames.or], logical(FunctionNames.or, 2...Int.max)),
            ([FunctionNames.not], logical(FunctionNames.not, 1...1)),
            ([FunctionNames.isNull], sig(FunctionNames.isNull, 1) { t in (t, .uint8) }),
            ([FunctionNames.isNotNull], sig(FunctionNames.isNotNull, 1) { t in (t, .uint8) }),
            // Strings.
            ([FunctionNames.like], stringPredicate(FunctionNames.like, 2)),
            ([FunctionNames.notLike], stringPredicate(FunctionNames.notLike, 2)),
            ([FunctionNames.ilike], stringPredicate(FunctionNames.ilike, 2)),
            ([FunctionNames.notILike], stringPredicate(FunctionNames.notILike, 2)),
            (["startsWith"], stringPredicate("startsWith", 2)),
            (["endsWith"], stringPredicate("endsWith", 2)),
            (
                ["position", "locate"],
                sig("position", 2) { t in
                    t.allSatisfy(isStringOrNull) ? (t.map { cast($0, .string) }, nulls(.uint64, t)) : nil
                }
            ),
            (
                [FunctionNames.concat],
                FunctionSignature(name: FunctionNames.concat, arity: 1...Int.max) { t in
                    (t.map { cast($0, .string) }, nulls(.string, t))
                }
            ),
            (["lower", "lcase"], stringMap("lower")),
            (["upper", "ucase"], stringMap("upper")),
            (["trimBoth", "trim"], stringMap("trimBoth")),
            (["trimLeft", "ltrim"], stringMap("trimLeft")),
            (["trimRight", "rtrim"], stringMap("trimRight")),
            (["reverse"], stringMap("reverse")),
            (["lowerUTF8"], stringMap("lowerUTF8")),
            (["upperUTF8"], stringMap("upperUTF8")),
            (
                ["lengthUTF8"],
                sig("lengthUTF8", 1) { t in
                    isStringOrNull(t[0]) ? ([cast(t[0], .string)], nulls(.uint64, t)) : nil
                }
            ),
            (
                ["substring", "substr", "mid"],
                FunctionSignature(name: "substring", arity: 2...3) { t in
                    guard isStringOrNull(t[0]), t.dropFirst().allSatisfy(isIntegerOrNull) else { return nil }
                    return ([cast(t[0], .string)] + t.dropFirst().map { cast($0, .int64) }, nulls(.string, t))
                }
            ),
            (
                ["replaceAll", "replace"],
                sig("replaceAll", 3) { t in
                    t.allSatisfy(isStringOrNull) ? (t.map { cast($0, .string) }, nulls(.string, t)) : nil
                }
            ),
            (["toString"], sig("toString", 1) { t in (t, nulls(.string, t)) }),
            (["toTypeName"], sig("toTypeName", 1) { t in (t, .string) }),
            // Strings and arrays.
            (["length"], sizeFunction("length", .uint64)),
            (["empty"], sizeFunction("empty", .uint8)),
            (["notEmpty"], sizeFunction("notEmpty", .uint8)),
            // Math.
            (
                ["abs"],
                sig("abs", 1) { t in
                    let a = t[0].nonNullable
                    guard a.isNumeric || a == .nothing else { return nil }
                    let r = a.isSignedInteger ? TypeRules.integerType(bits: a.integerBits ?? 64, signed: false) : a
                    return (t, nulls(r, t))
                }
            ),
            (["round"], rounding("round")),
            (["sign"], sig("sign", 1) { t in isNumericOrNull(t[0]) ? (t, nulls(.int8, t)) : nil }),
            (["floor"], rounding("floor")),
            (["isNaN"], floatTest("isNaN")),
            (["isInfinite"], floatTest("isInfinite")),
            (["isFinite"], floatTest("isFinite")),
            (["ceil", "ceiling"], rounding("ceil")),
            (["sqrt"], floatMath("sqrt", 1)),
            (["exp"], floatMath("exp", 1)),
            (["log", "ln"], floatMath("log", 1)),
            (["log2"], floatMath("log2", 1)),
            (["log10"], floatMath("log10", 1)),
            (["pow", "power"], floatMath("pow", 2)),
            (["greatest"], variadicSupertype("greatest")),
            (["least"], variadicSupertype("least")),
            // Conditionals.
            (
                [FunctionNames.if],
                sig(FunctionNames.if, 3) { t in
                    guard TypeRules.isBooleanLike(t[0]), let s = TypeRules.supertype(t[1], t[2]) else { return nil }
                    return ([t[0], s, s], s)
                }
            ),
            (
                ["multiIf"],
                FunctionSignature(name: "multiIf", arity: 3...Int.max) { t in
                    guard t.count % 2 == 1 else { return nil }
                    let conditions = stride(from: 0, to: t.count - 1, by: 2).map { t[$0] }
                    let results = stride(from: 1, to: t.count - 1, by: 2).map { t[$0] } + [t[t.count - 1]]
                    guard conditions.allSatisfy(TypeRules.isBooleanLike), let s = try? TypeRules.supertype(of: results)
                    else { return nil }
                    return (t.enumerated().map { $0.offset % 2 == 0 && $0.offset < t.count - 1 ? $0.element : s }, s)
                }
            ),
            (["xor"], logical("xor", 2...Int.max)),
            (["coalesce"], FunctionSignature(name: "coalesce", arity: 1...Int.max) { t in coalesce(t) }),
            (
                ["nullIf"],
                sig("nullIf", 2) { t in
                    guard let s = TypeRules.supertype(t[0], t[1]) else { return nil }
                    if t[0] == .nothing { return (t, .nothing) }
                    return ([cast(t[0], s.nonNullable), cast(t[1], s.nonNullable)], s.asNullable)
                }
            ),
            (["assumeNotNull"], sig("assumeNotNull", 1) { t in (t, t[0].nonNullable) }),
            (["toNullable"], sig("toNullable", 1) { t in (t, t[0].asNullable) }),
            (["ifNull"], sig("ifNull", 2) { t in coalesce(t) }),
            // Arrays.
            (
                [FunctionNames.array],
                FunctionSignature(name: FunctionNames.array, arity: 0...Int.max) { t in
                    guard let s = try? TypeRules.supertype(of: t) else { return nil }
                    return (t.map { _ in s }, .array(t.isEmpty ? .nothing : s))
                }
            ),
            (
                [FunctionNames.arrayElement],
                sig(FunctionNames.arrayElement, 2) { t in
                    guard let element = t[0].elementType, isIntegerOrNull(t[1]) else { return nil }
                    return ([t[0], cast(t[1], .int64)], t[1].isNullable ? element.asNullable : element)
                }
            ),
            (
                ["has"],
                sig("has", 2) { t in
                    guard let element = t[0].elementType, let s = TypeRules.supertype(element, t[1]) else { return nil }
                    return ([.array(s), s], .uint8)
                }
            ),
            (
                ["indexOf"],
                sig("indexOf", 2) { t in
                    guard let element = t[0].elementType, let s = TypeRules.supertype(element, t[1]) else { return nil }
                    return ([.array(s), s], .uint64)
                }
            ),
            (
                ["arraySum"],
                sig("arraySum", 1) { t in
                    guard let element = t[0].elementType?.nonNullable, element.isNumeric else { return nil }
                    let r: DataType = element.isFloat ? .float64 : element.isSignedInteger ? .int64 : .uint64
                    return (t, r)
                }
            ),
            // Dates and times (of a Date or DateTime).
            (["toYear"], calendar("toYear", .uint16)),
            (["toMonth"], calendar("toMonth", .uint8)),
            (["toDayOfMonth"], calendar("toDayOfMonth", .uint8)),
            (["toDayOfWeek"], calendar("toDayOfWeek", .uint8)),
            (["toHour"], calendar("toHour", .uint8)),
            (["toMinute"], calendar("toMinute", .uint8)),
            (["toSecond"], calendar("toSecond", .uint8)),
            (["toYYYYMM"], calendar("toYYYYMM", .uint32)),
            (["toUnixTimestamp"], calendar("toUnixTimestamp", .uint32)),
            (["toStartOfYear"], calendar("toStartOfYear", .date)),
            (["toStartOfMonth"], calendar("toStartOfMonth", .date)),
            (["toStartOfDay"], calendar("toStartOfDay", .dateTime)),
            (["toStartOfHour"], calendar("toStartOfHour", .dateTime)),
            // Non-deterministic.
            (["rand"], FunctionSignature(name: "rand", arity: 0...1) { t in (t, .uint32) }),
            (["rand64"], FunctionSignature(name: "rand64", arity: 0...1) { t in (t, .uint64) }),
            (["now"], sig("now", 0) { t in (t, .dateTime) }),
            (["today"], sig("today", 0) { t in (t, .date) }),
            // Distances.
            ([FunctionNames.distance], distance(FunctionNames.distance)),
            ([FunctionNames.cosineDistance], distance(FunctionNames.cosineDistance)),
            ([FunctionNames.l2Distance], distance(FunctionNames.l2Distance)),
            ([FunctionNames.l2SquaredDistance], distance(FunctionNames.l2SquaredDistance)),
            ([FunctionNames.dotProduct], distance(FunctionNames.dotProduct)),
        ]
            + conversions.map { name, type in
                ([name], sig(name, 1) { t in (t, TypeRules.keepingNullability(of: t[0], type)) })
            }
            + conversions.filter { $0.value != .bool }.flatMap { _, type in lenientConversions(to: type) })

    /// `toXOrZero(s)` and `toXOrNull(s)`: text converted to X, the type default (OrZero) or NULL
    /// (OrNull) where it does not convert. As in ClickHouse they take only strings.
    private static func lenientConversions(to type: DataType) -> [([String], FunctionSignature)] {
        let base = "to" + type.description
        return [
            ([base + "OrZero"], sig(base + "OrZero", 1) { t in
                isStringOrNull(t[0]) ? ([cast(t[0], .string)], cast(t[0], type)) : nil
            }),
            ([base + "OrNull"], sig(base + "OrNull", 1) { t in
                isStringOrNull(t[0]) ? ([cast(t[0], .string)], .nullable(type)) : nil
            }),
        ]
    }

    /// The conversion functions, bound as casts.
    static let conversions: [String: DataType] = {
        let pairs: [(String, DataType)] = [
            ("toInt8", .int8), ("toInt16", .int16), ("toInt32", .int32), ("toInt64", .int64),
            ("toUInt8", .uint8), ("toUInt16", .uint16), ("toUInt32", .uint32), ("toUInt64", .uint64),
            ("toFloat32", .float32), ("toFloat64", .float64), ("toDate", .date), ("toDateTime", .dateTime),
            ("toBool", .bool),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.lowercased(), $0.1) })
    }()

    // MARK: Signature builders.

    private static func sig(
        _ name: String, _ count: Int, _ typing: @escaping @Sendable ([DataType]) -> ([DataType], DataType)?
    ) -> FunctionSignature {
        FunctionSignature(name: name, arity: count...count) { typing($0).map { (arguments: $0.0, result: $0.1) } }
    }

    static func isNumericOrNull(_ t: DataType) -> Bool { t.isNumeric || t == .nothing }
    static func isIntegerOrNull(_ t: DataType) -> Bool { t.isInteger || t == .nothing }
    static func isStringOrNull(_ t: DataType) -> Bool { t.isString || t == .nothing }

    /// `target` with the nullability of `source`.
    private static func cast(_ source: DataType, _ target: DataType) -> DataType {
        TypeRules.keepingNullability(of: source, target)
    }

    private static func nulls(_ result: DataType, _ arguments: [DataType]) -> DataType {
        TypeRules.propagateNulls(result, from: arguments)
    }

    private static func arithmetic(_ name: String) -> FunctionSignature {
        sig(name, 2) { t in
            if t.contains(.nothing) && t.allSatisfy(isNumericOrNull) { return (t, .nothing) }
            let (a, b) = (t[0].nonNullable, t[1].nonNullable)
            // Date and DateTime shift by whole days/seconds; the difference of two dates is Int32.
            if a == .date || a == .dateTime {
                if b.isInteger && name != FunctionNames.multiply { return ([t[0], cast(t[1], .int64)], nulls(a, t)) }
                if b == a && name == FunctionNames.minus { return (t, nulls(.int32, t)) }
                return nil
            }
            if (b == .date || b == .dateTime) && a.isInteger && name == FunctionNames.plus {
                return ([cast(t[0], .int64), t[1]], nulls(b, t))
            }
            guard let r = TypeRules.arithmeticType(name, a, b) else { return nil }
            return (t.map { cast($0, r) }, nulls(r, t))
        }
    }

    private static func integerOp(
        _ name: String, _ rule: @escaping @Sendable (DataType, DataType) -> DataType?
    ) -> FunctionSignature {
        sig(name, 2) { t in
            if t.contains(.nothing) && t.allSatisfy(isNumericOrNull) { return (t, .nothing) }
            guard let r = rule(t[0], t[1]) else { return nil }
            let (a, b) = (t[0].nonNullable, t[1].nonNullable)
            let compute: DataType =
                a.isFloat || b.isFloat
                ? .float64 : (a.isUnsignedInteger && b.isUnsignedInteger && r == .uint64 ? .uint64 : .int64)
            return (t.map { cast($0, compute) }, nulls(r, t))
        }
    }

    private static func comparison(_ name: String) -> FunctionSignature {
        sig(name, 2) { t in
            if t.contains(.nothing) { return (t, .nothing) }
            let (a, b) = (t[0].nonNullable, t[1].nonNullable)
            let comparable =
                (a.isNumeric && b.isNumeric) || (a.isString && b.isString)
                || ([.date, .dateTime].contains(a) && [.date, .dateTime].contains(b))
                || (a.elementType != nil && b.elementType != nil)
            guard comparable, let s = TypeRules.supertype(a, b) else { return nil }
            // UInt64 against a signed integer has no common integer type; the comparison
            // kernels order the two exactly, so the arguments keep their types.
            if a.isInteger && b.isInteger && (a == .uint64) != (b == .uint64)
                && (a.isSignedInteger || b.isSignedInteger)
            {
                return (t, nulls(.uint8, t))
            }
            return (t.map { cast($0, s) }, nulls(.uint8, t))
        }
    }

    private static func logical(_ name: String, _ arity: ClosedRange<Int>) -> FunctionSignature {
        FunctionSignature(name: name, arity: arity) { t in
            guard t.allSatisfy(TypeRules.isBooleanLike) else { return nil }
            if name == FunctionNames.not && t[0] == .nothing { return (t, .nothing) }
            // UInt8, or Bool when an argument is Bool (ClickHouse: `b AND 1` is Bool).
            let result: DataType = t.contains { $0.nonNullable == .bool } ? .bool : .uint8
            return (t, t.contains(where: \.isNullable) ? .nullable(result) : result)
        }
    }

    private static func stringPredicate(_ name: String, _ count: Int) -> FunctionSignature {
        sig(name, count) { t in
            t.allSatisfy(isStringOrNull) ? (t.map { cast($0, .string) }, nulls(.uint8, t)) : nil
        }
    }

    private static func stringMap(_ name: String) -> FunctionSignature {
        sig(name, 1) { t in isStringOrNull(t[0]) ? ([cast(t[0], .string)], nulls(.string, t)) : nil }
    }

    private static func sizeFunction(_ name: String, _ result: DataType) -> FunctionSignature {
        sig(name, 1) { t in
            let a = t[0].nonNullable
            guard a.isString || a.elementType != nil || a == .nothing else { return nil }
            // A FixedString(N) keeps its type: its length is always N.
            return (t, nulls(result, t))
        }
    }

    private static func rounding(_ name: String) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...2) { t in
            guard isNumericOrNull(t[0]), t.count == 1 || isIntegerOrNull(t[1]) else { return nil }
            let r = t[0].nonNullable == .bool ? DataType.uint8 : t[0].nonNullable
            return ([t[0]] + t.dropFirst().map { cast($0, .int64) }, nulls(r, t))
        }
    }

    private static func calendar(_ name: String, _ result: DataType) -> FunctionSignature {
        sig(name, 1) { t in
            [.date, .dateTime, .nothing].contains(t[0].nonNullable) ? (t, nulls(result, t)) : nil
        }
    }

    private static func floatTest(_ name: String) -> FunctionSignature {
        sig(name, 1) { t in isNumericOrNull(t[0]) ? ([cast(t[0], .float64)], nulls(.uint8, t)) : nil }
    }

    private static func floatMath(_ name: String, _ count: Int) -> FunctionSignature {
        sig(name, count) { t in
            t.allSatisfy(isNumericOrNull) ? (t.map { cast($0, .float64) }, nulls(.float64, t)) : nil
        }
    }

    private static func variadicSupertype(_ name: String) -> FunctionSignature {
        FunctionSignature(name: name, arity: 1...Int.max) { t in
            guard let s = try? TypeRules.supertype(of: t) else { return nil }
            return (t.map { _ in s }, s)
        }
    }

    private static func coalesce(_ t: [DataType]) -> ([DataType], DataType)? {
        let present = t.filter { $0 != .nothing }
        guard !present.isEmpty else { return (t, .nothing) }
        guard let s = try? TypeRules.supertype(of: present.map(\.nonNullable)) else { return nil }
        let result = present.contains(where: { !$0.isNullable }) ? s : s.asNullable
        return (t.map { $0 == .nothing ? $0 : cast($0, s) }, result)
    }

    private static func distance(_ name: String) -> FunctionSignature {
        sig(name, 2) { t in
            guard let x = t[0].elementType?.nonNullable, let y = t[1].elementType?.nonNullable,
                x.isNumeric || x == .nothing, y.isNumeric || y == .nothing
            else { return nil }
            let element: DataType =
                (x == .float32 || x == .nothing) && (y == .float32 || y == .nothing) ? .float32 : .float64
            return ([.array(element), .array(element)], element)
        }
    }
}
