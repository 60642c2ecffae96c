// The file `SELECT ... INTO OUTFILE` writes: created new, appended to (APPEND) or emptied
// (TRUNCATE), as ClickHouse's client allows; written through gzip (zlib's deflate) or an LZ4
// frame (liblz4) when asked or implied by the extension. Bytes are buffered and written in
// large blocks; `finish()` completes the compressed stream and closes the file.

import CLZ4
import CZlib
import Foundation
import LoupeCore

/// A file being written by INTO OUTFILE.
public final class OutputFile {
    /// What to do when the file exists already.
    public enum Existing: Sendable {
        /// Fail (the default).
        case fail
        case append
        case truncate
    }

    public let path: String
    private let fd: Int32
    private let compression: FileCompression
    private var pending: [UInt8] = []
    private var zstream = z_stream()
    private var lz4: OpaquePointer?
    private var finished = false

    /// Opens `path` for writing with `compression` at `level` (the codec's default when nil).
    public init(path: String, existing: Existing, compression: FileCompression, level: Int?) throws {
        self.path = path
        self.compression = compression
        if compression != .none && existing == .append {
            throw LoupeError(
                .unsupported, "Cannot append to a compressed file '\(path)': remove APPEND or the compression")
        }
        var flags = O_WRONLY | O_CREAT
        switch existing {
        case .fail: flags |= O_EXCL
        case .append: flags |= O_APPEND
        case .truncate: flags |= O_TRUNC
        }
        fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw LoupeError(
                    .alreadyExists, "File '\(path)' exists, consider using APPEND or TRUNCATE", file: path)
            }
            throw LoupeError(
                .io, "Cannot open file '\(path)' for writing: \(String(cString: strerror(errno)))", file: path)
        }
        switch compression {
        case .none:
            break
        case .gzip:
            let chosen = Int32(level ?? 6)
            guard (1...9).contains(chosen) else {
                throw LoupeError(.type, "gzip compression level must be between 1 and 9, got \(chosen)")
            }
            // 15 + 16: the largest window, with a gzip header and trailer.
            guard
                deflateInit2_(
                    &zstream, chosen, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                    Int32(MemoryLayout<z_stream>.size)) == Z_OK
            else {
                throw LoupeError(.io, "Cannot start gzip compression for '\(path)'", file: path)
            }
        case .lz4:
            let chosen = level ?? 0
            guard (0...12).contains(chosen) else {
                throw LoupeError(.type, "lz4 compression level must be between 1 and 12, got \(chosen)")
            }
            guard LZ4F_isError(LZ4F_createCompressionContext(&lz4, UInt32(LZ4F_VERSION))) == 0 else {
                throw LoupeError(.io, "Cannot start LZ4 compression for '\(path)'", file: path)
            }
            var header = [UInt8](repeating: 0, count: Int(LZ4F_HEADER_SIZE_MAX))
            var preferences = LZ4F_preferences_t()
            preferences.compressionLevel = Int32(chosen)
            let size = header.withUnsafeMutableBytes { LZ4F_compressBegin(lz4, $0.baseAddress, $0.count, &preferences) }
            guard LZ4F_isError(size) == 0 else {
                throw LoupeError(.io, "Cannot start LZ4 compression for '\(path)'", file: path)
            }
            pendingCompressed.append(contentsOf: header[..<size])
        }
    }

    /// Compressed bytes not yet written to the file.
    private var pendingCompressed: [UInt8] = []

    /// Releases what `finish()` did not (a failed open or an abandoned write); the codec
    /// cleanups accept contexts that were never started.
    deinit {
        if !finished {
            if compression == .gzip { deflateEnd(&zstream) }
            if compression == .lz4 { LZ4F_freeCompressionContext(lz4) }
            close(fd)
        }
    }

    /// Adds text to the file.
    public func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 20 { try flush(final: false) }
    }

    /// Adds bytes to the file.
    public func write(_ bytes: [UInt8]) throws {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush(final: false) }
    }

    /// Writes everything, completes the compressed stream and closes the file.
    public func finish() throws {
        guard !finished else { return }
        try flush(final: true)
        finished = true
        if compression == .gzip { deflateEnd(&zstream) }
        if compression == .lz4 { LZ4F_freeCompressionContext(lz4) }
        guard close(fd) == 0 else {
            throw LoupeError(.io, "Cannot close file '\(path)': \(String(cString: strerror(errno)))", file: path)
        }
    }

    private func flush(final: Bool) throws {
        switch compression {
        case .none:
            try writeAll(pending)
        case .gzip:
            try pending.withUnsafeMutableBufferPointer { input in
                // zlib reads `input` and writes `block`; both stay valid and separate during the calls.
                zstream.next_in = input.baseAddress
                zstream.avail_in = UInt32(input.count)
                var block = [UInt8](repeating: 0, count: 1 << 18)
                while true {
                    let status: Int32 = block.withUnsafeMutableBufferPointer { out in
                        zstream.next_out = out.baseAddress
                        zstream.avail_out = UInt32(out.count)
                        return deflate(&zstream, final ? Z_FINISH : Z_NO_FLUSH)
                    }
                    let produced = block.count - Int(zstream.avail_out)
                    pendingCompressed.append(contentsOf: block[..<produced])
                    if status == Z_STREAM_END { break }
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        throw LoupeError(.io, "gzip compression failed for '\(path)'", file: path)
                    }
                    if !final && zstream.avail_in == 0 && zstream.avail_out > 0 { break }
                }
            }
            try writeAll(pendingCompressed)
            pendingCompressed = []
        case .lz4:
            let bound = LZ4F_compressBound(pending.count, nil) + (final ? Int(LZ4F_HEADER_SIZE_MAX) + 8 : 0)
            var block = [UInt8](repeating: 0, count: bound)
            var size = 0
            if !pending.isEmpty {
                size = pending.withUnsafeBytes { input in
                    block.withUnsafeMutableBytes {
                        LZ4F_compressUpdate(lz4, $0.baseAddress, $0.count, input.baseAddress, input.count, nil)
                    }
                }
                guard LZ4F_isError(size) == 0 else {
                    throw LoupeError(.io, "LZ4 compression failed for '\(path)'", file: path)
                }
            }
            if final {
                let tail = block.withUnsafeMutableBytes {
                    LZ4F_compressEnd(lz4, $0.baseAddress! + size, $0.count - size, nil)
                }
                guard LZ4F_isError(tail) == 0 else {
                    throw LoupeError(.io, "LZ4 compression failed for '\(path)'", file: path)
                }
                size += tail
            }
            pendingCompressed.append(contentsOf: block[..<size])
            try writeAll(pendingCompressed)
            pendingCompressed = []
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LoupeError(
                        .io, "Cannot write file '\(path)': \(String(cString: strerror(errno)))", file: path)
                }
                offset += n
            }
        }
    }
}
