// Each optimizer rule on its own: the plan text before and after, and the columns and filters
// that end up in the scans. Plans are built by hand so the rules are tested without the binder.

import LoupeCore
import LoupePlanner
import XCTest

final class OptimizerRuleTests: XCTestCase {
    private let table = TableDefinition(
        database: "default", name: "t",
        columns: [
            ColumnDefinition(name: "id", type: .uint64), ColumnDefinition(name: "name", type: .string),
            ColumnDefinition(name: "v", type: .array(.float32)), ColumnDefinition(name: "score", type: .float64),
        ])
    private let other = TableDefinition(
        database: "default", name: "u",
        columns: [ColumnDefinition(name: "id", type: .uint64), ColumnDefinition(name: "tag", type: .string)])

    private func scan(_ t: TableDefinition) -> LogicalPlan {
        .scan(table: t, columns: Array(t.columns.indices), filter: nil, schema: t.schema)
    }

    private func col(_ i: Int, _ type: DataType) -> BoundExpr { .column(i, type) }
    private func lit(_ v: Value, _ type: DataType) -> BoundExpr { .literal(v, type) }
    private func call(_ name: String, _ args: [BoundExpr], _ type: DataType) -> BoundExpr {
        BoundExpr(.call(name, arguments: args, parameters: []), type: type)
    }

    private func project(_ input: LogicalPlan, _ items: [(BoundExpr, String)]) -> LogicalPlan {
        .project(input, expressions: items.map(\.0), schema: Schema(items.map { Field(name: $0.1, type: $0.0.type) }))
    }

    private func run(_ rule: any OptimizerRule, _ plan: LogicalPlan) -> String {
        PlanPrinter.text(rule.apply(plan))
    }

    func testConstantFolding() {
        let sum = call(FunctionNames.plus, [lit(.int(1), .uint16), lit(.int(2), .uint16)], .uint16)
        let cmp = call(
            FunctionNames.greater, [col(3, .float64), BoundExpr(.cast(lit(.int(1), .uint8)), type: .float64)], .uint8)
        let vector = call(
            FunctionNames.array, [lit(.float(0.5), .float32), lit(.float(1), .float32)], .array(.float32))
        let random = call("rand", [], .uint32)
        let plan = LogicalPlan.filter(
            project(scan(table), [(sum, "s"), (vector, "q"), (random, "r"), (col(3, .float64), "score")]),
            predicate: call(FunctionNames.and, [lit(.int(1), .uint8), cmp], .uint8))
        XCTAssertEqual(
            PlanPrinter.text(plan),
            """
            Filter (1 AND (score > CAST(1 AS Float64)))
              Project (1 + 2 AS s, [0.5, 1] AS q, rand() AS r, score)
                Scan default.t (id, name, v, score)
            """)
        let folded = ConstantFolding().apply(plan)
        XCTAssertEqual(
            PlanPrinter.text(folded),
            """
            Filter (score > 1)
              Project (3 AS s, [0.5, 1] AS q, rand() AS r, score)
                Scan default.t (id, name, v, score)
            """)
        guard case .filter(.project(_, let exprs, _), _) = folded else { return XCTFail() }
        XCTAssertEqual(exprs[1].constantValue, .vector([0.5, 1]))
        XCTAssertEqual(exprs[0].constantValue, .int(3))
    }

