// One process at a time opens a database: `open` takes `flock(LOCK_EX|LOCK_NB)` on `<dir>/lock`
// and writes its pid there so the refusal can say who holds it. flock belongs to an open file
// description, so even a second open in the same process is refused until the first closes.

import Foundation
import LoupeCore

/// The advisory lock on a database directory.
final class DatabaseLock: @unchecked Sendable {
    static let fileName = "lock"

    private let io: FileIO
    private let lock = NSLock()
    // Guarded by `lock`.
    private var file: OpenFile?

    /// Takes the lock of the database in `directory`, or throws `.locked`.
    init(directory: String, io: FileIO) throws {
        self.io = io
        let path = joinPath(directory, Self.fileName)
        let file = try io.open(path, mode: .readWrite)
        let acquired: Bool
        do {
            acquired = try io.tryLock(file)
        } catch {
            io.close(file)
            throw error
        }
        guard acquired else {
            let holder = (try? Self.readPid(file, io: io)) ?? nil
            io.close(file)
            let who = holder.map { " (pid \($0))" } ?? ""
            throw LoupeError(.locked, "Database \(directory) is in use by another process\(who)", file: path)
        }
        do {
            let pid = Array("\(ProcessInfo.processInfo.processIdentifier)\n".utf8)
            try io.truncate(file, to: 0)
            try pid.withUnsafeBytes { try io.write(file, $0, at: 0) }
        } catch {
            io.close(file)
            throw error
        }
        self.file = file
    }

    private static func readPid(_ file: OpenFile, io: FileIO) throws -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = try bytes.withUnsafeMutableBytes { try io.read(file, into: $0, at: 0) }
        return Int32(String(decoding: bytes[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Releases the lock (closing the file releases the flock). Idempotent.
    func release() {
        let held = lock.withLock {
            defer { file = nil }
            return file
        }
        if let held { io.close(held) }
    }

    deinit {
        release()
    }
}
