// SELECT clauses: GROUP BY validation, HAVING, aggregates in ORDER BY, global aggregation,
// DISTINCT, ORDER BY columns outside the select list, LIMIT/OFFSET, UNION, IN lists and
// subqueries, scalar subqueries and EXISTS.

import LoupeCore
import LoupePlanner
import XCTest

final class SelectBindingTests: BinderTestCase {
    func testColumnNotUnderAggregate() throws {
        let e = bindError("SELECT b, count() FROM t\nGROUP BY a")
        XCTAssertEqual(e?.kind, .type)
        XCTAssertEqual(
            e?.description,
            "Error at line 1, column 8: Column 'b' is not under aggregate function and not in GROUP BY keys")
        XCTAssertEqual(
            bindError("SELECT a, count() FROM t GROUP BY a ORDER BY b")?.message,
            "Column 'b' is not under aggregate function and not in GROUP BY keys")
        XCTAssertEqual(
            bindError("SELECT a, sum(n) FROM t")?.message,
            "Column 'a' is not under aggregate function and not in GROUP BY keys")
    }

    func testMisplacedAggregates() throws {
        XCTAssertEqual(
            bindError("SELECT a FROM t WHERE count() > 1")?.message,
            "Aggregate function count() is found in WHERE in query; aggregates are allowed in SELECT, HAVING and ORDER BY"
        )
        XCTAssertEqual(
            bindError("SELECT sum(count()) FROM t")?.message,
            "Aggregate function count() is found inside another aggregate function")
        XCTAssertEqual(bindError("SELECT count() AS k FROM t GROUP BY k")?.kind, .type)
    }