    func testConstantFoldingSimplifiesLogic() {
        let x = call(FunctionNames.greater, [col(3, .float64), lit(.float(1), .float64)], .uint8)
        let y = call(FunctionNames.less, [col(0, .uint64), lit(.uint(5), .uint64)], .uint8)
        let one = lit(.int(1), .uint8)
        let zero = lit(.int(0), .uint8)
        let null = lit(.null, .nothing)
        func text(_ e: BoundExpr) -> String {
            ExprPrinter.text(ConstantFolding.fold(e), names: table.columns.map(\.name))
        }
        XCTAssertEqual(text(call(FunctionNames.and, [x, one, y], .uint8)), "(score > 1) AND (id < 5)")
        XCTAssertEqual(text(call(FunctionNames.and, [x, zero], .uint8)), "0")
        XCTAssertEqual(text(call(FunctionNames.or, [x, one], .uint8)), "1")
        XCTAssertEqual(text(call(FunctionNames.or, [zero, x], .uint8)), "score > 1")
        XCTAssertEqual(text(call(FunctionNames.and, [x, null], .nullable(.uint8))), "(score > 1) AND NULL")
        XCTAssertEqual(
            text(call(FunctionNames.and, [col(0, .uint64), one], .uint8)), "id AND 1", "keeps the UInt8 result")
    }

    func testConstantFoldingDropsTrueFilterAndPicksBranch() {
        let plan = LogicalPlan.filter(
            scan(other), predicate: call(FunctionNames.equals, [lit(.int(1), .uint8), lit(.int(1), .uint8)], .uint8))
        XCTAssertEqual(run(ConstantFolding(), plan), "Scan default.u (id, tag)")
        let pick = call(FunctionNames.if, [lit(.int(0), .uint8), col(1, .string), lit(.string("x"), .string)], .string)
        XCTAssertEqual(
            run(ConstantFolding(), project(scan(other), [(pick, "p")])),
            """
            Project ('x' AS p)
              Scan default.u (id, tag)
            """)
        let divByZero = call(FunctionNames.intDiv, [lit(.int(1), .int64), lit(.int(0), .int64)], .int64)
        XCTAssertEqual(ConstantFolding.fold(divByZero), divByZero, "errors are left for run time")
    }

    func testPredicatePushdownIntoScanThroughProjection() {
        let dist = call(
            FunctionNames.cosineDistance, [col(2, .array(.float32)), lit(.vector([1, 0]), .array(.float32))], .float32)
        let projected = project(scan(table), [(col(1, .string), "name"), (dist, "d")])
        let plan = LogicalPlan.filter(
            projected,
            predicate: call(
                FunctionNames.and,
                [
                    call(FunctionNames.notEquals, [col(0, .string), lit(.string("x"), .string)], .uint8),
                    call(FunctionNames.less, [col(1, .float32), lit(.float(0.5), .float32)], .uint8),
                ], .uint8))
        XCTAssertEqual(
            run(PredicatePushdown(), plan),
            """
            Project (name, cosineDistance(v, [1, 0]) AS d)
              Scan default.t (id, name, v, score) filter: (name != 'x') AND (cosineDistance(v, [1, 0]) < 0.5)
            """)
    }

    func testPredicatePushdownKeepsNonDeterministicAndStopsAtLimit() {
        let random = call(FunctionNames.less, [call("rand", [], .uint32), lit(.int(100), .uint32)], .uint8)
        let cheap = call(FunctionNames.greater, [col(3, .float64), lit(.float(1), .float64)], .uint8)
        let plan = LogicalPlan.filter(.limit(scan(table), limit: 5, offset: 0), predicate: cheap)
        XCTAssertEqual(
            run(PredicatePushdown(), plan),
            """
            Filter (score > 1)
              Limit (limit 5)
                Scan default.t (id, name, v, score)
            """)
        let sorted = LogicalPlan.filter(
            .sort(scan(table), keys: [SortKey(expression: col(0, .uint64))]),
            predicate: call(FunctionNames.and, [random, cheap], .uint8))
        XCTAssertEqual(
            run(PredicatePushdown(), sorted),
            """
            Filter (rand() < 100)
              Sort (keys: id ASC)
                Scan default.t (id, name, v, score) filter: score > 1
            """)
    }

    private func join(_ kind: JoinKind, keys: Bool = true) -> LogicalPlan {
        let schema = Schema(table.schema.fields + other.schema.fields)
        return .join(
            scan(table), scan(other), kind: kind, leftKeys: keys ? [col(0, .uint64)] : [],
            rightKeys: keys ? [col(0, .uint64)] : [], residual: nil, joinUseNulls: false, schema: schema)
    }

