// Whole-file operations built from the `FileIO` primitives: reading a file into memory, writing
// one durably, and replacing one atomically (write a temporary file, fsync it, rename it over the
// old one, fsync the directory) — the step every catalog and manifest commit relies on.

import LoupeCore

extension FileIO {
    /// The whole content of the file at `path`.
    func readFile(_ path: String) throws -> [UInt8] {
        let file = try open(path, mode: .read)
        defer { close(file) }
        let count = try size(file)
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try readFully(file, into: $0, at: 0) }
        guard got == count else {
            throw LoupeError(.corrupt, "File \(path) ended after \(got) of \(count) bytes", file: path)
        }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; returns the number of bytes read.
    func readFully(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        var done = 0
        while done < buffer.count {
            let got = try read(file, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]), at: offset + done)
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Creates (or empties) the file at `path`, writes `bytes` and fsyncs it.
    func writeFileDurably(_ path: String, _ bytes: [UInt8]) throws {
        let file = try open(path, mode: .create)
        defer { close(file) }
        try bytes.withUnsafeBytes { try write(file, $0, at: 0) }
        try sync(file)
    }

    /// Replaces the file at `path` with `bytes` so that a crash leaves either the old or the new
    /// content: writes `temporary`, fsyncs it, renames it over `path` and fsyncs the directory.
    /// When only the final directory fsync fails, the rename has happened; `renamed` is then set.
    func replaceFileAtomically(_ path: String, with bytes: [UInt8], temporary: String, renamed: inout Bool) throws {
        renamed = false
        do {
            try writeFileDurably(temporary, bytes)
            try rename(temporary, to: path)
        } catch {
            try? removeRecursively(temporary)
            throw error
        }
        renamed = true
        try syncDirectory(parentDirectory(of: path))
    }
}

/// The directory holding `path` ("." for a bare name).
func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// `directory` and `name` joined by a slash.
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
