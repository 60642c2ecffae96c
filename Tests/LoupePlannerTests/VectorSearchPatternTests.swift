// The vector top-k shape after binding and optimizing: matched for the walkthrough's queries
// (alone and inside the JOIN), with the index when its metric agrees, and not matched when the
// order runs from the farthest vector or the distance is not to a constant.

import LoupeCore
import LoupePlanner
import XCTest

final class VectorSearchPatternTests: BinderTestCase {
    private func topK(_ sql: String) throws -> LogicalPlan? {
        func find(_ p: LogicalPlan) -> LogicalPlan? {
            if case .topK = p { return p }
            for child in p.children { if let found = find(child) { return found } }
            return nil
        }
        return find(Optimizer().optimize(try plan(sql)))
    }

    func testWalkthroughSearchMatches() throws {
        let sql = """
            SELECT photo_id, photo_image_url, distance(photo_embed, \(Self.embedding)) as dist
            FROM default.myscale_photos WHERE photo_id != 'x' ORDER BY dist LIMIT 10
            """
        let pattern = try XCTUnwrap(VectorSearchPattern.match(try XCTUnwrap(try topK(sql))))
        XCTAssertEqual(pattern.table.name, "myscale_photos")
        XCTAssertEqual(pattern.scanColumns, [1, 2, 3])
        XCTAssertEqual(pattern.vectorColumn, 3)
        XCTAssertEqual(pattern.query.count, 512)
        XCTAssertEqual(pattern.metric, .cosine)
        XCTAssertEqual(pattern.index?.name, "photo_embed_index")
        XCTAssertEqual(pattern.distanceOutput, 2)
        XCTAssertEqual(pattern.limit, 10)
        XCTAssertEqual(pattern.schema.names, ["photo_id", "photo_image_url", "dist"])
        XCTAssertEqual(
            pattern.filter.map { ExprPrinter.text($0, names: ["photo_id", "photo_image_url", "photo_embed"]) },
            "photo_id != 'x'")
    }

    func testMatchesInsideJoinSubquery() throws {
        let sql = """
            SELECT photo_id, count(*) AS count FROM default.myscale_conversions
            JOIN (SELECT photo_id, distance(photo_embed, \(Self.embedding)) AS dist FROM default.myscale_photos
                  ORDER BY dist ASC LIMIT 10) AS target_photos
            ON default.myscale_conversions.photo_id = target_photos.photo_id
            GROUP BY photo_id ORDER BY count DESC
            """
        XCTAssertNotNil(VectorSearchPattern.match(try XCTUnwrap(try topK(sql))))
    }

    /// A query vector written as a WITH constant or a CAST of an array literal is still one
    /// `Value.vector` after folding.
    func testConstantQueryVectorForms() throws {
        for sql in [
            "WITH [1, 0.5, 2] AS q SELECT a, L2SquaredDistance(v, q) AS d FROM t ORDER BY d LIMIT 2",
            "SELECT a, L2SquaredDistance(v, CAST([1, 0.5, 2] AS Array(Float32))) AS d FROM t ORDER BY d LIMIT 2",
            "SELECT a, L2SquaredDistance(v, CAST([1, 0.5, 2], 'Array(Float32)')) AS d FROM t ORDER BY d LIMIT 2",
        ] {
            let pattern = try XCTUnwrap(VectorSearchPattern.match(try XCTUnwrap(try topK(sql))), sql)
            XCTAssertEqual(pattern.query, [1, 0.5, 2], sql)
        }
    }

    func testExactWhenNoIndexOrOtherMetric() throws {
        let pattern = try XCTUnwrap(
            VectorSearchPattern.match(
                try XCTUnwrap(
                    try topK(
                        "SELECT a, L2SquaredDistance(v, [1, 2, 3]) AS d FROM t ORDER BY d LIMIT 2"))))
        XCTAssertEqual(pattern.metric, .l2)
        XCTAssertNil(pattern.index)
        let other = try XCTUnwrap(
            VectorSearchPattern.match(
                try XCTUnwrap(
                    try topK(
                        "SELECT L2SquaredDistance(photo_embed, \(Self.embedding)) AS d FROM myscale_photos ORDER BY d LIMIT 2"
                    ))))
        XCTAssertNil(other.index, "the index is Cosine, the query L2")
    }

    func testNotMatched() throws {
        XCTAssertNil(
            VectorSearchPattern.match(
                try XCTUnwrap(
                    try topK(
                        "SELECT distance(photo_embed, \(Self.embedding)) AS d FROM myscale_photos ORDER BY d DESC LIMIT 3"
                    ))))
        XCTAssertNil(
            VectorSearchPattern.match(
                try XCTUnwrap(
                    try topK(
                        "SELECT cosineDistance(v, v) AS d FROM t ORDER BY d LIMIT 3"))))
        XCTAssertNil(VectorSearchPattern.match(try XCTUnwrap(try topK("SELECT a FROM t ORDER BY a LIMIT 3"))))
        let ip = try XCTUnwrap(
            VectorSearchPattern.match(
                try XCTUnwrap(
                    try topK(
                        "SELECT dotProduct(v, [1, 0, 0]) AS s FROM t ORDER BY s DESC LIMIT 3"))))
        XCTAssertEqual(ip.metric, .innerProduct)
    }
}
