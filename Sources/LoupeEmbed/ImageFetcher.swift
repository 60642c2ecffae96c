// Reads image bytes from local paths, file:// URLs and http(s) URLs, many at a time: downloads run
// with bounded concurrency, a timeout, and retries with backoff for transient failures (network
// errors, HTTP 408/429/5xx), while a 404 or any other client error fails at once. Every item
// gets its own success or failure, so one bad URL never stops a batch.

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches image bytes from paths and URLs.
public final class ImageFetcher: Sendable {
    /// How fetching behaves.
    public struct Options: Sendable {
        /// Downloads in flight at once.
        public var maxConcurrent: Int
        /// Seconds before one request attempt is abandoned; at least 1 (URLSession on Linux
        /// counts whole seconds).
        public var timeout: TimeInterval
        /// Further attempts after a transient failure.
        public var retries: Int
        /// Seconds before the first retry; doubled for each later one.
        public var retryDelay: TimeInterval
        /// Largest accepted body, in bytes.
        public var maxBytes: Int

        /// Creates options; the defaults suit fetching photos from public web servers.
        public init(
            maxConcurrent: Int = 8, timeout: TimeInterval = 30, retries: Int = 2, retryDelay: TimeInterval = 0.5,
            maxBytes: Int = 64 << 20
        ) {
            self.maxConcurrent = max(1, maxConcurrent)
            self.timeout = max(timeout, 1)
            self.retries = max(0, retries)
            self.retryDelay = retryDelay
            self.maxBytes = maxBytes
        }
    }

    /// The options in force.
    public let options: Options
    private let session: URLSession

    /// Creates a fetcher with its own URL session.
    public init(options: Options = Options()) {
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.timeout
        configuration.timeoutIntervalForResource = options.timeout * 2
        configuration.httpMaximumConnectionsPerHost = options.maxConcurrent
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Whether `source` is fetched over the network (http or https).
    public static func isRemote(_ source: String) -> Bool {
        let lower = source.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The bytes of one image. Throws `EmbedError.fetchFailed`, or `.missingFile` for a local path.
    public func fetch(_ source: String) async throws -> Data {
        if Self.isRemote(source) { return try await download(source) }
        var path = source
        if source.lowercased().hasPrefix("file://") {
            guard let url = URL(string: source), url.isFileURL else {
                throw EmbedError.fetchFailed(source: source, reason: "malformed file URL")
            }
            path = url.path
        }
        guard FileManager.default.fileExists(atPath: path) else { throw EmbedError.missingFile(path: path) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            guard data.count <= options.maxBytes else {
                throw EmbedError.fetchFailed(source: source, reason: "larger than \(options.maxBytes) bytes")
            }
            return data
        } catch let error as EmbedError {
            throw error
        } catch {
            throw EmbedError.fetchFailed(source: source, reason: error.localizedDescription)
        }
    }

    /// The bytes of every source, in order, each a success or an `EmbedError`; at most
    /// `options.maxConcurrent` fetches run at once.
    public func fetchAll(_ sources: [String]) async -> [Result<Data, EmbedError>] {
        var results = [Result<Data, EmbedError>?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, Result<Data, EmbedError>).self) { group in
            var next = 0
            func start() {
                let index = next
                let source = sources[index]
                next += 1
                group.addTask {
                    do {
                        return (index, .success(try await self.fetch(source)))
                    } catch let error as EmbedError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(.fetchFailed(source: source, reason: "\(error)")))
                    }
                }
            }
            while next < min(options.maxConcurrent, sources.count) { start() }
            for await (index, result) in group {
                results[index] = result
                if next < sources.count { start() }
            }
        }
        return results.map { $0! }
    }

    private func download(_ source: String) async throws -> Data {
        guard let url = URL(string: source), url.host != nil else {
            throw EmbedError.fetchFailed(source: source, reason: "malformed URL")
        }
        var delay = options.retryDelay
        var attempt = 0
        while true {
            let outcome = await attemptDownload(url, source: source)
            switch outcome {
            case .success(let data):
                return data
            case .failure(let failure):
                guard failure.transient, attempt < options.retries else { throw failure.error }
            }
            attempt += 1
            try await Task.sleep(nanoseconds: UInt64(max(delay, 0) * 1e9))
            delay *= 2
        }
    }

    private struct DownloadFailure: Error {
        var error: EmbedError
        var transient: Bool
    }

    private func attemptDownload(_ url: URL, source: String) async -> Result<Data, DownloadFailure> {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: options.timeout)
        request.setValue("image/*", forHTTPHeaderField: "Accept")
        request.setValue("Loupe (LoupeEmbed image fetcher)", forHTTPHeaderField: "User-Agent")
        let limit = options.maxBytes
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    let reason = (error as? URLError)?.code == .timedOut ? "timed out" : error.localizedDescription
                    continuation.resume(
                        returning: .failure(
                            DownloadFailure(error: .fetchFailed(source: source, reason: reason), transient: true)))
                    return
                }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 200
                guard (200..<300).contains(status) else {
                    let transient = status == 408 || status == 429 || status >= 500
                    let reason = "HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status))"
                    continuation.resume(
                        returning: .failure(
                            DownloadFailure(error: .fetchFailed(source: source, reason: reason), transient: transient)))
                    return
                }
                let body = data ?? Data()
                guard body.count <= limit else {
                    continuation.resume(
                        returning: .failure(
                            DownloadFailure(
                                error: .fetchFailed(source: source, reason: "larger than \(limit) bytes"),
                                transient: false)))
                    return
                }
                continuation.resume(returning: .success(body))
            }
            task.resume()
        }
    }
}
