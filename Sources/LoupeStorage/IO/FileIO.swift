// The file-system operations the disk store performs, behind a protocol so that tests can make
// any of them fail (a full disk, a failing fsync) and check that a commit stays all-or-nothing.
// Every failure is a `LoupeError` of kind `.io` naming the file and the operating system's error.

import LoupeCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file opened through a `FileIO`: its descriptor and the path it was opened with.
public struct OpenFile: Sendable, Hashable {
    /// The operating system's file descriptor.
    public let descriptor: Int32
    /// The path the file was opened with, for error messages.
    public let path: String

    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }
}

/// How `FileIO.open` opens a file.
public enum FileOpenMode: Sendable, Hashable {
    /// Reading an existing file.
    case read
    /// Reading and writing; the file is created when absent and keeps its contents.
    case readWrite
    /// Writing a new file: created when absent, emptied when present.
    case create
}

/// What a path names.
public enum FileKind: Sendable, Hashable {
    case file
    case directory
}

/// The file operations of the disk store. Implementations throw `LoupeError(.io, ...)` naming the
/// path and the operating system's error.
public protocol FileIO: Sendable {
    /// Opens the file at `path`.
    func open(_ path: String, mode: FileOpenMode) throws -> OpenFile

    /// Closes a file; never fails.
    func close(_ file: OpenFile)

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read, fewer only at
    /// the end of the file.
    func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int

    /// Writes all of `bytes` at `offset`.
    func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws

    /// Sets the file's size.
    func truncate(_ file: OpenFile, to size: Int) throws

    /// Flushes the file's contents to stable storage (fsync).
    func sync(_ file: OpenFile) throws

    /// Flushes a directory's entries to stable storage, making renames and creations in it durable.
    func syncDirectory(_ path: String) throws

    /// The file's size in bytes.
    func size(_ file: OpenFile) throws -> Int

    /// Renames `source` to `destination`, atomically replacing a file there.
    func rename(_ source: String, to destination: String) throws

    /// Creates a directory; succeeds when it already exists.
    func createDirectory(_ path: String) throws

    /// Removes a file or a directory with everything in it; succeeds when nothing is there.
    func removeRecursively(_ path: String) throws

    /// The names in a directory (without `.` and `..`), in no particular order.
    func contentsOfDirectory(_ path: String) throws -> [String]

    /// What `path` names, or nil when nothing is there.
    func kind(of path: String) -> FileKind?

    /// Takes an exclusive advisory lock on the file without waiting (`flock(LOCK_EX|LOCK_NB)`);
    /// returns false when another open file description holds it. Closing the file releases it.
    func tryLock(_ file: OpenFile) throws -> Bool
}

extension FileIO {
    /// Tells the kernel that `length` bytes at `offset` of `file` will be read soon, so it
    /// fetches them in large reads in the background. Advice only: it never fails.
    public func adviseWillRead(_ file: OpenFile, offset: Int, length: Int) {
        #if os(Linux)
            _ = posix_fadvise(file.descriptor, off_t(offset), off_t(length), POSIX_FADV_WILLNEED)
        #endif
    }
}
