// The batch pipeline behind `loupe embed`: (id, path-or-URL) items are fetched, decoded,
// preprocessed and embedded a batch at a time, while the next batch downloads. Each batch is
// handed to the caller with its embeddings and its failures (download error, undecodable bytes),
// so the caller can insert rows as they come and report what was skipped.

import Dispatch
import Foundation

/// One image to embed: the caller's identifier and where the image is.
public struct EmbeddingItem: Sendable, Equatable {
    /// The caller's identifier (for example the row's primary key).
    public var id: String
    /// A local path, a file:// URL or an http(s) URL.
    public var source: String

    /// Creates an item.
    public init(id: String, source: String) {
        self.id = id
        self.source = source
    }
}

/// An embedded image.
public struct EmbeddingResult: Sendable, Equatable {
    /// The item's identifier.
    public var id: String
    /// The item's source.
    public var source: String
    /// The L2-normalised embedding.
    public var embedding: [Float]
}

/// An item that could not be embedded, and why.
public struct EmbeddingFailure: Sendable, Equatable {
    /// The item's identifier.
    public var id: String
    /// The item's source.
    public var source: String
    /// What went wrong.
    public var error: EmbedError

    /// A one-line reason for a report.
    public var reason: String { error.description }
}

/// The outcome of one batch (or of a whole run).
public struct EmbeddingBatch: Sendable, Equatable {
    /// Items embedded, in input order.
    public var results: [EmbeddingResult]
    /// Items skipped, in input order.
    public var failures: [EmbeddingFailure]

    /// An empty outcome.
    public init(results: [EmbeddingResult] = [], failures: [EmbeddingFailure] = []) {
        self.results = results
        self.failures = failures
    }
}

/// Where a run stands, reported after every batch.
public struct EmbeddingProgress: Sendable, Equatable {
    /// Items in the run.
    public var total: Int
    /// Items embedded so far.
    public var done: Int
    /// Items skipped so far.
    public var failed: Int
    /// Seconds since the run started.
    public var elapsed: Double

    /// Embedded images per second of wall time so far.
    public var imagesPerSecond: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
}

/// Fetches, decodes, preprocesses and embeds images in batches.
public final class EmbeddingPipeline: Sendable {
    /// The model that embeds.
    public let model: any ImageEmbedder
    /// The fetcher that reads paths and downloads URLs.
    public let fetcher: ImageFetcher
    /// Items per batch.
    public let batchSize: Int
    /// Whether JPEGs are turned upright by their EXIF orientation before embedding.
    public let applyOrientation: Bool

    /// Creates a pipeline; `batchSize` defaults to the model's batch size. With
    /// `applyOrientation` (the default) JPEGs are turned upright as transformers' `load_image`
    /// does; pass false to match code that hands `Image.open(...)` straight to the processor.
    public init(
        model: any ImageEmbedder, fetcher: ImageFetcher = ImageFetcher(), batchSize: Int? = nil,
        applyOrientation: Bool = true
    ) {
        self.model = model
        self.fetcher = fetcher
        self.batchSize = max(1, batchSize ?? model.maxBatchSize)
        self.applyOrientation = applyOrientation
    }

    /// Embeds `items`, calling `handle` with each batch's results and failures (in input order)
    /// and then `progress`. The next batch downloads while the current one is embedded. An error
    /// thrown by `handle` stops the run and is rethrown.
    public func run(
        _ items: [EmbeddingItem], progress: (@Sendable (EmbeddingProgress) -> Void)? = nil,
        handle: (EmbeddingBatch) async throws -> Void
    ) async throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let chunks = stride(from: 0, to: items.count, by: batchSize).map {
            Array(items[$0..<min($0 + batchSize, items.count)])
        }
        var done = 0
        var failed = 0
        let fetcher = self.fetcher
        var pending: Task<[Result<Data, EmbedError>], Never>? = chunks.first.map { chunk in
            Task { await fetcher.fetchAll(chunk.map(\.source)) }
        }
        for (index, chunk) in chunks.enumerated() {
            let fetched = await pending!.value
            pending =
                index + 1 < chunks.count
                ? Task { [next = chunks[index + 1]] in
                    await fetcher.fetchAll(next.map(\.source))
                } : nil
            let batch = try await embed(chunk, fetched: fetched)
            done += batch.results.count
            failed += batch.failures.count
            try await handle(batch)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress?(EmbeddingProgress(total: items.count, done: done, failed: failed, elapsed: elapsed))
        }
    }

    /// Embeds `items` and returns every result and failure.
    public func embedAll(
        _ items: [EmbeddingItem], progress: (@Sendable (EmbeddingProgress) -> Void)? = nil
    ) async throws -> EmbeddingBatch {
        var all = EmbeddingBatch()
        try await run(items, progress: progress) { batch in
            all.results += batch.results
            all.failures += batch.failures
        }
        return all
    }

    /// Decodes, preprocesses and embeds one fetched batch off the cooperative thread pool.
    private func embed(_ items: [EmbeddingItem], fetched: [Result<Data, EmbedError>]) async throws -> EmbeddingBatch {
        let model = self.model
        let orient = applyOrientation
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(
                    with: Result { try Self.embedNow(items, fetched: fetched, model: model, applyOrientation: orient) })
            }
        }
    }

    private static func embedNow(
        _ items: [EmbeddingItem], fetched: [Result<Data, EmbedError>], model: any ImageEmbedder,
        applyOrientation: Bool
    ) throws -> EmbeddingBatch {
        if items.isEmpty { return EmbeddingBatch() }
        var decoded = [Result<RGBImage, EmbedError>?](repeating: nil, count: items.count)
        decoded.withUnsafeMutableBufferPointer { slots in
            // Each index is written by exactly one worker.
            let out = DisjointWrites(base: slots.baseAddress!)
            parallelRanges(items.count, threads: ProcessInfo.processInfo.activeProcessorCount) { range in
                for i in range {
                    out.base[i] = fetched[i].flatMap { data in
                        Result {
                            let source = items[i].source
                            let image = try ImageDecoder.decode(
                                data: data, source: source, applyOrientation: applyOrientation)
                            return model.prepare(image)
                        }
                        .mapError { $0 as? EmbedError ?? .invalidImage(source: items[i].source, reason: "\($0)") }
                    }
                }
            }
        }
        var batch = EmbeddingBatch()
        var images: [RGBImage] = []
        var owners: [EmbeddingItem] = []
        for (item, outcome) in zip(items, decoded) {
            switch outcome! {
            case .success(let image):
                images.append(image)
                owners.append(item)
            case .failure(let error):
                batch.failures.append(EmbeddingFailure(id: item.id, source: item.source, error: error))
            }
        }
        let embeddings = try model.embed(images: images)
        batch.results = zip(owners, embeddings).map {
            EmbeddingResult(id: $0.id, source: $0.source, embedding: $1)
        }
        return batch
    }
}
