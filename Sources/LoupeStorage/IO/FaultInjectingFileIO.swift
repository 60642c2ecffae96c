// A `FileIO` that passes every call to another one but can be told to fail: the Nth write,
// fsync, rename or file creation, or every write once a byte budget is spent (a full disk, which
// writes the bytes that still fit first, as a real one does). Tests use it to walk a commit step
// by step and check that each failure leaves exactly the old rows.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LoupeCore

/// A `FileIO` wrapper that injects failures.
public final class FaultInjectingFileIO: FileIO, @unchecked Sendable {
    /// The operations a fault can target.
    public enum Operation: Hashable, Sendable, CaseIterable {
        /// Opening a file for writing (`FileOpenMode.readWrite` or `.create`).
        case create
        case write
        case truncate
        /// fsync of a file or a directory.
        case sync
        case rename
        case createDirectory
        case remove
    }

    /// The operations that change files, the usual target of `failNth`.
    public static let mutatingOperations: Set<Operation> = [.create, .write, .truncate, .sync, .rename, .createDirectory]

    private let base: FileIO
    private let lock = NSLock()
    // Guarded by `lock`.
    private var armed: (remaining: Int, operations: Set<Operation>, code: Int32)?
    private var spaceLeft: Int?
    private var counts: [Operation: Int] = [:]
    private var failures = 0

    /// Wraps `base`, injecting nothing until told to.
    public init(wrapping base: FileIO = PosixFileIO()) {
        self.base = base
    }

    /// Makes the `n`th call (1-based, counted from now) to any of `operations` fail with `code`;
    /// later calls succeed again.
    public func failNth(_ n: Int, of operations: Set<Operation> = mutatingOperations, code: Int32 = EIO) {
        precondition(n >= 1, "n counts from 1")
        lock.withLock { armed = (n, operations, code) }
    }

    /// Makes writes fail with ENOSPC once `bytes` more bytes have been written; the write that
    /// crosses the limit stores the bytes that fit first.
    public func failWritesWithNoSpace(after bytes: Int) {
        lock.withLock { spaceLeft = bytes }
    }

    /// Stops injecting failures.
    public func reset() {
        lock.withLock {
            armed = nil
            spaceLeft = nil
        }
    }

    /// How many times an injected failure was raised.
    public var failureCount: Int {
        lock.withLock { failures }
    }

    /// How many calls of `operation` were made (failed ones included).
    public func count(of operation: Operation) -> Int {
        lock.withLock { counts[operation, default: 0] }
    }

    /// Counts a call and throws when it is the one to fail.
    private func check(_ operation: Operation, _ path: String) throws {
        let code: Int32? = lock.withLock {
            counts[operation, default: 0] += 1
            guard var pending = armed, pending.operations.contains(operation) else { return nil }
            pending.remaining -= 1
            if pending.remaining > 0 {
                armed = pending
                return nil
            }
            armed = nil
            failures += 1
            return pending.code
        }
        if let code { throw ioError("\(operation) (injected)", path, code) }
    }

    public func open(_ path: String, mode: FileOpenMode) throws -> OpenFile {
        if mode != .read { try check(.create, path) }
        return try base.open(path, mode: mode)
    }

    public func close(_ file: OpenFile) {
        base.close(file)
    }

    public func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        try base.read(file, into: buffer, at: offset)
    }

    public func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try check(.write, file.path)
        let allowed: Int = lock.withLock {
            guard let left = spaceLeft else { return bytes.count }
            let take = min(left, bytes.count)
            spaceLeft = left - take
            if take < bytes.count { failures += 1 }
            return take
        }
        if allowed > 0 {
            try base.write(file, UnsafeRawBufferPointer(rebasing: bytes[..<allowed]), at: offset)
        }
        if allowed < bytes.count { throw ioError("write (injected)", file.path, ENOSPC) }
    }

    public func truncate(_ file: OpenFile, to size: Int) throws {
        try check(.truncate, file.path)
        try base.truncate(file, to: size)
    }

    public func sync(_ file: OpenFile) throws {
        try check(.sync, file.path)
        try base.sync(file)
    }

    public func syncDirectory(_ path: String) throws {
        try check(.sync, path)
        try base.syncDirectory(path)
    }

    public func size(_ file: OpenFile) throws -> Int {
        try base.size(file)
    }

    public func rename(_ source: String, to destination: String) throws {
        try check(.rename, destination)
        try base.rename(source, to: destination)
    }

    public func createDirectory(_ path: String) throws {
        try check(.createDirectory, path)
        try base.createDirectory(path)
    }

    public func removeRecursively(_ path: String) throws {
        try check(.remove, path)
        try base.removeRecursively(path)
    }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        try base.contentsOfDirectory(path)
    }

    public func kind(of path: String) -> FileKind? {
        base.kind(of: path)
    }

    public func tryLock(_ file: OpenFile) throws -> Bool {
        try base.tryLock(file)
    }
}
