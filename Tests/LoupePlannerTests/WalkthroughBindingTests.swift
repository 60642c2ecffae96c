// Every statement of the image-search walkthrough binds, with the plan shapes the execution layer
// relies on (a top-k over a projection over a filtered scan for the vector search).

import LoupeCore
import LoupePlanner
import XCTest

final class WalkthroughBindingTests: BinderTestCase {
    func testCreateTables() throws {
        catalog = TestCatalog(tables: TestCatalog.system)
        guard
            case .createTable(let photos, false) = try bind(
                """
                CREATE TABLE default.myscale_photos
                (
                    id UInt64,
                    photo_id String,
                    photo_image_url String,
                    photo_embed Array(Float32),
                    CONSTRAINT vector_len CHECK length(photo_embed) = 512
                )
                ORDER BY id
                """)
        else { return XCTFail("not a CREATE TABLE") }
        XCTAssertEqual(photos.database, "default")
        XCTAssertEqual(photos.columns.map(\.type), [.uint64, .string, .string, .array(.float32)])
        XCTAssertEqual(
            photos.constraints, [CheckConstraint(name: "vector_len", expression: "length(photo_embed) = 512")])
        XCTAssertEqual(photos.orderBy, ["id"])
        XCTAssertEqual(photos.primaryKey, ["id"])
        guard
            case .createTable(let conversions, false) = try bind(
                """
                CREATE TABLE default.myscale_conversions
                (
                    id UInt64,
                    photo_id String,
                    keyword String
                )
                ORDER BY id
                """)
        else { return XCTFail("not a CREATE TABLE") }
        XCTAssertEqual(conversions.columns.map(\.name), ["id", "photo_id", "keyword"])
    }

    func testDropTables() throws {
        XCTAssertEqual(
            try bind("DROP TABLE IF EXISTS default.myscale_photos"),
            .dropTable(database: "default", name: "myscale_photos", ifExists: true))
        catalog = TestCatalog(tables: [])
        XCTAssertEqual(
            try bind("DROP TABLE IF EXISTS default.myscale_conversions"),
            .dropTable(database: "default", name: "myscale_conversions", ifExists: true))
    }

    func testCountStar() throws {
        XCTAssertEqual(
            try explain("SELECT count(*) FROM default.myscale_photos"),
            """
            Project (count())
              Aggregate (aggregates: count())
                Scan default.myscale_photos (id, photo_id, photo_image_url, photo_embed)
            """)
        XCTAssertEqual(try columns("SELECT count(*) FROM default.myscale_photos"), ["count() UInt64"])
        XCTAssertEqual(
            try explain("SELECT count(*) FROM default.myscale_conversions", optimized: true),
            """
            Project (count())
              Aggregate (aggregates: count())
                Scan default.myscale_conversions (id)
            """)
    }

    func testAddVectorIndex() throws {
        catalog = TestCatalog(tables: [TestCatalog.photos.withoutIndexes] + TestCatalog.system)
        let statement = try bind(
            """
            ALTER TABLE default.myscale_photos 
            ADD VECTOR INDEX photo_embed_index photo_embed
            TYPE MSTG
            ('metric_type=Cosine')
            """)
        XCTAssertEqual(
            statement,
            .addVectorIndex(
                database: "default", table: "myscale_photos",
                index: VectorIndexDefinition(
                    name: "photo_embed_index", column: "photo_embed", kind: "MSTG",
                    parameters: ["metric_type": "Cosine"],
                    metric: .cosine), ifNotExists: false))
    }

    func testIndexStatus() throws {
        XCTAssertEqual(
            try explain("SELECT status FROM system.vector_indices WHERE name='photo_embed_index'", optimized: true),
            """
            Project (status)
              Scan system.vector_indices (name, status) filter: name = 'photo_embed_index'
            """)
    }

    func testRandomImage() throws {
        XCTAssertEqual(
            try explain("SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1", optimized: true),
            """
            Project (id, photo_id, photo_image_url, photo_embed)
              TopK (limit 1, keys: rand() ASC)
                Project (id, photo_id, photo_image_url, photo_embed, rand())
                  Scan default.myscale_photos (id, photo_id, photo_image_url, photo_embed)
            """)
    }

    func testTopKSearch() throws {
        let sql = """
            SELECT photo_id, photo_image_url, distance(photo_embed, \(Self.embedding)) as dist
            FROM default.myscale_photos
            WHERE photo_id != 'Qgb9urMZ8lw'
            ORDER BY dist
            LIMIT 10
            """
        XCTAssertEqual(
            try explain(sql, optimized: true),
            """
            TopK (limit 10, keys: dist ASC)
              Project (photo_id, photo_image_url, cosineDistance(photo_embed, [..512 floats]) AS dist)
                VectorSearch default.myscale_photos (photo_id, photo_image_url, photo_embed) index: photo_embed_index MSTG Cosine, k: 10 filter: photo_id != 'Qgb9urMZ8lw'
            """)
        let p = try plan(sql)
        XCTAssertEqual(p.schema.fields.map(\.type), [.string, .string, .float32])
    }

    func testJoinGroupCount() throws {
        let sql = """
            SELECT photo_id, count(*) as count
            FROM default.myscale_conversions
            JOIN (
                SELECT photo_id, distance(photo_embed, \(Self.embedding)) as dist
                FROM default.myscale_photos
                ORDER BY dist ASC
                LIMIT 10
                ) AS target_photos
            ON default.myscale_conversions.photo_id = target_photos.photo_id
            GROUP BY photo_id
            ORDER BY count DESC
            """
        XCTAssertEqual(
            try explain(sql, optimized: true),
            """
            Sort (keys: count DESC)
              Project (photo_id, count() AS count)
                Aggregate (keys: myscale_conversions.photo_id AS photo_id; aggregates: count())
                  Join INNER (myscale_conversions.photo_id = target_photos.photo_id)
                    Scan default.myscale_conversions (photo_id)
                    TopK (limit 10, keys: dist ASC)
                      Project (photo_id, cosineDistance(photo_embed, [..512 floats]) AS dist)
                        VectorSearch default.myscale_photos (photo_id, photo_embed) index: photo_embed_index MSTG Cosine, k: 10
            """)
        XCTAssertEqual(try columns(sql), ["photo_id String", "count UInt64"])
    }

    func testCandidateUrl() throws {
        XCTAssertEqual(
            try explain(
                "SELECT photo_image_url FROM default.myscale_photos WHERE photo_id = 'Qgb9urMZ8lw'", optimized: true),
            """
            Project (photo_image_url)
              Scan default.myscale_photos (photo_id, photo_image_url) filter: photo_id = 'Qgb9urMZ8lw'
            """)
    }

    func testTopKeywords() throws {
        XCTAssertEqual(
            try explain(
                """
                SELECT keyword, count(*) as count
                FROM default.myscale_conversions
                WHERE photo_id='Qgb9urMZ8lw'
                GROUP BY keyword
                ORDER BY count DESC
                LIMIT 5
                """, optimized: true),
            """
            TopK (limit 5, keys: count DESC)
              Project (keyword, count() AS count)
                Aggregate (keys: keyword; aggregates: count())
                  Scan default.myscale_conversions (photo_id, keyword) filter: photo_id = 'Qgb9urMZ8lw'
            """)
    }
}

extension TableDefinition {
    var withoutIndexes: TableDefinition {
        var copy = self
        copy.vectorIndexes = []
        return copy
    }
}
