// A read-only memory mapping of a whole file, used to read safetensors checkpoints without first
// copying hundreds of megabytes into the heap. The class is the single owner of the mapping and
// unmaps it in `deinit`; readers borrow the bytes through `withBytes`.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only into memory for the lifetime of the object.
final class MappedFile: @unchecked Sendable {
    /// The path the file was opened from (used in error messages).
    let path: String
    /// The file's size in bytes.
    let count: Int
    // Immutable after init and never written through (PROT_READ): safe to share across threads.
    private let base: UnsafeRawPointer?

    /// Maps `path` read-only. Throws `EmbedError.missingFile` or `.invalidFile`.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw EmbedError.missingFile(path: path) }
            throw EmbedError.invalidFile(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw EmbedError.invalidFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw EmbedError.invalidFile(path: path, reason: "not a regular file")
        }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw EmbedError.invalidFile(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        // The mapping was created in init with exactly `count` bytes and is unmapped only here.
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Calls `body` with the mapped bytes; the buffer must not escape the call.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        // The mapping lives as long as `self`, which the call keeps alive.
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}
