// `FileIO` on the POSIX calls: pread/pwrite loops that retry on EINTR, fsync of files and of
// directories (opened read-only), rename, recursive removal with lstat so symbolic links are
// removed rather than followed, and flock for the database lock.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoupeCore

/// The operating system's files.
public struct PosixFileIO: FileIO {
    public init() {}

    public func open(_ path: String, mode: FileOpenMode) throws -> OpenFile {
        let flags: Int32
        switch mode {
        case .read: flags = O_RDONLY
        case .readWrite: flags = O_RDWR | O_CREAT
        case .create: flags = O_WRONLY | O_CREAT | O_TRUNC
        }
        let fd = retryingOnInterrupt { Self.openFile(path, flags | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw ioError("open", path) }
        return OpenFile(descriptor: fd, path: path)
    }

    public func close(_ file: OpenFile) {
        #if canImport(Glibc)
        _ = Glibc.close(file.descriptor)
        #else
        _ = Darwin.close(file.descriptor)
        #endif
    }

    public func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let got = retryingOnInterrupt { pread(file.descriptor, base, buffer.count, off_t(offset)) }
        guard got >= 0 else { throw ioError("read", file.path) }
        return got
    }

    public func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard let base = bytes.baseAddress else { return }
        // `base + done` with `bytes.count - done` bytes stays inside `bytes` while done < count.
        var done = 0
        while done < bytes.count {
            let wrote = retryingOnInterrupt {
                pwrite(file.descriptor, base + done, bytes.count - done, off_t(offset + done))
            }
            guard wrote > 0 else { throw ioError("write", file.path) }
            done += wrote
        }
    }

    public func truncate(_ file: OpenFile, to size: Int) throws {
        guard retryingOnInterrupt({ ftruncate(file.descriptor, off_t(size)) }) == 0 else {
            throw ioError("truncate", file.path)
        }
    }

    public func sync(_ file: OpenFile) throws {
        guard retryingOnInterrupt({ fsync(file.descriptor) }) == 0 else { throw ioError("fsync", file.path) }
    }

    public func syncDirectory(_ path: String) throws {
        let fd = retryingOnInterrupt { Self.openFile(path, O_RDONLY | O_CLOEXEC, 0) }
        guard fd >= 0 else { throw ioError("open directory", path) }
        defer { close(OpenFile(descriptor: fd, path: path)) }
        guard retryingOnInterrupt({ fsync(fd) }) == 0 else { throw ioError("fsync directory", path) }
    }

    public func size(_ file: OpenFile) throws -> Int {
        var info = stat()
        guard fstat(file.descriptor, &info) == 0 else { throw ioError("stat", file.path) }
        return Int(info.st_size)
    }

    public func rename(_ source: String, to destination: String) throws {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else { throw ioError("rename \(source) to", destination) }
    }

    public func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST, kind(of: path) == .directory { return }
        throw ioError("create directory", path, code)
    }

    public func removeRecursively(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return }
            throw ioError("stat", path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try contentsOfDirectory(path) {
                try removeRecursively(joinPath(path, name))
            }
            guard rmdir(path) == 0 || errno == ENOENT else { throw ioError("remove directory", path) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw ioError("remove", path) }
        }
    }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw ioError("list directory", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // `d_name` is a fixed-size NUL-terminated C array inside the entry readdir returned,
            // valid until the next readdir call; it is copied into a String right away.
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func kind(of path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    public func tryLock(_ file: OpenFile) throws -> Bool {
        if retryingOnInterrupt({ flock(file.descriptor, LOCK_EX | LOCK_NB) }) == 0 { return true }
        let code = errno
        if code == EWOULDBLOCK { return false }
        throw ioError("lock", file.path, code)
    }

    private static func openFile(_ path: String, _ flags: Int32, _ permissions: mode_t) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags, permissions)
        #else
        Darwin.open(path, flags, permissions)
        #endif
    }
}

/// Runs a system call again while it fails with EINTR.
private func retryingOnInterrupt<T: BinaryInteger>(_ call: () -> T) -> T {
    while true {
        let result = call()
        if result >= 0 || errno != EINTR { return result }
    }
}

/// A `.io` error for a failed system call on `path`, with the operating system's message.
func ioError(_ action: String, _ path: String, _ code: Int32 = errno) -> LoupeError {
    LoupeError(.io, "Cannot \(action) \(path): \(String(cString: strerror(code))) (errno \(code))", file: path)
}
