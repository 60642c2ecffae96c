// Name resolution as ClickHouse does it: qualified names, aliases usable in every clause (and
// taking precedence over columns), aliases shadowing function names, `*` and `t.*`, subqueries and
// CTEs, USING and comma joins, and the errors for names that do not resolve.

import LoupeCore
import LoupePlanner
import XCTest

final class NameResolutionTests: BinderTestCase {
    func testQualifiedNames() throws {
        XCTAssertEqual(
            try columns("SELECT default.t.a, t.b, x.d FROM default.t AS x"), ["a Int32", "b String", "d Date"])
        XCTAssertEqual(try columns("SELECT z FROM other.t"), ["z UInt16"])
        XCTAssertEqual(try columns("SELECT t.z FROM other.t"), ["z UInt16"])
    }

    func testUnqualifiedJoinColumnResolvesLeft() throws {
        let p = try plan("SELECT a, u.a FROM t JOIN u ON t.a = u.a")
        guard case .project(_, let exprs, _) = p else { return XCTFail("\(p)") }
        XCTAssertEqual(exprs.map(\.kind), [.column(0), .column(6)])
        XCTAssertEqual(p.schema.fields.map(\.type), [.int32, .int64])
    }

    func testAliasesInEveryClause() throws {
        XCTAssertEqual(
            try explain("SELECT a + 1 AS k, count() AS n FROM t WHERE k > 2 GROUP BY k HAVING n > 1 ORDER BY k"),
            """
            Sort (keys: k ASC)
              Project (CAST(a AS Int64) + 1 AS k, count() AS n)
                Filter (count() > 1)
                  Aggregate (keys: CAST(a AS Int64) + 1; aggregates: count())
                    Filter ((CAST(a AS Int64) + 1) > 2)
                      Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testAliasTakesPrecedenceOverColumn() throws {
        // As in ClickHouse: `a` in WHERE is the alias `a + 1`, and inside the alias `a` is the column.
        XCTAssertEqual(
            try explain("SELECT a + 1 AS a FROM t WHERE a > 1"),
            """
            Project (CAST(a AS Int64) + 1 AS a)
              Filter ((CAST(a AS Int64) + 1) > 1)
                Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testAliasDefinedInsideAnExpression() throws {
        XCTAssertEqual(try columns("SELECT (a + 1 AS x) * 2 AS y, x FROM t WHERE x > 0"), ["y Int64", "x Int64"])
        XCTAssertEqual(try explain("SELECT (a + 1 AS a) * 2 AS y FROM t"), """
            Project ((CAST(a AS Int64) + 1) * 2 AS y)
              Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testAliasShadowingFunctionName() throws {
        XCTAssertEqual(
            try explain("SELECT b, count(*) AS count FROM t GROUP BY b ORDER BY count DESC"),
            """
            Sort (keys: count DESC)
              Project (b, count() AS count)
                Aggregate (keys: b; aggregates: count())
                  Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testStarExpansion() throws {
        XCTAssertEqual(try plan("SELECT * FROM u").schema.names, ["a", "x"])
        XCTAssertEqual(
            try plan("SELECT * FROM t JOIN u ON t.a = u.a").schema.names, ["a", "b", "c", "d", "v", "n", "u.a", "x"])
        XCTAssertEqual(try plan("SELECT u.*, t.b FROM t JOIN u ON t.a = u.a").schema.names, ["a", "x", "b"])
        XCTAssertEqual(try plan("SELECT * FROM t JOIN u USING (a)").schema.names, ["a", "b", "c", "d", "v", "n", "x"])
    }

    func testSubqueryAndCTE() throws {
        XCTAssertEqual(try columns("SELECT s.k FROM (SELECT a AS k FROM t) AS s"), ["k Int32"])
        XCTAssertEqual(try columns("WITH s AS (SELECT x FROM u) SELECT s.x, x FROM s"), ["x String", "x String"])
        XCTAssertEqual(try columns("WITH 10 AS lim SELECT a * lim AS m FROM t"), ["m Int64"])
        XCTAssertEqual(try columns("WITH [1.0, 2.0, 3.0] AS q SELECT distance(v, q) AS d FROM t"), ["d Float32"])
    }

    func testSelfReferencesDoNotLoop() throws {
        XCTAssertEqual(bindError("WITH lucky AS lucky SELECT lucky")?.message, "Unknown column 'lucky' in SELECT")
        XCTAssertEqual(bindError("SELECT p AS q, q AS p")?.kind, .unknownName)
        XCTAssertEqual(
            bindError("WITH x AS (SELECT * FROM y), y AS (SELECT * FROM x) SELECT * FROM x")?.kind, .unknownName)
    }

    func testCommaAndCrossJoins() throws {
        XCTAssertEqual(
            try explain("SELECT b, x FROM t, u WHERE t.a = u.a AND x = 'k'", optimized: true),
            """
            Project (b, x)
              Join INNER (CAST(t.a AS Int64) = u.a)
                Scan default.t (a, b)
                Scan default.u (a, x) filter: x = 'k'
            """)
        XCTAssertEqual(
            try explain("SELECT b, x FROM t CROSS JOIN u"),
            """
            Project (b, x)
              Join CROSS
                Scan default.t (a, b, c, d, v, n)
                Scan default.u (a, x)
            """)
    }

    func testUsingKeyComesFirstAndFromThePreservedSide() throws {
        XCTAssertEqual(try plan("SELECT * FROM u JOIN t USING (a)").schema.names, ["a", "x", "b", "c", "d", "v", "n"])
        guard case .project(_, let exprs, _) = try plan("SELECT a FROM u RIGHT JOIN t USING (a)") else {
            return XCTFail()
        }
        XCTAssertEqual(exprs.map(\.kind), [.column(2)], "a RIGHT join shows the right table's key")
    }

    func testFullJoinUsingMergesKeys() throws {
        XCTAssertEqual(
            try plan("SELECT * FROM u FULL JOIN t USING (a)").schema.names, ["a", "x", "b", "c", "d", "v", "n"])
        XCTAssertEqual(
            try explain("SELECT a, u.a FROM u FULL JOIN t USING (a)"),
            """
            Project (a, u.a)
              Project (u.a AS a, x, t.a AS a, b, c, d, v, n, if(u.a = 0, CAST(t.a AS Int64), u.a) AS a)
                Join FULL (u.a = CAST(t.a AS Int64))
                  Scan default.u (a, x)
                  Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testUsingJoinKeysHaveCommonType() throws {
        guard
            case .project(.join(_, _, .inner, let lk, let rk, nil, false, _), _, _) = try plan(
                "SELECT a FROM t JOIN u USING a")
        else { return XCTFail() }
        XCTAssertEqual(lk.map(\.type), [.int64])
        XCTAssertEqual(rk.map(\.type), [.int64])
    }

    func testJoinUseNulls() throws {
        let p = try plan("SELECT x FROM t LEFT JOIN u ON t.a = u.a SETTINGS join_use_nulls = 1")
        XCTAssertEqual(p.schema.fields.map(\.type), [.nullable(.string)])
        guard case .project(.join(_, _, .left, _, _, _, true, _), _, _) = p else { return XCTFail("\(p)") }
        guard case .query(_, let settings) = try bind("SELECT 1 SETTINGS join_use_nulls = 1, max_threads = 2") else {
            return XCTFail()
        }
        XCTAssertEqual(settings, ["join_use_nulls": .int(1), "max_threads": .int(2)])
        XCTAssertEqual(try columns("SELECT x FROM t LEFT JOIN u ON t.a = u.a"), ["x String"])
        XCTAssertEqual(
            try columns("SELECT v, b, x FROM u RIGHT JOIN t ON t.a = u.a SETTINGS join_use_nulls = 1"),
            ["v Array(Float32)", "b String", "x Nullable(String)"], "arrays are never Nullable")
    }

    func testSelectWithoutFrom() throws {
        XCTAssertEqual(
            try explain("SELECT 1 AS one, 'x'"),
            """
            Project (1 AS one, 'x')
              Values (1 row)
            """)
    }

    func testDuplicateTableAliases() throws {
        XCTAssertEqual(
            bindError("SELECT 1 FROM t JOIN t ON t.a = t.a")?.message,
            "Multiple table expressions with same alias t; give one of them an alias")
        XCTAssertEqual(bindError("SELECT 1 FROM t AS x, u AS x")?.kind, .alreadyExists)
        XCTAssertEqual(try columns("SELECT x.a, y.a FROM t AS x JOIN t AS y ON x.a = y.a"), ["a Int32", "y.a Int32"])
    }

    func testUnknownTable() throws {
        let e = bindError("SELECT * FROM nope")
        XCTAssertEqual(e?.kind, .unknownName)
        XCTAssertEqual(e?.description, "Error at line 1, column 15: Unknown table 'nope' in database 'default'")
        XCTAssertEqual(bindError("SELECT * FROM nodb.t")?.message, "Database 'nodb' does not exist")
    }

    func testUnknownColumn() throws {
        let e = bindError("SELECT a,\n  missing FROM t")
        XCTAssertEqual(e?.kind, .unknownName)
        XCTAssertEqual(e?.description, "Error at line 2, column 3: Unknown column 'missing' in SELECT")
        XCTAssertEqual(bindError("SELECT q.a FROM t")?.message, "Unknown table 'q' in identifier q.a")
        XCTAssertEqual(bindError("SELECT a FROM t WHERE zz = 1")?.message, "Unknown column 'zz' in WHERE")
        XCTAssertEqual(bindError("SELECT q.* FROM t")?.message, "Unknown table 'q' in q.*")
    }

    func testUnknownFunction() throws {
        let e = bindError("SELECT lenght(b) FROM t")
        XCTAssertEqual(e?.kind, .unknownName)
        XCTAssertEqual(e?.description, "Error at line 1, column 8: Unknown function lenght. Maybe you meant: length")
        XCTAssertEqual(bindError("SELECT frobnicate(1)")?.message, "Unknown function frobnicate")
    }

    func testFunctionNamesAreCaseInsensitive() throws {
        XCTAssertEqual(
            try columns("SELECT COUNT(*), Sum(a), MAX(b) FROM t"), ["COUNT() UInt64", "Sum(a) Int64", "MAX(b) String"])
        XCTAssertEqual(try columns("SELECT LENGTH(b), Lower(b) FROM t"), ["LENGTH(b) UInt64", "Lower(b) String"])
    }

    func testDistanceMetricFromIndex() throws {
        func call(_ sql: String) throws -> String {
            guard case .project(_, let exprs, _) = try plan(sql), case .call(let name, _, _) = exprs[0].kind else {
                return ""
            }
            return name
        }
        XCTAssertEqual(
            try call("SELECT distance(photo_embed, \(Self.embedding)) FROM myscale_photos"), "cosineDistance")
        XCTAssertEqual(try call("SELECT distance(v, [1, 2, 3]) FROM t"), "cosineDistance")
        var l2 = TestCatalog.photos
        l2.vectorIndexes[0].metric = .l2
        var ip = TestCatalog.photos
        ip.name = "ip_photos"
        ip.vectorIndexes[0].metric = .innerProduct
        catalog.tables += [ip]
        XCTAssertEqual(try call("SELECT distance(photo_embed, \(Self.embedding)) FROM ip_photos"), "dotProduct")
        catalog.tables[0] = l2
        XCTAssertEqual(
            try call("SELECT distance(p.photo_embed, \(Self.embedding)) FROM myscale_photos AS p"), "L2SquaredDistance")
    }
}
