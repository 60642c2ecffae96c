// A tiny HTTP/1.1 server on 127.0.0.1 for tests that download (the image fetcher, `loupe embed`): it answers GET requests from a
// fixed table of paths (status and body), closes each connection after one response, counts
// requests per path, and stops when the test releases it.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public final class LocalHTTPServer: @unchecked Sendable {
    public struct Response {
        public var status: Int
        public var body: Data
        /// Seconds to wait before answering.
        public var delay: Double = 0

        public init(status: Int, body: Data, delay: Double = 0) {
            self.status = status
            self.body = body
            self.delay = delay
        }
    }

    /// The port the server listens on.
    public let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var routes: [String: [Response]]
    private var counts: [String: Int] = [:]
    private var stopped = false
    private let thread: Thread

    /// Starts a server answering `routes[path]`; when a path lists several responses, the
    /// n-th request gets the n-th (the last one repeats). Unknown paths get 404.
    public init(routes: [String: [Response]]) throws {
        self.routes = routes
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        socketFD = fd
        let box = ServerLoop()
        thread = Thread { box.server?.serve() }
        box.server = self
        thread.start()
    }

    private final class ServerLoop: @unchecked Sendable {
        weak var server: LocalHTTPServer?
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func requestCount(_ path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[path, default: 0]
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 {
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                continue
            }
            let handler = Thread { [self] in self.answer(client) }
            handler.start()
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: [13, 10, 13, 10]) && request.count < 65536 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let path = line.count > 1 ? String(line[1]) : "/"
        lock.lock()
        let index = counts[path, default: 0]
        counts[path] = index + 1
        let choices = routes[path] ?? []
        lock.unlock()
        let response =
            choices.isEmpty
            ? Response(status: 404, body: Data("not found".utf8)) : choices[min(index, choices.count - 1)]
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let head =
            "HTTP/1.1 \(response.status) X\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = [UInt8](head.utf8) + [UInt8](response.body)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
