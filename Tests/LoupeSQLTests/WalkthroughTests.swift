// Every SQL statement of the image-search walkthrough (docs: seed/image-search-tutorial.md),
// verbatim, with the embedding placeholder filled by a 512-float array and top_k by 10.

import LoupeCore
import XCTest

@testable import LoupeSQL

final class WalkthroughTests: XCTestCase {
    /// A deterministic 512-dimensional unit-ish vector literal, as Python would format it.
    static let embedding: String = {
        var values: [String] = []
        var state: UInt64 = 42
        for _ in 0..<512 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let x = Double(Int64(bitPattern: state >> 11) % 2_000_000 - 1_000_000) / 25_000_000
            values.append(x == 0 ? "0.0" : String(x))
        }
        values[3] = "-2.1e-05"
        return "[" + values.joined(separator: ", ") + "]"
    }()

    static let statements: [String] = [
        "DROP TABLE IF EXISTS default.myscale_photos",
        "DROP TABLE IF EXISTS default.myscale_conversions",
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

        """,
        """

        CREATE TABLE default.myscale_conversions
        (
            id UInt64,
            photo_id String,
            keyword String
        )
        ORDER BY id

        """,
        "SELECT count(*) FROM default.myscale_photos",
        "SELECT count(*) FROM default.myscale_conversions",
        """

        ALTER TABLE default.myscale_photos 
        ADD VECTOR INDEX photo_embed_index photo_embed
        TYPE MSTG
        ('metric_type=Cosine')

        """,
        "SELECT status FROM system.vector_indices WHERE name='photo_embed_index'",
        "SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1",
        """

        SELECT photo_id, photo_image_url, distance(photo_embed, \(embedding)) as dist
        FROM default.myscale_photos
        WHERE photo_id != 'Qgb9urMZ8lw'
        ORDER BY dist
        LIMIT 10

        """,
        """

        SELECT photo_id, count(*) as count
        FROM default.myscale_conversions
        JOIN (
            SELECT photo_id, distance(photo_embed, \(embedding)) as dist
            FROM default.myscale_photos
            ORDER BY dist ASC
            LIMIT 10
            ) AS target_photos
        ON default.myscale_conversions.photo_id = target_photos.photo_id
        GROUP BY photo_id
        ORDER BY count DESC

        """,
        """

        SELECT photo_image_url FROM default.myscale_photos WHERE photo_id = 'Qgb9urMZ8lw'

        """,
        """

        SELECT keyword, count(*) as count
        FROM default.myscale_conversions
        WHERE photo_id='Qgb9urMZ8lw'
        GROUP BY keyword
        ORDER BY count DESC
        LIMIT 5

        """,
    ]

    func testEveryStatementRoundTrips() throws {
        for sql in Self.statements {
            try assertRoundTrip(sql)
        }
    }

    func testWholeWalkthroughAsOneScript() throws {
        let script = Self.statements.joined(separator: ";\n") + ";"
        let statements = try Parser.parseScript(script)
        XCTAssertEqual(statements.count, Self.statements.count)
        // Each statement's range is its place in the whole script.
        let bytes = Array(script.utf8)
        for (statement, sql) in zip(statements, Self.statements) {
            let r = statement.range
            let text = String(decoding: bytes[r.start.offset..<r.end.offset], as: UTF8.self)
            XCTAssertEqual(text, sql.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    func testCreateTableShape() throws {
        guard case .createTable(let t) = try Parser.parseStatement(Self.statements[2]) else {
            return XCTFail("not CREATE TABLE")
        }
        XCTAssertEqual(t.name.description, "default.myscale_photos")
        XCTAssertEqual(t.columns.map(\.name.name), ["id", "photo_id", "photo_image_url", "photo_embed"])
        XCTAssertEqual(try t.columns.map { try $0.type.resolve() }, [.uint64, .string, .string, .array(.float32)])
        XCTAssertEqual(t.constraints.first?.name.name, "vector_len")
        XCTAssertEqual(t.constraints.first?.check.description, "length(photo_embed) = 512")
        XCTAssertEqual(t.orderBy?.description, "id")
        XCTAssertEqual(t.constraints.first?.range.start.line, 8)
    }

    func testVectorIndexShape() throws {
        guard case .alterTable(let a) = try Parser.parseStatement(Self.statements[6]),
            case .addVectorIndex(let index, ifNotExists: false) = a.commands.first?.kind
        else { return XCTFail("not ADD VECTOR INDEX") }
        XCTAssertEqual(index.name.name, "photo_embed_index")
        XCTAssertEqual(index.column.name, "photo_embed")
        XCTAssertEqual(index.type.name.name, "MSTG")
        XCTAssertEqual(index.type.arguments, [Expr(.literal(.string("metric_type=Cosine")))])
    }

    func testSearchQueryShape() throws {
        guard case .select(let q) = try Parser.parseStatement(Self.statements[9]), case .select(let s) = q.body else {
            return XCTFail("not a SELECT")
        }
        XCTAssertEqual(s.items.count, 3)
        XCTAssertEqual(s.items[2].alias?.name, "dist")
        guard case .function(let call) = s.items[2].expr.kind, case .array(let elements) = call.arguments[1].kind
        else { return XCTFail("distance call expected") }
        XCTAssertEqual(call.name.name, "distance")
        XCTAssertEqual(elements.count, 512)
        XCTAssertEqual(elements[3].kind, .literal(.float(-2.1e-05)))
        XCTAssertEqual(s.limit?.count.kind, .literal(.int(10)))
        XCTAssertEqual(s.orderBy.first?.expr.kind, .identifier([Identifier("dist")]))
    }

    func testJoinQueryShape() throws {
        guard case .select(let q) = try Parser.parseStatement(Self.statements[10]), case .select(let s) = q.body,
            case .join(let join) = s.from?.kind
        else { return XCTFail("not a join") }
        XCTAssertEqual(join.kind, .inner)
        XCTAssertEqual(join.right.alias?.name, "target_photos")
        guard case .on(let condition) = join.constraint else { return XCTFail("ON expected") }
        XCTAssertEqual(condition.description, "default.myscale_conversions.photo_id = target_photos.photo_id")
        // `count` is an alias used as a plain name after ORDER BY.
        XCTAssertEqual(s.orderBy.first?.expr.kind, .identifier([Identifier("count")]))
        XCTAssertEqual(s.orderBy.first?.direction, .descending)
    }
}
