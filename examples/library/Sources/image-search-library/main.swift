// The image-search walkthrough (examples/image-search) done from Swift with the Loupe library.
// It opens an on-disk database in a fresh temporary directory, creates the photos and conversions
// tables, loads deterministic sample rows through prepared statements that bind `[Float]` vectors,
// adds a cosine MSTG vector index, then closes and reopens the database to show that everything
// persisted. It picks a target photo and runs the walkthrough's two searches with the target's
// vector bound as a parameter: the ten most similar photos, and the downloads of each candidate.
// Results are read with `row.get(_:as:)` and printed; the program checks them against distances
// and counts it computes itself, and exits with status 1 and a message on any mismatch.

import Foundation
import Loupe

let photoCount = 2_000
let targetID: UInt64 = 7
let batchSize = 100

/// Stops the program with a message and a non-zero status.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("image-search-library: FAILED: \(message)\n".utf8))
    exit(1)
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

/// Cosine distance, as `distance()` computes it under `metric_type=Cosine`.
func cosineDistance(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for i in a.indices {
        dot += Double(a[i]) * Double(b[i])
        na += Double(a[i]) * Double(a[i])
        nb += Double(b[i]) * Double(b[i])
    }
    return 1 - dot / (na.squareRoot() * nb.squareRoot())
}

/// Inserts `rows` with one prepared multi-row INSERT per batch of `batchSize` rows.
func insertBatched<T>(
    _ db: Database, _ rows: [T], into table: String, columns: [String], _ values: (T) -> [any ValueConvertible]
) throws {
    let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
    func statement(rows n: Int) throws -> PreparedStatement {
        try db.prepare(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: n).joined(separator: ", "))
    }
    let full = try statement(rows: batchSize)
    var start = 0
    while start < rows.count {
        let batch = rows[start..<min(start + batchSize, rows.count)]
        let insert = batch.count == batchSize ? full : try statement(rows: batch.count)
        let inserted = try insert.execute(batch.flatMap(values))
        check(inserted == batch.count, "INSERT INTO \(table) reported \(inserted) rows, expected \(batch.count)")
        start += batch.count
    }
}