    func testPredicatePushdownThroughJoins() {
        let leftPred = call(FunctionNames.greater, [col(3, .float64), lit(.float(1), .float64)], .uint8)
        let rightPred = call(FunctionNames.equals, [col(5, .string), lit(.string("k"), .string)], .uint8)
        let both = call(FunctionNames.and, [leftPred, rightPred], .uint8)
        XCTAssertEqual(
            run(PredicatePushdown(), .filter(join(.inner), predicate: both)),
            """
            Join INNER (t.id = u.id)
              Scan default.t (id, name, v, score) filter: score > 1
              Scan default.u (id, tag) filter: tag = 'k'
            """)
        XCTAssertEqual(
            run(PredicatePushdown(), .filter(join(.left), predicate: both)),
            """
            Filter (tag = 'k')
              Join LEFT (t.id = u.id)
                Scan default.t (id, name, v, score) filter: score > 1
                Scan default.u (id, tag)
            """)
        XCTAssertEqual(
            run(PredicatePushdown(), .filter(join(.full), predicate: both)),
            """
            Filter ((score > 1) AND (tag = 'k'))
              Join FULL (t.id = u.id)
                Scan default.t (id, name, v, score)
                Scan default.u (id, tag)
            """)
        let equi = call(FunctionNames.equals, [col(0, .uint64), col(4, .uint64)], .uint8)
        XCTAssertEqual(
            run(PredicatePushdown(), .filter(join(.cross, keys: false), predicate: equi)),
            """
            Join INNER (t.id = u.id)
              Scan default.t (id, name, v, score)
              Scan default.u (id, tag)
            """)
    }

    func testPredicatePushdownThroughAggregateKeys() {
        let agg = LogicalPlan.aggregate(
            scan(table), keys: [col(1, .string)],
            aggregates: [AggregateCall(function: "count", arguments: [], type: .uint64)],
            schema: Schema([Field(name: "name", type: .string), Field(name: "count()", type: .uint64)]))
        let onKey = call(FunctionNames.equals, [col(0, .string), lit(.string("a"), .string)], .uint8)
        let onCount = call(FunctionNames.greater, [col(1, .uint64), lit(.uint(1), .uint64)], .uint8)
        XCTAssertEqual(
            run(PredicatePushdown(), .filter(agg, predicate: call(FunctionNames.and, [onKey, onCount], .uint8))),
            """
            Filter (count() > 1)
              Aggregate (keys: name; aggregates: count())
                Scan default.t (id, name, v, score) filter: name = 'a'
            """)
    }

    func testPredicatePushdownIntoUnionBranches() {
        let left = project(scan(table), [(col(0, .uint64), "id")])
        let right = project(scan(other), [(col(0, .uint64), "id")])
        let union = LogicalPlan.union([left, right], all: true, schema: Schema([Field(name: "id", type: .uint64)]))
        let plan = LogicalPlan.filter(
            union, predicate: call(FunctionNames.greater, [col(0, .uint64), lit(.uint(3), .uint64)], .uint8))
        XCTAssertEqual(
            run(PredicatePushdown(), plan),
            """
            Union ALL
              Project (id)
                Scan default.t (id, name, v, score) filter: id > 3
              Project (id)
                Scan default.u (id, tag) filter: id > 3
            """)
    }

