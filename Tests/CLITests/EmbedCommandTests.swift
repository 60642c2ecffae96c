// `loupe embed` end to end against a local HTTP server: a TSV of ids and URLs (one answering 404,
// one serving bytes that are no image), the tiny CLIP checkpoint, rows inserted and queried, the
// failures reported, and the TSV copy written.

import Foundation
import LoupeTestSupport
import XCTest

final class EmbedCommandTests: XCTestCase {
    static let fixtures = CLITests.repoRoot.appendingPathComponent("Tests/LoupeEmbedTests/Fixtures/clip-tiny")

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: CLITests.binary) else {
            throw MissingBinary(path: CLITests.binary)
        }
    }

    func testEmbedsDownloadsSkipsFailuresAndInserts() throws {
        let images = Self.fixtures.appendingPathComponent("images")
        let server = try LocalHTTPServer(routes: [
            "/rocket.jpg": [.init(status: 200, body: try Data(contentsOf: images.appendingPathComponent("rocket.jpg")))],
            "/chelsea.png": [.init(status: 200, body: try Data(contentsOf: images.appendingPathComponent("chelsea.png")))],
            "/garbage.jpg": [.init(status: 200, body: Data("definitely not a jpeg".utf8))],
        ])
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-embed-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tsv = directory.appendingPathComponent("photos.tsv")
        try """
            photo_id\tphoto_image_url\tother
            rocket\t\(server.url("/rocket"))\tx
            chelsea\t\(server.url("/chelsea"))\ty
            missing\t\(server.url("/missing"))\tz
            garbage\t\(server.url("/garbage"))\tw
            local\t\(images.appendingPathComponent("grace_hopper.jpg").path)\tv

            """.write(to: tsv, atomically: true, encoding: .utf8)
        let copy = directory.appendingPathComponent("embeddings.tsv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = [
            "embed", "--model", Self.fixtures.appendingPathComponent("tiny-p32-224/model").path,
            "--url-suffix", ".jpg", "--retries", "0", "--output", copy.path, tsv.path,
            "-q", "SELECT photo_id, length(photo_embed) FROM photos ORDER BY photo_id",
        ]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, stderr)
        // chelsea is served as /chelsea.png but requested with the .jpg suffix: a 404, like missing.
        XCTAssertEqual(stdout, "local\t16\nrocket\t16\n")
        XCTAssertTrue(stderr.contains("Embedded 2 of 5 images into photos; 3 failed."), stderr)
        for id in ["chelsea", "missing", "garbage"] {
            XCTAssertTrue(stderr.contains("skipped \(id) "), stderr)
        }
        let written = try String(contentsOf: copy, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(written.count, 2)
        XCTAssertTrue(written.allSatisfy { $0.split(separator: "\t").count == 3 && $0.hasSuffix("]") })
    }

    func testMissingModelIsAClearError() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["embed", "--model", "/nonexistent/model", Self.fixtures.appendingPathComponent("images").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(stderr.contains("/nonexistent/model"), stderr)
    }
}