func run() throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("loupe-image-search-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/photos.loupe"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

    let data = SampleData(photoCount: photoCount, seed: 20_240_611)
    print("database: \(path)")

    // Create the tables and load the rows.
    var db = try Database(path: path)
    try db.execute(
        """
        CREATE TABLE default.myscale_photos
        (
            id UInt64,
            photo_id String,
            photo_image_url String,
            photo_embed Array(Float32),
            CONSTRAINT vector_len CHECK length(photo_embed) = 512
        )
        ORDER BY id;
        CREATE TABLE default.myscale_conversions
        (
            id UInt64,
            photo_id String,
            keyword String
        )
        ORDER BY id
        """)
    try insertBatched(
        db, data.photos, into: "default.myscale_photos", columns: ["id", "photo_id", "photo_image_url", "photo_embed"]
    ) { [$0.id, $0.photoID, $0.url, $0.embedding] }
    try insertBatched(db, data.conversions, into: "default.myscale_conversions", columns: ["id", "photo_id", "keyword"]) {
        [$0.id, $0.photoID, $0.keyword]
    }
    try db.execute(
        """
        ALTER TABLE default.myscale_photos
        ADD VECTOR INDEX photo_embed_index photo_embed
        TYPE MSTG
        ('metric_type=Cosine')
        """)

    // The build runs in the background: poll its status until it reads Built, as the walkthrough does.
    var polls = 0
    while true {
        let row = try db.query(
            "SELECT status, progress FROM system.vector_indices WHERE name = 'photo_embed_index'"
        ).rows()[0]
        let state = try row.get("status", as: String.self)
        print("photo_embed_index: \(state) \(try row.get("progress", as: Double.self))%")
        if state == "Built" { break }
        check(state == "InProgress", "the index build failed: \(state)")
        polls += 1
        check(polls < 600, "the index was not built within a minute")
        Thread.sleep(forTimeInterval: 0.1)
    }

    // Close and reopen: the rows and the built index come back from disk.
    db.close()
    db = try Database(path: path)
    defer { db.close() }

    let photos = try db.query("SELECT count(*) AS n FROM default.myscale_photos").rows()[0].get("n", as: Int.self)
    let conversions = try db.query("SELECT count(*) AS n FROM default.myscale_conversions").rows()[0].get("n", as: Int.self)
    print("\nreopened: \(photos) photos, \(conversions) conversions")
    check(photos == data.photos.count, "myscale_photos has \(photos) rows after reopening, expected \(data.photos.count)")
    check(
        conversions == data.conversions.count,
        "myscale_conversions has \(conversions) rows after reopening, expected \(data.conversions.count)")
    let status = try db.query("SELECT status FROM system.vector_indices WHERE name = 'photo_embed_index'").rows()
    check(status.count == 1, "expected one row for photo_embed_index in system.vector_indices, found \(status.count)")
    let reopenedStatus = try status[0].get("status", as: String.self)
    print("photo_embed_index after reopening: \(reopenedStatus)")
    check(reopenedStatus == "Built", "the index is \(reopenedStatus) after reopening; its files should be found")

    // The target photo, read back with its embedding.
    let targetRows = try db.query(
        "SELECT photo_id, photo_image_url, photo_embed FROM default.myscale_photos WHERE id = ?", [targetID]
    ).rows()
    check(targetRows.count == 1, "expected one photo with id \(targetID), found \(targetRows.count)")
    let targetPhotoID = try targetRows[0].get("photo_id", as: String.self)
    let targetEmbed = try targetRows[0].get("photo_embed", as: [Float].self)
    let expectedTarget = data.photos[Int(targetID)]
    check(targetPhotoID == expectedTarget.photoID, "target photo_id is \(targetPhotoID), expected \(expectedTarget.photoID)")
    check(targetEmbed == expectedTarget.embedding, "the target's embedding did not round-trip bit for bit")
    print("\ntarget: \(targetPhotoID)  \(try targetRows[0].get("photo_image_url", as: String.self))")

    // Top 10 images most similar to the target.
    let top = try db.query(
        """
        SELECT id, photo_id, photo_image_url, distance(photo_embed, ?) AS dist
        FROM default.myscale_photos
        WHERE id != ?
        ORDER BY dist
        LIMIT 10
        """, [targetEmbed, targetID]
    ).rows()
    print("\ntop 10 similar photos")
    print("photo_id     dist      photo_image_url")
    var previous = -Double.infinity
    var candidates: [String] = []
    for row in top {
        let id = try row.get("id", as: UInt64.self)
        let photoID = try row.get("photo_id", as: String.self)
        let dist = try row.get("dist", as: Double.self)
        print("\(photoID)  \(String(format: "%.6f", dist))  \(try row.get("photo_image_url", as: String.self))")
        check(id != targetID, "the target photo \(targetPhotoID) is among its own neighbours")
        check(dist >= previous, "top-10 not sorted by distance: \(dist) after \(previous)")
        let expected = cosineDistance(targetEmbed, data.photos[Int(id)].embedding)
        check(abs(dist - expected) < 1e-4, "distance for \(photoID) is \(dist), expected \(expected)")
        previous = dist
        candidates.append(photoID)
    }
    check(top.count == 10, "top-10 query returned \(top.count) rows")
    let bruteForce = data.photos.filter { $0.id != targetID }
        .map { ($0.photoID, cosineDistance(targetEmbed, $0.embedding)) }
        .sorted { $0.1 < $1.1 }.prefix(10).map(\.0)
    check(Set(candidates) == Set(bruteForce), "top-10 is \(candidates), brute force gives \(bruteForce)")
    let topic = SampleData.topics[expectedTarget.topic].name
    let offTopic = candidates.filter { id in data.photos.first { $0.photoID == id }?.topic != expectedTarget.topic }
    check(offTopic.isEmpty, "neighbours \(offTopic) are not from the target's topic (\(topic))")

    // Total downloads for each candidate (the walkthrough's subquery keeps the target itself).
    let downloads = try db.query(
        """
        SELECT photo_id, count(*) AS count
        FROM default.myscale_conversions
        JOIN (
            SELECT photo_id, distance(photo_embed, ?) AS dist
            FROM default.myscale_photos
            ORDER BY dist ASC
            LIMIT 10
            ) AS target_photos
        ON default.myscale_conversions.photo_id = target_photos.photo_id
        GROUP BY photo_id
        ORDER BY count DESC
        """, [targetEmbed]
    ).rows()
    print("\ndownloads per candidate")
    print("photo_id     count")
    let countDirect = try db.prepare("SELECT count(*) AS n FROM default.myscale_conversions WHERE photo_id = ?")
    let joinCandidates = Set([targetPhotoID] + candidates.prefix(9))
    var previousCount = Int.max
    var seen = Set<String>()
    for row in downloads {
        let photoID = try row.get("photo_id", as: String.self)
        let count = try row.get("count", as: Int.self)
        print("\(photoID)  \(count)")
        check(joinCandidates.contains(photoID), "\(photoID) is not one of the 10 nearest photos")
        check(seen.insert(photoID).inserted, "\(photoID) appears twice in the downloads result")
        check(count <= previousCount, "downloads not sorted by count: \(count) after \(previousCount)")
        let direct = try countDirect.query([photoID]).rows()[0].get("n", as: Int.self)
        check(count == direct, "\(photoID) has \(count) downloads in the JOIN, \(direct) counted directly")
        let generated = data.conversions.lazy.filter { $0.photoID == photoID }.count
        check(count == generated, "\(photoID) has \(count) downloads, \(generated) were inserted")
        previousCount = count
    }
    let withDownloads = Set(joinCandidates.filter { id in data.conversions.contains { $0.photoID == id } })
    check(seen == withDownloads, "downloads listed for \(seen.sorted()), expected \(withDownloads.sorted())")

    print("\nok: \(top.count) neighbours (topic: \(topic)), \(downloads.count) candidates with downloads; all checks passed")
}

do {
    try run()
} catch {
    fail("\(error)")
}
