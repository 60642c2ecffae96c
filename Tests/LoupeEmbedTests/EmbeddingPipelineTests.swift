// The fetcher and the batch pipeline against a local HTTP server: successful downloads, a 404, a
// URL returning garbage bytes, a transient 503 that a retry gets past, a timeout, local paths and
// missing files — each item succeeding or failing on its own, with progress reported.

import Foundation
import LoupeTestSupport
import XCTest

@testable import LoupeEmbed

final class EmbeddingPipelineTests: XCTestCase {
    private var server: LocalHTTPServer!
    private var chelsea = Data()
    private var rocket = Data()

    override func setUpWithError() throws {
        chelsea = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("clip-tiny/images/chelsea.png")))
        rocket = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("clip-tiny/images/rocket.jpg")))
        server = try LocalHTTPServer(routes: [
            "/chelsea.png": [.init(status: 200, body: chelsea)],
            "/rocket.jpg": [.init(status: 200, body: rocket)],
            "/garbage.jpg": [.init(status: 200, body: Data((0..<3000).map { UInt8($0 * 7 % 256) }))],
            "/flaky.png": [.init(status: 503, body: Data()), .init(status: 200, body: chelsea)],
            "/broken.png": [.init(status: 500, body: Data())],
            "/slow.png": [.init(status: 200, body: chelsea, delay: 3)],
        ])
    }

    override func tearDown() {
        server.stop()
    }

    private func fetcher(timeout: Double = 10) -> ImageFetcher {
        ImageFetcher(options: .init(maxConcurrent: 3, timeout: timeout, retries: 2, retryDelay: 0.05))
    }

    func testFetchAllGivesPerItemResults() async throws {
        let sources = [
            server.url("/chelsea.png"), server.url("/missing.png"), server.url("/garbage.jpg"),
            Fixtures.path("clip-tiny/images/rocket.jpg"), "/nonexistent/photo.jpg",
            "file://" + Fixtures.path("clip-tiny/images/chelsea.png"),
        ]
        let results = await fetcher().fetchAll(sources)
        XCTAssertEqual(results.count, sources.count)
        XCTAssertEqual(try results[0].get(), chelsea)
        XCTAssertThrowsError(try results[1].get()) { error in
            guard case EmbedError.fetchFailed(let source, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(source, sources[1])
            XCTAssertTrue(reason.contains("404"), reason)
        }
        XCTAssertEqual(try results[2].get().count, 3000)
        XCTAssertEqual(try results[3].get(), rocket)
        XCTAssertEqual(results[4].failureValue, .missingFile(path: "/nonexistent/photo.jpg"))
        XCTAssertEqual(try results[5].get(), chelsea)
        XCTAssertEqual(server.requestCount("/missing.png"), 1, "a 404 is not retried")
    }

    func testTransientFailuresAreRetried() async throws {
        let data = try await fetcher().fetch(server.url("/flaky.png"))
        XCTAssertEqual(data, chelsea)
        XCTAssertEqual(server.requestCount("/flaky.png"), 2)
        do {
            _ = try await fetcher().fetch(server.url("/broken.png"))
            XCTFail("a persistent 500 must fail")
        } catch {
            XCTAssertTrue("\(error)".contains("500"), "\(error)")
        }
        XCTAssertEqual(server.requestCount("/broken.png"), 3, "one attempt and two retries")
    }

    func testTimeout() async throws {
        let quick = ImageFetcher(options: .init(timeout: 1, retries: 0))
        let start = Date()
        do {
            _ = try await quick.fetch(server.url("/slow.png"))
            XCTFail("the slow response must time out")
        } catch {
            guard case EmbedError.fetchFailed(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("timed out"), reason)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.9)
    }

    func testPipelineEmbedsGoodItemsAndReportsBadOnes() async throws {
        let model = try CLIPVisionModel(directory: URL(fileURLWithPath: Fixtures.path("clip-tiny/tiny-p16-64/model")))
        let items = [
            EmbeddingItem(id: "1", source: server.url("/chelsea.png")),
            EmbeddingItem(id: "2", source: server.url("/missing.png")),
            EmbeddingItem(id: "3", source: server.url("/garbage.jpg")),
            EmbeddingItem(id: "4", source: server.url("/rocket.jpg")),
            EmbeddingItem(id: "5", source: Fixtures.path("clip-tiny/images/grace_hopper.jpg")),
        ]
        let pipeline = EmbeddingPipeline(model: model, fetcher: fetcher(), batchSize: 2)
        let reports = ProgressLog()
        var batches = 0
        var collected = EmbeddingBatch()
        try await pipeline.run(items, progress: { reports.append($0) }) { batch in
            batches += 1
            collected.results += batch.results
            collected.failures += batch.failures
        }
        XCTAssertEqual(batches, 3)
        XCTAssertEqual(collected.results.map(\.id), ["1", "4", "5"])
        XCTAssertEqual(collected.failures.map(\.id), ["2", "3"])
        XCTAssertTrue(collected.failures[0].reason.contains("404"))
        guard case .invalidImage = collected.failures[1].error else { return XCTFail("\(collected.failures[1])") }
        let references = try Fixtures.referenceImages("tiny-p16-64")
        let expected = Dictionary(
            uniqueKeysWithValues: references.map {
                ($0["name"] as? String ?? "", floats($0["image_embeds_normalized"]))
            })
        for (result, name) in zip(collected.results, ["chelsea.png", "rocket.jpg", "grace_hopper.jpg"]) {
            XCTAssertLessThanOrEqual(maxAbsDifference(result.embedding, expected[name]!), 1e-4, name)
        }
        let last = try XCTUnwrap(reports.entries.last)
        XCTAssertEqual(reports.entries.count, 3)
        XCTAssertEqual([last.total, last.done, last.failed], [5, 3, 2])
        XCTAssertGreaterThan(last.imagesPerSecond, 0)

        let all = try await pipeline.embedAll(items)
        XCTAssertEqual(all.results, collected.results)
        let none = try await pipeline.embedAll([])
        XCTAssertEqual(none, EmbeddingBatch())
    }

    func testOrientationSetting() async throws {
        let model = try CLIPVisionModel(
            directory: URL(fileURLWithPath: Fixtures.path("clip-tiny/tiny-p16-64/model")))
        let path = Fixtures.path("formats/orient6.jpg")
        let items = [EmbeddingItem(id: "o", source: path)]
        let upright = try await EmbeddingPipeline(model: model).embedAll(items).results[0].embedding
        let asStored = try await EmbeddingPipeline(model: model, applyOrientation: false).embedAll(items)
            .results[0].embedding
        XCTAssertEqual(upright, try model.embed(image: ImageDecoder.decode(file: path)))
        XCTAssertEqual(asStored, try model.embed(image: ImageDecoder.decode(file: path, applyOrientation: false)))
        XCTAssertNotEqual(upright, asStored)
    }
}

/// Progress reports gathered from the pipeline's callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [EmbeddingProgress] = []

    func append(_ progress: EmbeddingProgress) {
        lock.lock()
        stored.append(progress)
        lock.unlock()
    }

    var entries: [EmbeddingProgress] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
