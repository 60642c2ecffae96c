// Cuts a stream of text into chunks of whole rows. It reads about `chunkSize` bytes, asks the
// format where the last complete row ends, hands out everything before it and keeps the rest
// (one partial row) for the next chunk; a row longer than a chunk makes the chunk grow until it
// ends. Memory is bounded by a chunk plus one row. The header line of a *WithNames format is read
// through here too, before the chunks.

import LoupeCore

/// A chunk of complete rows.
struct TextChunk: Sendable {
    var buffer: ChunkBuffer
    /// File bytes consumed when the chunk was cut (for progress).
    var fileBytesRead: Int
}

/// A block of memory holding a chunk's bytes, reused from chunk to chunk.
final class ChunkBuffer: @unchecked Sendable {
    // @unchecked: filled by the reader, then read by one parse job, then recycled; never shared
    // by two threads at once.
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes in use, from `base`.
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Reads a `ByteSource` as chunks of complete rows.
final class TextReader {
    private let source: ByteSource
    let chunkSize: Int
    /// Buffers of parsed chunks, refilled instead of allocating new ones.
    let buffers = ChunkBufferPool()
    /// Bytes read but not handed out yet (the start of an incomplete row).
    private var carry: [UInt8] = []
    private var atEnd = false

    init(source: ByteSource, chunkSize: Int) {
        self.source = source
        self.chunkSize = chunkSize
    }

    var fileBytesRead: Int { source.fileBytesRead }

    /// `carry` followed by newly read bytes, up to `capacity` in all (fewer at the end of the
    /// input), in a recycled buffer when one is free.
    private func read(upTo capacity: Int) throws -> ChunkBuffer {
        let size = max(capacity, carry.count)
        let buffer = buffers.take(capacity: size)
        carry.withUnsafeBufferPointer { carried in
            // The buffer has room for `size` ≥ `carried.count` bytes.
            if let start = carried.baseAddress { buffer.base.initialize(from: start, count: carried.count) }
        }
        buffer.count = carry.count
        carry = []
        while buffer.count < size && !atEnd {
            let free = UnsafeMutableRawBufferPointer(start: buffer.base + buffer.count, count: size - buffer.count)
            let got = try source.read(into: free)
            if got == 0 { atEnd = true }
            buffer.count += got
        }
        return buffer
    }

    /// The next chunk of complete rows (the last one may lack its final line feed), or nil at
    /// the end of the input.
    func nextChunk(format: RowFormat) throws -> TextChunk? {
        var capacity = max(chunkSize, carry.count * 2)
        while true {
            let buffer = try read(upTo: capacity)
            if buffer.count == 0 {
                buffers.recycle(buffer)
                return nil
            }
            let cut = atEnd ? buffer.count : format.completeRowsEnd(in: buffer.bytes)
            if let cut, cut > 0 {
                carry = Array(buffer.bytes[cut...])
                buffer.count = cut
                return TextChunk(buffer: buffer, fileBytesRead: source.fileBytesRead)
            }
            carry = Array(buffer.bytes)
            buffers.recycle(buffer)
            capacity = carry.count * 2
        }
    }

    /// The first line (without its line feed), or nil when the input is empty.
    func readLine() throws -> [UInt8]? {
        var capacity = 64 << 10
        while true {
            let buffer = try read(upTo: capacity)
            defer { buffers.recycle(buffer) }
            let bytes = buffer.bytes
            if let newline = bytes.firstIndex(of: 10) {
                carry = Array(bytes[(newline + 1)...])
                return Array(bytes[..<newline])
            }
            if atEnd { return bytes.isEmpty ? nil : Array(bytes) }
            carry = Array(bytes)
            capacity = carry.count * 2
        }
    }
}
