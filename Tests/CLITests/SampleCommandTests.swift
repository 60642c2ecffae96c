// `loupe sample unsplash` end to end: the same seed writes the same bytes, the files have the
// Unsplash Lite and walkthrough columns, embeddings are 512-dimensional unit vectors, and the
// image-search example scripts load the files and give sensible answers on them.

import Foundation
import XCTest

final class SampleCommandTests: XCTestCase {
    static let photos = 300, conversions = 5_000
    static let examples = CLITests.repoRoot.appendingPathComponent("examples/image-search")

    private var scratch: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: CLITests.binary) else {
            throw MissingBinary(path: CLITests.binary)
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func generate(_ name: String, seed: Int = 7) throws -> URL {
        let dir = scratch.appendingPathComponent(name)
        let run = try CLITests.loupe([
            "sample", "unsplash", "--photos", "\(Self.photos)", "--conversions", "\(Self.conversions)",
            "--seed", "\(seed)", "--out", dir.path,
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        return dir
    }

    private func lines(_ url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { $0 }
    }

    func testSameSeedWritesSameBytesAndFilesHaveTheirColumns() throws {
        let a = try generate("a"), b = try generate("b"), other = try generate("other", seed: 8)
        for file in ["photos.tsv", "conversions.tsv", "photo_embeddings.tsv"] {
            let bytesA = try Data(contentsOf: a.appendingPathComponent(file))
            XCTAssertEqual(bytesA, try Data(contentsOf: b.appendingPathComponent(file)), file)
            XCTAssertNotEqual(bytesA, try Data(contentsOf: other.appendingPathComponent(file)), file)
        }

        let photos = try lines(a.appendingPathComponent("photos.tsv"))
        let photoHeader = photos[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        for column in [
            "photo_id", "photo_url", "photo_image_url", "photo_submitted_at", "photo_width", "photo_height",
            "photo_aspect_ratio", "photo_description", "ai_description", "photographer_username", "stats_views",
            "stats_downloads",
        ] {
            XCTAssertTrue(photoHeader.contains(column), column)
        }
        XCTAssertEqual(photos.count, Self.photos + 1)
        let idColumn = photoHeader.firstIndex(of: "photo_id")!, urlColumn = photoHeader.firstIndex(of: "photo_image_url")!
        let idCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        var ids = Set<String>()
        for row in photos.dropFirst() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, photoHeader.count)
            let id = String(fields[idColumn])
            XCTAssertEqual(id.count, 11)
            XCTAssertTrue(id.allSatisfy(idCharacters.contains), id)
            XCTAssertTrue(fields[urlColumn].hasPrefix("https://images.unsplash.com/photo-"))
            ids.insert(id)
        }
        XCTAssertEqual(ids.count, Self.photos)

        let conversions = try lines(a.appendingPathComponent("conversions.tsv"))
        XCTAssertEqual(
            String(conversions[0]),
            "converted_at\tconversion_type\tkeyword\tphoto_id\tanonymous_user_id\tconversion_country\tdevice_type\t"
                + "search_orientation_filter\tsearch_ordering")
        XCTAssertEqual(conversions.count, Self.conversions + 1)
        for row in conversions.dropFirst() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 9)
            XCTAssertTrue(ids.contains(String(fields[3])))
        }

        let embeddings = try lines(a.appendingPathComponent("photo_embeddings.tsv"))
        XCTAssertEqual(String(embeddings[0]), "id\tphoto_id\tphoto_image_url\tphoto_embed")
        XCTAssertEqual(embeddings.count, Self.photos + 1)
        for (i, row) in embeddings.dropFirst().enumerated() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 4)
            XCTAssertEqual(String(fields[0]), "\(i)")
            XCTAssertTrue(ids.contains(String(fields[1])))
            let array = fields[3]
            XCTAssertTrue(array.hasPrefix("[") && array.hasSuffix("]"))
            let values = array.dropFirst().dropLast().split(separator: ",").map { Float(String($0)) }
            XCTAssertEqual(values.count, 512)
            let norm = values.reduce(0.0) { $0 + Double($1 ?? .nan) * Double($1 ?? .nan) }.squareRoot()
            XCTAssertEqual(norm, 1, accuracy: 1e-4, "row \(i)")
        }
    }

    /// The statements of `3-index-and-search.sql`, split at semicolons (its SQL has none inside).
    private func searchStatements() throws -> [String] {
        let text = try String(contentsOf: Self.examples.appendingPathComponent("3-index-and-search.sql"), encoding: .utf8)
        return text.split(separator: ";").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    private func query(_ db: URL, _ sql: String) throws -> [[String]] {
        let run = try CLITests.loupe([db.path, "-q", sql, "--format", "TSV"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func testExampleScriptsLoadAndSearchTheSample() throws {
        let sample = try generate("sample")
        let db = scratch.appendingPathComponent("db")
        let scripts = ["1-create-tables.sql", "2-load.sql", "3-index-and-search.sql"].flatMap {
            ["-f", Self.examples.appendingPathComponent($0).path]
        }
        let run = try CLITests.loupe([db.path] + scripts, directory: sample)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try query(db, "SELECT count() FROM default.myscale_photos"), [["\(Self.photos)"]])
        XCTAssertEqual(try query(db, "SELECT count() FROM default.myscale_conversions"), [["\(Self.conversions)"]])

        // Top 10 around the target: not the target, sorted, far closer than a typical photo.
        let target = try query(db, "SELECT photo_id FROM default.myscale_photos WHERE id = 7")[0][0]
        let statements = try searchStatements()
        let topStatement = try XCTUnwrap(statements.first { $0.contains("LIMIT 10") && $0.contains("WHERE id != 7") })
        let top = try query(db, topStatement)
        XCTAssertEqual(top.count, 10)
        XCTAssertFalse(top.contains { $0[0] == target })
        let distances = top.map { Double($0[2])! }
        XCTAssertEqual(distances, distances.sorted())
        let all = try query(
            db,
            """
            WITH (SELECT photo_embed FROM default.myscale_photos WHERE id = 7) AS t
            SELECT distance(photo_embed, t) FROM default.myscale_photos WHERE id != 7
            """
        ).map { Double($0[0])! }.sorted()
        let median = all[all.count / 2]
        XCTAssertTrue(distances.allSatisfy { $0 < median }, "\(distances) vs median \(median)")

        // Most of them share the target's topic, which ai_description names.
        let topicNames = ["bee", "mountain", "coffee", "ocean", "city", "dog", "forest", "food", "flower", "cat", "desert", "car"]
        var topicOf: [String: String] = [:]
        let photoRows = try lines(sample.appendingPathComponent("photos.tsv"))
        let header = photoRows[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let idColumn = header.firstIndex(of: "photo_id")!, captionColumn = header.firstIndex(of: "ai_description")!
        for row in photoRows.dropFirst() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            let words = fields[captionColumn].split(separator: " ").map { $0.hasSuffix("s") ? String($0.dropLast()) : String($0) }
            topicOf[String(fields[idColumn])] = topicNames.first { words.contains($0) }
        }
        XCTAssertNotNil(topicOf[target])
        XCTAssertGreaterThanOrEqual(top.filter { topicOf[$0[0]] == topicOf[target] }.count, 8)

        // Downloads per candidate: the join's counts are the conversions file's counts.
        var downloads: [String: Int] = [:]
        for row in try lines(sample.appendingPathComponent("conversions.tsv")).dropFirst() {
            downloads[String(row.split(separator: "\t", omittingEmptySubsequences: false)[3]), default: 0] += 1
        }
        let joinStatement = try XCTUnwrap(statements.first { $0.contains("JOIN (") })
        let joined = try query(db, joinStatement)
        XCTAssertFalse(joined.isEmpty)
        XCTAssertLessThanOrEqual(joined.count, 10)
        for row in joined { XCTAssertEqual(Int(row[1]), downloads[row[0]], row[0]) }
        let joinedCounts = joined.map { Int($0[1])! }
        XCTAssertEqual(joinedCounts, joinedCounts.sorted(by: >))

        // Keywords of the most downloaded candidate: at most 5, most frequent first.
        let keywordStatement = try XCTUnwrap(statements.first { $0.contains("GROUP BY keyword") })
        let keywords = try query(db, keywordStatement)
        XCTAssertFalse(keywords.isEmpty)
        XCTAssertLessThanOrEqual(keywords.count, 5)
        let keywordCounts = keywords.map { Int($0[1])! }
        XCTAssertEqual(keywordCounts, keywordCounts.sorted(by: >))
    }
}
