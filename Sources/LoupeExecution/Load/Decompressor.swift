// Byte sources for loading: a file read with read(2), and the gzip (zlib) and LZ4 frame (liblz4)
// decoders over it. Each fills a caller's buffer with the next decompressed bytes and reports
// how many bytes of the file it has consumed, for progress. Concatenated gzip members and LZ4
// frames are read one after another, as gzip and lz4 tools write them.

import CLZ4
import CZlib
import Foundation
import LoupeCore

/// A stream of (decompressed) input bytes.
protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns how many (0 at the end of the input).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Bytes of the underlying file read so far.
    var fileBytesRead: Int { get }
}

/// A file opened for reading.
final class FileByteSource: ByteSource {
    let path: String
    private let fd: Int32
    private(set) var fileBytesRead = 0
    /// The file's size, when it is a regular file.
    let size: Int?

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LoupeError(.io, "Cannot open file '\(path)': \(reason)", file: path)
        }
        var info = stat()
        size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    deinit {
        close(fd)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.read(fd, base, buffer.count)
            if n >= 0 {
                fileBytesRead += n
                return n
            }
            if errno == EINTR { continue }
            throw LoupeError(.io, "Cannot read file '\(path)': \(String(cString: strerror(errno)))", file: path)
        }
    }
}

/// Compressed input read through a fixed buffer.
private final class CompressedInput {
    let source: ByteSource
    let buffer: UnsafeMutableRawBufferPointer
    var start = 0
    var end = 0
    var exhausted = false

    init(_ source: ByteSource, capacity: Int = 1 << 20) {
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    var available: Int { end - start }

    /// Reads more when the buffer is empty; returns false at the end of the file.
    func fill() throws -> Bool {
        if available > 0 { return true }
        if exhausted { return false }
        start = 0
        end = try source.read(into: buffer)
        if end == 0 { exhausted = true }
        return end > 0
    }
}

/// gzip (or zlib) streams decoded with zlib's inflate.
final class GzipByteSource: ByteSource {
    private let input: CompressedInput
    private let path: String
    private var stream = z_stream()
    private var finished = false

    init(_ source: ByteSource, path: String) throws {
        input = CompressedInput(source)
        self.path = path
        // 15 + 32: the largest window, with gzip or zlib headers detected automatically.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw LoupeError(.io, "Cannot start gzip decompression of '\(path)'", file: path)
        }
    }

    deinit {
        inflateEnd(&stream)
    }

    var fileBytesRead: Int { input.source.fileBytesRead }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var produced = 0
        while produced == 0 && !finished {
            guard try input.fill() else {
                if stream.total_in > 0 || stream.avail_in > 0 {
                    throw LoupeError(.corrupt, "Unexpected end of gzip data in '\(path)'", file: path)
                }
                finished = true
                break
            }
            // The input buffer and `buffer` stay valid and unaliased across this call.
            stream.next_in = input.buffer.baseAddress!.advanced(by: input.start).assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(input.available)
            stream.next_out = (out + produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(buffer.count - produced)
            let status = inflate(&stream, Z_NO_FLUSH)
            let consumed = input.available - Int(stream.avail_in)
            input.start += consumed
            produced = buffer.count - Int(stream.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow.
                guard try input.fill() else {
                    finished = true
                    break
                }
                inflateReset(&stream)
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw LoupeError(.corrupt, "Corrupt gzip data in '\(path)': \(reason)", file: path)
            }
        }
        return produced
    }
}

/// LZ4 frames decoded with liblz4's frame API.
final class LZ4ByteSource: ByteSource {
    private let input: CompressedInput
    private let path: String
    private var context: OpaquePointer?
    /// The frame decoder's hint: 0 once a frame is complete.
    private var expecting = 1

    init(_ source: ByteSource, path: String) throws {
        input = CompressedInput(source)
        self.path = path
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0 else {
            throw LoupeError(.io, "Cannot start LZ4 decompression of '\(path)'", file: path)
        }
    }

    deinit {
        LZ4F_freeDecompressionContext(context)
    }

    var fileBytesRead: Int { input.source.fileBytesRead }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var produced = 0
        while produced == 0 {
            guard try input.fill() else {
                if expecting != 0 && input.source.fileBytesRead > 0 {
                    throw LoupeError(.corrupt, "Unexpected end of LZ4 data in '\(path)'", file: path)
                }
                return 0
            }
            var srcSize = input.available
            var dstSize = buffer.count
            // `src` covers the unread input bytes and `out` the caller's buffer; neither overlaps.
            let src = input.buffer.baseAddress!.advanced(by: input.start)
            let hint = LZ4F_decompress(context, out, &dstSize, src, &srcSize, nil)
            if LZ4F_isError(hint) != 0 {
                let reason = String(cString: LZ4F_getErrorName(hint))
                throw LoupeError(.corrupt, "Corrupt LZ4 data in '\(path)': \(reason)", file: path)
            }
            input.start += srcSize
            produced = dstSize
            expecting = hint
        }
        return produced
    }
}

/// The decompressed bytes of `file`, as `compression` says.
func makeByteSource(_ file: FileByteSource, compression: FileCompression) throws -> ByteSource {
    switch compression {
    case .none: return file
    case .gzip: return try GzipByteSource(file, path: file.path)
    case .lz4: return try LZ4ByteSource(file, path: file.path)
    }
}
