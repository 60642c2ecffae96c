// A read-only memory mapping of a whole file, for index files whose structures are used where they
// lie: opening a database maps each index instead of reading or rebuilding it, and the kernel
// pages it in (and out) as searches touch it.

import LoupeCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file mapped read-only; the mapping lives as long as the object.
final class MappedFile: @unchecked Sendable {
    /// The mapped bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer
    let path: String

    /// Maps the file at `path`, opened through `io` (so injected faults apply).
    init(path: String, io: FileIO) throws {
        self.path = path
        let file = try io.open(path, mode: .read)
        defer { io.close(file) }
        let size = try io.size(file)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw LoupeError(.io, "Cannot map \(path): \(String(cString: strerror(errno)))", file: path)
        }
        // The mapping covers exactly `size` bytes of the file and stays valid until munmap in
        // deinit; the file may be closed meanwhile.
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
