// What the tables of one open database share: the file operations, the options, the page cache,
// the background workers (merges, index builds), the read counter and whether the database has
// been closed.

import Foundation
import LoupeCore

/// The shared state of an open database.
final class StorageContext: @unchecked Sendable {
    let path: String
    let io: FileIO
    let options: DiskOptions
    let cache: PageCache
    /// Merges of small parts.
    let merges = TableWorkQueue(label: "loupe.storage.merge")
    /// Vector index builds (one at a time; each uses every core).
    let indexBuilds = TableWorkQueue(label: "loupe.storage.vector-index")
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pageBytesRead = 0
    private var lastPartID: UInt64 = 0
    private var closed = false

    init(path: String, io: FileIO, options: DiskOptions) {
        self.path = path
        self.io = io
        self.options = options
        cache = PageCache(capacity: options.pageCacheBytes)
    }

    /// Page bytes read from files since the database was opened.
    var bytesRead: Int { lock.withLock { pageBytesRead } }

    func countRead(_ bytes: Int) {
        lock.withLock { pageBytesRead += bytes }
    }

    /// A process-unique id for a part object (the page cache's key).
    func nextPartID() -> UInt64 {
        lock.withLock {
            lastPartID += 1
            return lastPartID
        }
    }

    var isClosed: Bool { lock.withLock { closed } }

    func markClosed() {
        lock.withLock { closed = true }
    }

    /// Throws when the database has been closed.
    func checkOpen() throws {
        if isClosed { throw LoupeError(.io, "Database \(path) is closed", file: path) }
    }
}
