// Builds random SQL for the robustness tests from a seeded generator, so every run sees the same
// statements: function calls with extreme and ill-typed arguments, operators, casts to every type,
// array indexing, substrings and IN lists, placed in a SELECT list, WHERE, ORDER BY, GROUP BY, a
// FROM-less SELECT, a LIMIT/OFFSET, a JOIN key, a UNION ALL branch, or an INSERT. The statements
// read the table `fuzzSetup` creates.

import LoupeTestSupport

/// Random statements over the table `x` of extreme values.
struct StatementGenerator {
    /// Creates `x` (a column of every kind) and fills it with rows at the edges of each type.
    static let fuzzSetup = [
        """
        CREATE TABLE x (id UInt64, i8 Int8, i64 Int64, u64 UInt64, f Float64, f32 Float32, s String, fs FixedString(3),
        d Date, dt DateTime, b Bool, n Nullable(Int64), arr Array(Int32), farr Array(Float32), sarr Array(String),
        nest Array(Array(UInt8)), ns Nullable(String), na Array(Nullable(Int32))) ORDER BY id
        """,
        """
        INSERT INTO x VALUES (1, -128, -9223372036854775808, 18446744073709551615, nan, inf, '', 'abc', '1970-01-01',
        '1970-01-01 00:00:00', true, NULL, [], [], [], [], NULL, [])
        """,
        """
        INSERT INTO x VALUES (2, 127, 9223372036854775807, 0, -1e308, -inf, 'xyz', '', '2149-06-06',
        '2106-02-07 06:28:15', false, -9223372036854775808, [-2147483648, 2147483647], [1, 2, 3], ['', 'a'],
        [[], [255]], '', [NULL, 1])
        """,
        """
        INSERT INTO x VALUES (3, 0, 0, 1, 0, 0, 'é日本', 'a', '2024-02-29', '2024-02-29 12:00:00', true, 0, [0], [nan],
        ['x'], [[1]], 'q', [NULL])
        """,
    ]

    static let columns = [
        "id", "i8", "i64", "u64", "f", "f32", "s", "fs", "d", "dt", "b", "n", "arr", "farr", "sarr", "nest", "ns", "na",
    ]
    static let numbers = [
        "0", "-1", "1", "9223372036854775807", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
        "1e308", "-1e308", "inf", "-inf", "nan", "-0", "2147483648", "-2147483649", "4294967296", "255", "-129", "0.5",
        "1e-320", "99999999999999999999999", "9223372036854775808", "1e18", "-1e18", "65536", "32768", "-32769", "NULL",
    ]
    static let strings = [
        "''", "'" + String(repeating: "x", count: 3000) + "'", "'9223372036854775808'", "'-1'", "'nan'", "'inf'",
        "'1e308'", "'\\0'", "'é日本'", "'%'", "'_%_'", "'\\\\'", "'2024-13-45'", "'0000-00-00'",
        "'9999-12-31 23:59:59'", "'1970-01-01'", "'18446744073709551616'", "'[1,2]'", "'  '",
    ]
    static let composites = [
        "[]", "[[]]", "[NULL]", "[1, NULL]", "[[[[[[[[[[1]]]]]]]]]]", String(repeating: "[", count: 100) + "1"
            + String(repeating: "]", count: 100), String(repeating: "(", count: 100) + "1"
            + String(repeating: ")", count: 100), "[1e308, -1e308]", "[nan]", "['a', 'b']",
        "[9223372036854775807, -9223372036854775808]", "[18446744073709551615]",
        String(repeating: "-", count: 40) + "1",
        String(repeating: "NOT ", count: 40) + "1", "[[1, 2], [3]]", "CAST(NULL AS Nullable(Int64))",
    ]
    static let types = [
        "UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32", "Float64", "String",
        "FixedString(1)", "FixedString(100000000000)", "Date", "DateTime", "Bool", "Nullable(Int8)",
        "Nullable(String)", "Array(Int8)", "Array(Float32)", "Array(Array(UInt64))", "Array(Nullable(Int32))",
        "LowCardinality(String)", "Nullable(Nullable(Int8))", "Nothing", "Decimal(10, 2)", "Nullable(Array(Int8))",
        "FixedString(0)",
    ]
    static let functions = [
        "abs", "arraySum", "assumeNotNull", "avg", "ceil", "coalesce", "count", "empty", "endsWith", "exp", "floor",
        "greatest", "groupArray", "has", "ifNull", "indexOf", "intDiv", "intDivOrZero", "isFinite", "isInfinite",
        "isNaN", "least", "length", "lengthUTF8", "log", "log10", "log2", "lower", "lowerUTF8", "ltrim", "max", "min",
        "mod", "modulo", "multiIf", "notEmpty", "nullIf", "position", "pow", "rand", "rand64", "replaceAll",
        "reverse", "round", "rtrim", "sqrt", "startsWith", "substring", "sum", "toBool", "toDate", "toDateTime",
        "toFloat32", "toFloat64", "toInt16", "toInt32", "toInt64", "toInt8", "toNullable", "toString", "toTypeName",
        "toUInt16", "toUInt32", "toUInt64", "toUInt8", "today", "trim", "uniq", "uniqExact", "upper", "upperUTF8",
        "xor",
        "if", "distance", "cosineDistance", "L2Distance", "L2SquaredDistance", "dotProduct", "arrayElement", "concat",
        "plus", "minus", "multiply", "divide", "negate", "equals", "less", "like", "ilike", "and", "or", "not",
        "isNull", "isNotNull", "array", "countIf", "sumIf", "anyLast", "any", "sign", "toYear", "toMonth",
        "toDayOfWeek", "toHour", "toStartOfDay", "toStartOfHour", "toStartOfMonth", "toStartOfYear", "toYYYYMM",
        "toUnixTimestamp",
    ]
    static let operators = [
        "+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "AND", "OR", "||", "LIKE", "NOT LIKE", "ILIKE", "IN",
        "NOT IN", "DIV", "MOD",
    ]
    static let limits = [
        "9223372036854775807", "18446744073709551615", "-1", "0", "-9223372036854775808", "1e18", "NULL", "'a'",
        "9223372036854775807 OFFSET 9223372036854775807", "1 OFFSET 18446744073709551615", "2, 9223372036854775807",
        "9223372036854775807, 9223372036854775807", "0.5",
    ]