    func testProjectionPushdownThroughAggregateAndUnion() {
        let agg = LogicalPlan.aggregate(
            scan(table), keys: [col(1, .string)],
            aggregates: [AggregateCall(function: "max", arguments: [col(3, .float64)], type: .float64)],
            schema: Schema([Field(name: "name", type: .string), Field(name: "max(score)", type: .float64)]))
        XCTAssertEqual(
            run(ProjectionPushdown(), project(agg, [(col(1, .float64), "m")])),
            """
            Project (max(score) AS m)
              Aggregate (keys: name; aggregates: max(score))
                Scan default.t (name, score)
            """)
        let union = LogicalPlan.union([scan(other), scan(other)], all: true, schema: other.schema)
        XCTAssertEqual(
            run(ProjectionPushdown(), project(union, [(col(1, .string), "tag")])),
            """
            Project (tag)
              Union ALL
                Scan default.u (id, tag)
                Scan default.u (id, tag)
            """)
    }

    func testProjectionPushdown() {
        let plan = project(
            .filter(
                scan(table),
                predicate: call(FunctionNames.greater, [col(3, .float64), lit(.float(0), .float64)], .uint8)),
            [(col(1, .string), "name")])
        let pruned = ProjectionPushdown().apply(plan)
        XCTAssertEqual(
            PlanPrinter.text(pruned),
            """
            Project (name)
              Filter (score > 0)
                Scan default.t (name, score)
            """)
        guard case .project(.filter(.scan(_, let columns, _, let schema), let predicate), let exprs, _) = pruned else {
            return XCTFail()
        }
        XCTAssertEqual(columns, [1, 3])
        XCTAssertEqual(schema.names, ["name", "score"])
        XCTAssertEqual(predicate.referencedColumns, [1])
        XCTAssertEqual(exprs.map(\.kind), [.column(0)])
    }

    func testProjectionPushdownThroughJoinAndCountStar() {
        let plan = project(join(.inner), [(col(5, .string), "tag")])
        XCTAssertEqual(
            run(ProjectionPushdown(), plan),
            """
            Project (tag)
              Join INNER (t.id = u.id)
                Scan default.t (id)
                Scan default.u (id, tag)
            """)
        let count = LogicalPlan.aggregate(
            scan(table), keys: [], aggregates: [AggregateCall(function: "count", arguments: [], type: .uint64)],
            schema: Schema([Field(name: "count()", type: .uint64)]))
        XCTAssertEqual(
            run(ProjectionPushdown(), count),
            """
            Aggregate (aggregates: count())
              Scan default.t (id)
            """)
    }

    func testProjectionPushdownKeepsDistinctInputs() {
        let plan = project(
            .distinct(project(scan(table), [(col(0, .uint64), "id"), (col(1, .string), "name")])),
            [(col(1, .string), "name")])
        XCTAssertEqual(
            run(ProjectionPushdown(), plan),
            """
            Project (name)
              Distinct
                Project (id, name)
                  Scan default.t (id, name)
            """)
    }

    func testTopKRule() {
        let keys = [SortKey(expression: col(3, .float64), descending: true)]
        let plan = LogicalPlan.limit(.sort(scan(table), keys: keys), limit: 10, offset: 2)
        XCTAssertEqual(
            run(TopKRule(), plan),
            """
            TopK (limit 10, offset 2, keys: score DESC)
              Scan default.t (id, name, v, score)
            """)
        let offsetOnly = LogicalPlan.limit(.sort(scan(table), keys: keys), limit: nil, offset: 2)
        XCTAssertEqual(TopKRule().apply(offsetOnly), offsetOnly)
    }

    func testOptimizerRunsOnSubqueries() {
        let inner = LogicalPlan.limit(
            .sort(scan(other), keys: [SortKey(expression: col(0, .uint64))]), limit: 1, offset: 0)
        let sub = BoundExpr(.scalarSubquery(inner), type: .uint64)
        let plan = project(.values(rows: [[]], schema: Schema([])), [(sub, "s")])
        guard case .project(_, let exprs, _) = Optimizer().optimize(plan),
            case .scalarSubquery(let optimized) = exprs[0].kind
        else {
            return XCTFail()
        }
        XCTAssertEqual(
            PlanPrinter.text(optimized),
            """
            TopK (limit 1, keys: id ASC)
              Scan default.u (id, tag)
            """)
    }
}