    func testExpressionsOverKeysAndAggregates() throws {
        XCTAssertEqual(
            try explain("SELECT a + 1, count(), max(n) * 2 FROM t GROUP BY a"),
            """
            Project (CAST(a AS Int64) + 1 AS plus(a, 1), count(), CAST(max(n) AS UInt16) * 2 AS multiply(max(n), 2))
              Aggregate (keys: a; aggregates: count(), max(n))
                Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(
            try explain(
                "SELECT upper(b) AS u, count(DISTINCT a) FROM t GROUP BY upper(b) HAVING sum(n) > 10 ORDER BY avg(a)"),
            """
            Project (u, count(DISTINCT a))
              Sort (keys: avg(a) ASC)
                Project (upper(b) AS u, count(DISTINCT a), avg(a))
                  Filter (sum(n) > 10)
                    Aggregate (keys: upper(b); aggregates: count(DISTINCT a), sum(n), avg(a))
                      Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testDistinctAggregates() throws {
        XCTAssertEqual(
            try explain("SELECT count(DISTINCT a, b), count(DISTINCT a), sum(DISTINCT n), uniq(DISTINCT b) FROM t"),
            """
            Project (uniqExact(a, b) AS count(DISTINCT a, b), count(DISTINCT a), sum(DISTINCT n), uniqExact(b) AS uniq(DISTINCT b))
              Aggregate (aggregates: uniqExact(a, b), count(DISTINCT a), sum(DISTINCT n), uniqExact(b))
                Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testGlobalAggregationAndDistinct() throws {
        XCTAssertEqual(
            try explain("SELECT DISTINCT b FROM t ORDER BY b LIMIT 3, 2"),
            """
            Limit (limit 2, offset 3)
              Sort (keys: b ASC)
                Distinct
                  Project (b)
                    Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(try columns("SELECT count(), sum(a) FROM t WHERE a > 1"), ["count() UInt64", "sum(a) Int64"])
    }

    func testDistinctWithHiddenOrderColumn() throws {
        XCTAssertEqual(
            try explain("SELECT DISTINCT b FROM t ORDER BY a"),
            """
            Project (b)
              Sort (keys: a ASC)
                Aggregate (keys: b; aggregates: any(a) AS a)
                  Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testOrderByHiddenColumn() throws {
        XCTAssertEqual(
            try explain("SELECT b FROM t ORDER BY a DESC, c NULLS FIRST LIMIT 10 OFFSET 5", optimized: true),
            """
            Project (b)
              TopK (limit 10, offset 5, keys: a DESC, c ASC NULLS FIRST)
                Project (b, a, c)
                  Scan default.t (a, b, c)
            """)
    }

    func testPositionalArguments() throws {
        XCTAssertEqual(
            try explain("SELECT b, count() FROM t GROUP BY 1 ORDER BY 2 DESC, 1"),
            """
            Sort (keys: count() DESC, b ASC)
              Project (b, count())
                Aggregate (keys: b; aggregates: count())
                  Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(
            try explain("SELECT * FROM u ORDER BY 2"),
            """
            Sort (keys: x ASC)
              Project (a, x)
                Scan default.u (a, x)
            """)
        XCTAssertEqual(
            bindError("SELECT a FROM t ORDER BY 3")?.message,
            "Positional argument 3 in ORDER BY is out of bounds: the select list has 1 columns")
    }

    func testLimitMustBeConstant() throws {
        XCTAssertEqual(
            try explain("SELECT a FROM t OFFSET 2 ROWS"),
            """
            Limit (offset 2)
              Project (a)
                Scan default.t (a, b, c, d, v, n)
            """)
        XCTAssertEqual(bindError("SELECT a FROM t LIMIT a")?.message, "Unknown column 'a' in LIMIT")
        XCTAssertEqual(bindError("SELECT a FROM t LIMIT -1")?.message, "LIMIT must be a non-negative integer, got -1")
        XCTAssertEqual(bindError("SELECT a FROM t LIMIT 1.5")?.message, "LIMIT must be a non-negative integer, got 1.5")
    }

    func testInListAndSubqueries() throws {
        XCTAssertEqual(
            try explain("SELECT a FROM t WHERE a IN (1, 2, 300) AND b NOT IN (SELECT x FROM u)"),
            """
            Project (a)
              Filter ((a IN (1, 2, 300)) AND (b NOT IN (subquery)))
                Scan default.t (a, b, c, d, v, n)
                Subquery
                  Project (x)
                    Scan default.u (a, x)
            """)
        XCTAssertEqual(
            try columns("SELECT (SELECT max(a) FROM u) AS m, EXISTS (SELECT 1 FROM u) AS e"),
            ["m Nullable(Int64)", "e UInt8"])
        XCTAssertEqual(
            bindError("SELECT a FROM t WHERE a IN (SELECT a, x FROM u)")?.message,
            "Subquery for IN must return exactly one column, got 2")
        XCTAssertEqual(
            bindError("SELECT (SELECT a, x FROM u)")?.message, "Scalar subquery must return exactly one column, got 2")
    }

    func testBetweenAndIsNull() throws {
        XCTAssertEqual(
            try explain("SELECT a FROM t WHERE a BETWEEN 1 AND 5 AND c IS NOT NULL"),
            """
            Project (a)
              Filter ((a >= 1) AND (a <= 5) AND isNotNull(c))
                Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testUnionAll() throws {
        XCTAssertEqual(
            try explain("SELECT a FROM u UNION ALL SELECT a FROM u UNION ALL SELECT 1"),
            """
            Union ALL
              Project (a)
                Scan default.u (a, x)
              Project (a)
                Scan default.u (a, x)
              Project (CAST(1 AS Int64) AS a)
                Project (1)
                  Values (1 row)
            """)
        XCTAssertEqual(
            bindError("SELECT 1 UNION ALL SELECT 1, 2")?.message,
            "UNION branches have different numbers of columns: 1 and 2")
    }

    func testCaseExpressions() throws {
        XCTAssertEqual(
            try explain("SELECT CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS w FROM t"),
            """
            Project (CASE WHEN a = 1 THEN 'one' WHEN a = 2 THEN 'two' ELSE 'many' END AS w)
              Scan default.t (a, b, c, d, v, n)
            """)
    }

    func testUnsupportedClauses() throws {
        XCTAssertEqual(bindError("SELECT a FROM t LIMIT 1 BY a")?.kind, .unsupported)
        XCTAssertEqual(bindError("SELECT count() FROM t GROUP BY a WITH TOTALS")?.kind, .unsupported)
        XCTAssertEqual(bindError("SELECT 1 FROM generateRandom('a UInt8')")?.kind, .unsupported)
        XCTAssertEqual(bindError("SELECT number FROM numbers(10000000)")?.kind, .unsupported)
    }

    func testNumbersTableFunction() throws {
        XCTAssertEqual(
            try columns("SELECT number, n.number * 2 FROM numbers(3) AS n"),
            ["number UInt64", "multiply(n.number, 2) UInt64"])
        guard case .project(.values(let rows, _), _, _) = try plan("SELECT number FROM numbers(5, 2)") else {
            return XCTFail()
        }
        XCTAssertEqual(rows, [[.uint(5)], [.uint(6)]])
    }
}
