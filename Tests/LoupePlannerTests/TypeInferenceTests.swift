// Types as ClickHouse gives them: literals, arithmetic, comparisons, conditionals, casts,
// aggregates and Nullable propagation; and the type errors ClickHouse reports.

import LoupeCore
import LoupePlanner
import XCTest

final class TypeInferenceTests: BinderTestCase {
    private func types(_ sql: String) throws -> [DataType] {
        try plan(sql).schema.types
    }

    func testLiteralTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT 1, -1, 256, -129, 70000, 5000000000, 1.5, NULL, [1, 2], [1.5, 2], [1, -1], [], 'x', true"),
            [
                .uint8, .int8, .uint16, .int16, .uint32, .uint64, .float64, .nothing, .array(.uint8), .array(.float64),
                .array(.int16), .array(.nothing), .string, .bool,
            ])
    }

    func testArithmeticTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT toUInt8(1) + toInt64(1), toUInt8(1) + toUInt8(1), toInt8(1) + toUInt8(1), toUInt64(1) + toInt64(1), toFloat32(1) + toUInt8(1)"
            ),
            [.int64, .uint16, .int16, .int64, .float64])
        XCTAssertEqual(
            try types("SELECT 1 / 2, intDiv(7, 2), 7 % 2, toInt8(7) % toUInt8(2), -toUInt8(1)"),
            [.float64, .uint8, .uint8, .int16, .int16])
        XCTAssertEqual(
            try types("SELECT toUInt32(1) * toUInt8(1), toUInt8(1) - toUInt8(1), a + c FROM t"),
            [.uint64, .int16, .nullable(.float64)])
        XCTAssertEqual(try types("SELECT d + 1, d - d FROM t"), [.date, .int32])
    }

    func testComparisonAndLogicTypes() throws {
        XCTAssertEqual(
            try types("SELECT a = 1, c < 2.5, NULL = 1, a > 0 AND c > 0, NOT a, b LIKE 'x%' FROM t"),
            [.uint8, .nullable(.uint8), .nothing, .nullable(.uint8), .uint8, .uint8])
    }

    func testConditionalTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT if(1, toUInt8(1), toInt8(1)), if(1, toInt32(1), toFloat32(1)), CASE WHEN 1 THEN 'a' END, multiIf(a > 0, 1, 2.5), coalesce(c, 0) FROM t"
            ),
            [.int16, .float64, .nullable(.string), .float64, .float64])
    }

    func testFunctionResultTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT length(b), length(v), empty(b), lower(b), concat(b, 'x'), substring(b, 2), position(b, 'x'), startsWith(b, 'x') FROM t"
            ),
            [.uint64, .uint64, .uint8, .string, .string, .string, .uint64, .uint8])
        XCTAssertEqual(
            try types(
                "SELECT abs(a), round(c), round(toFloat32(1.5)), floor(a), sqrt(a), pow(2, 3), greatest(1, 2.5), least(toUInt8(1), toInt8(-1)) FROM t"
            ),
            [.uint32, .nullable(.float64), .float32, .int32, .float64, .float64, .float64, .int16])
        XCTAssertEqual(
            try types(
                "SELECT v[1], has(v, 1), arraySum(v), toString(a), toTypeName(a), rand(), rand64(), now(), today() FROM t"
            ),
            [.float32, .uint8, .float64, .string, .string, .uint32, .uint64, .dateTime, .date])
        XCTAssertEqual(
            try types(
                "SELECT cosineDistance(v, [1, 2, 3]), L2Distance(v, v), L2SquaredDistance([1.0, 2], [3, 4]), dotProduct(v, [0.5, 1, 2]) FROM t"
            ),
            [.float32, .float32, .float64, .float32])
    }

    func testDateFunctionTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT toYear(d), toMonth(d), toHour(now()), toYYYYMM(d), toStartOfMonth(d), toStartOfDay(d), sign(a) FROM t"
            ),
            [.uint16, .uint8, .uint8, .uint32, .date, .dateTime, .int8])
        XCTAssertEqual(
            bindError("SELECT toYear(b) FROM t")?.message, "Illegal types of arguments (String) of function toYear")
    }

    func testIntervals() throws {
        XCTAssertEqual(
            try types(
                "SELECT d + INTERVAL 1 DAY, d - INTERVAL 2 WEEK, d + INTERVAL 3 HOUR, now() - INTERVAL 1 MINUTE FROM t"),
            [.date, .date, .dateTime, .dateTime])
        XCTAssertEqual(
            try explain("SELECT a FROM t WHERE d > toDate('2024-01-10') - INTERVAL 1 WEEK"),
            """
            Project (a)
              Filter (d > (CAST('2024-01-10' AS Date) - 7))
                Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(bindError("SELECT d + INTERVAL 1 MONTH FROM t")?.kind, .unsupported)
        XCTAssertEqual(
            bindError("SELECT a + INTERVAL 1 DAY FROM t")?.message,
            "INTERVAL can only be added to a Date or DateTime, not Int32")
    }

    func testCastsAndConversions() throws {
        XCTAssertEqual(
            try types("SELECT CAST(a AS String), a::Float64, toUInt64('5'), toDate('2024-01-02'), toInt8(c) FROM t"),
            [.string, .float64, .uint64, .date, .nullable(.int8)])
        // Casts of constants fold only where the result cannot differ from the execution layer's
        // conversion; wrapping, truncation and parsing are left to it.
        let folded = try plan("SELECT CAST(3 AS UInt64), toFloat64(2), CAST(1.5 AS Float32), [1, 2]::Array(Float32)")
        guard case .project(_, let constants, _) = folded else { return XCTFail() }
        XCTAssertEqual(constants.compactMap(\.constantValue), [.uint(3), .float(2), .float(1.5), .vector([1, 2])])
        let p = try plan(
            "SELECT CAST(300 AS UInt8), toInt32(1.7), CAST('12' AS UInt8), toDate('2024-01-02'), CAST('[1,2]' AS Array(Int32))")
        guard case .project(_, let exprs, _) = p else { return XCTFail() }
        XCTAssertEqual(exprs.filter(\.isLiteral), [])
        XCTAssertEqual(try types("SELECT CAST('abc' AS UInt8)"), [.uint8])
    }

    func testRuntimeFunctionsAreRegistered() throws {
        XCTAssertEqual(
            try types("SELECT toInt32OrZero(b), toDateOrNull(b), toFloat32OrZero(toNullable(b)) FROM t"),
            [.int32, .nullable(.date), .nullable(.float32)])
        XCTAssertEqual(bindError("SELECT toInt32OrZero(a) FROM t")?.kind, .type)
        XCTAssertEqual(
            try types(
                "SELECT argMin(b, a), argMax(c, a), quantile(0.9)(a), median(c), quantileExact(0.3)(a), "
                    + "medianExact(d), varPop(a), varSamp(toFloat32(a)), stddevPop(c), stddevSampIf(a, a > 1) FROM t"),
            [.string, .nullable(.float64), .float64, .nullable(.float64), .int32, .date, .float64, .float32,
             .nullable(.float64), .float64])
    }

    func testBoolLogicIsBool() throws {
        XCTAssertEqual(
            try types("SELECT toBool(a) AND true, a AND 1, NOT toBool(a), toBool(a) OR NULL FROM t"),
            [.bool, .uint8, .bool, .nullable(.bool)])
    }

    func testFunctionalCast() throws {
        XCTAssertEqual(
            try types("SELECT CAST(1, 'String'), CAST(v, 'Array(Float64)'), CAST(c, 'Nullable(Float64)') FROM t"),
            [.string, .array(.float64), .nullable(.float64)])
        XCTAssertEqual(bindError("SELECT CAST(1, 'Strin')")?.kind, .unknownName)
    }

    func testTypeNameConstant() throws {
        guard case .project(_, let exprs, _) = try plan("SELECT toTypeName(1), toTypeName(c), toTypeName([1.5]) FROM t")
        else {
            return XCTFail()
        }
        XCTAssertEqual(
            exprs.compactMap(\.constantValue),
            [.string("UInt8"), .string("Nullable(Float64)"), .string("Array(Float64)")])
    }

    func testAggregateTypes() throws {
        XCTAssertEqual(
            try types(
                "SELECT sum(n), sum(a), sum(c), avg(a), count(), uniq(b), uniqExact(b), groupArray(n), min(b), any(d), countIf(a > 1), sumIf(n, a > 1), avgIf(a, a > 1), count(DISTINCT b) FROM t"
            ),
            [
                .uint64, .int64, .nullable(.float64), .float64, .uint64, .uint64, .uint64, .array(.uint8), .string,
                .date, .uint64,
                .uint64, .float64, .uint64,
            ])
    }

    func testLiteralAdoptsColumnType() throws {
        // The literal converts to the column's type instead of casting the column.
        XCTAssertEqual(
            try explain("SELECT a FROM t WHERE d = '2024-01-02' AND a = 5 AND n < 300"),
            """
            Project (a)
              Filter ((d = '2024-01-02') AND (a = 5) AND (CAST(n AS UInt16) < 300))
                Scan default.t (a, b, c, d, v, n)
            """)
        guard case .project(_, let exprs, _) = try plan("SELECT distance(v, [0.5, 1.5, 2]) FROM t"),
            case .call(_, let args, _) = exprs[0].kind
        else { return XCTFail() }
        XCTAssertEqual(args[1].constantValue, .vector([0.5, 1.5, 2]))
        XCTAssertEqual(args[1].type, .array(.float32))
    }

    func testMixedSignednessAndFixedStringComparisons() throws {
        catalog.tables.append(
            TableDefinition(
                database: "default", name: "m",
                columns: [
                    ColumnDefinition(name: "i", type: .int64), ColumnDefinition(name: "u", type: .uint64),
                    ColumnDefinition(name: "fs", type: .fixedString(4)),
                ]))
        XCTAssertEqual(
            try explain("SELECT i FROM m WHERE i < u AND fs = 'ab'"),
            """
            Project (i)
              Filter ((i < u) AND (fs = 'ab\\0\\0'))
                Scan default.m (i, u, fs)
            """)
    }

    func testTypeErrors() throws {
        let e = bindError("SELECT a FROM t\nWHERE b = 1")
        XCTAssertEqual(e?.kind, .type)
        XCTAssertEqual(
            e?.description, "Error at line 2, column 7: Illegal types of arguments (String, UInt8) of function equals")
        XCTAssertEqual(bindError("SELECT a FROM t WHERE a = 'abc'")?.message, "Cannot convert 'abc' to Int32")
        XCTAssertEqual(
            bindError("SELECT b + 1 FROM t")?.message, "Illegal types of arguments (String, UInt8) of function plus")
        XCTAssertEqual(
            bindError("SELECT if(a > 0, b, 1) FROM t")?.message,
            "Illegal types of arguments (UInt8, String, UInt8) of function if")
        XCTAssertEqual(
            bindError("SELECT a FROM t WHERE b")?.message,
            "Illegal type String of column for filter in WHERE; expected UInt8 or Bool")
        XCTAssertEqual(
            bindError("SELECT 1 UNION ALL SELECT 'a'")?.message, "There is no supertype for types UInt8, String")
        XCTAssertEqual(
            bindError("SELECT distance(photo_embed, [0.5, 1.5]) FROM myscale_photos")?.message,
            "Vector dimension mismatch in distance: column 'photo_embed' has 512 dimensions, the constant vector has 2")
        XCTAssertEqual(
            bindError("CREATE TABLE n (a uint64)")?.message, "Unknown data type family: uint64. Maybe you meant: UInt64"
        )
        XCTAssertEqual(
            bindError("SELECT CAST(1 AS array(Int8))")?.message,
            "Unknown data type family: array. Maybe you meant: Array")
        XCTAssertEqual(
            try columns("SELECT CAST(1 AS int), CAST(1 AS BIGINT), CAST('2024-01-01' AS date)"),
            ["CAST(1, 'int') Int32", "CAST(1, 'BIGINT') Int64", "CAST('2024-01-01', 'date') Date"])
        XCTAssertEqual(bindError("SELECT length(1)")?.message, "Illegal types of arguments (UInt8) of function length")
        XCTAssertEqual(
            bindError("SELECT substring('abc')")?.message,
            "Number of arguments for function substring doesn't match: passed 1, should be 2 to 3")
    }

    func testUnionTypes() throws {
        XCTAssertEqual(try columns("SELECT 1 AS x UNION ALL SELECT -1000"), ["x Int16"])
        XCTAssertEqual(
            try explain("SELECT a FROM t UNION DISTINCT SELECT a FROM u"),
            """
            Union DISTINCT
              Project (CAST(a AS Int64) AS a)
                Project (a)
                  Scan default.t (a, b, c, d, v, n)
              Project (a)
                Scan default.u (a, x)
            """)
    }

    func testParameters() throws {
        let p = try plan("SELECT a FROM t WHERE a > ? AND b = ?", parameters: [.int(5), .string("x")])
        XCTAssertEqual(
            PlanPrinter.text(p),
            """
            Project (a)
              Filter ((a > 5) AND (b = 'x'))
                Scan default.t (a, b, c, d, v, n)
            """)
        let q = try plan("SELECT distance(v, {q:Array(Float32)}) AS d FROM t", named: ["q": .vector([1, 2, 3])])
        XCTAssertEqual(q.schema.types, [.float32])
        let named = try plan("SELECT {n:UInt64} AS n", named: ["n": .string("7")])
        guard case .project(_, let exprs, _) = named else { return XCTFail() }
        XCTAssertEqual(exprs[0].constantValue, .uint(7))
        XCTAssertEqual(bindError("SELECT ?")?.kind, .parameter)
        XCTAssertEqual(bindError("SELECT {x:UInt8}")?.message, "No value for parameter {x:UInt8}")
    }
}