    var rng: SeededGenerator

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices.randomElement(using: &rng)!
    }

    private mutating func atom() -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: pick(Self.columns)
        case 1: pick(Self.numbers)
        case 2: pick(Self.strings)
        default: pick(Self.composites)
        }
    }

    /// One expression: a call, an operator, a cast, an index, a substring or an IN list.
    mutating func expression() -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0...3:
            let arity = [0, 1, 1, 2, 2, 3, 4].randomElement(using: &rng)!
            var arguments: [String] = []
            for _ in 0..<arity { arguments.append(atom()) }
            return "\(pick(Self.functions))(\(arguments.joined(separator: ", ")))"
        case 4: return "\(atom()) \(pick(Self.operators)) \(atom())"
        case 5: return "CAST(\(atom()) AS \(pick(Self.types)))"
        case 6: return "\(atom())[\(pick(Self.numbers))]"
        case 7: return "\(pick(Self.functions))(\(pick(Self.functions))(\(atom())), \(atom()))"
        case 8: return "substring(\(atom()), \(pick(Self.numbers)), \(pick(Self.numbers)))"
        default: return "\(atom()) IN (\(atom()), \(atom()))"
        }
    }

    /// One statement over `x` that either reads it or inserts into it.
    mutating func statement() -> String {
        let e = expression()
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "SELECT \(e) FROM x"
        case 7: return "SELECT count() FROM x AS a JOIN (SELECT \(e) AS k FROM x) AS b ON a.\(pick(Self.columns)) = b.k"
        case 8: return "SELECT * FROM x AS a LEFT JOIN (SELECT \(e) AS k) AS b ON a.\(pick(Self.columns)) = b.k"
        case 9: return "SELECT \(e) FROM x UNION ALL SELECT \(atom()) FROM x"
        case 1: return "SELECT id FROM x WHERE \(e)"
        case 2: return "SELECT \(e) FROM x ORDER BY \(e)"
        case 3: return "SELECT \(e), count() FROM x GROUP BY \(e)"
        case 4: return "SELECT \(e)"
        case 5: return "SELECT \(e) FROM x ORDER BY id LIMIT \(pick(Self.limits))"
        default: return "INSERT INTO x (id, \(pick(Array(Self.columns.dropFirst())))) VALUES (9, \(e))"
        }
    }

    /// An INSERT of one to three rows into `x`: a valid row with one or two values replaced by a
    /// random atom or expression, so some rows fit and some do not.
    mutating func insert() -> (sql: String, rows: Int) {
        let valid = [
            "7", "1", "2", "3", "1.5", "2.5", "'s'", "'abc'", "'2024-01-01'", "'2024-01-01 00:00:00'", "true", "4",
            "[5]", "[1, 2]", "['t']", "[[6]]", "'u'", "[7]",
        ]
        let rows = Int.random(in: 1...3, using: &rng)
        var tuples: [String] = []
        for _ in 0..<rows {
            var values = valid
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let column = Int.random(in: 1..<values.count, using: &rng)
                values[column] = Int.random(in: 0..<3, using: &rng) == 0 ? expression() : atom()
            }
            tuples.append("(" + values.joined(separator: ", ") + ")")
        }
        return ("INSERT INTO x VALUES " + tuples.joined(separator: ", "), rows)
    }
}
