// Cuts a stream of text into chunks of whole rows. It reads about `chunkSize` bytes, asks the
// format where the last complete row ends, hands out everything before it and keeps the rest
// (one partial row) for the next chunk; a row longer than a chunk makes the chunk grow until it
// ends. Memory is bounded by a chunk plus one row. The header line of a *WithNames format is read
// through here too, before the chunks.

import LoupeCore

/// A chunk of complete rows.
struct TextChunk: Sendable {
    var bytes: [UInt8]
    /// File bytes consumed when the chunk was cut (for progress).
    var fileBytesRead: Int
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
    /// input), read into a recycled buffer when one is free.
    private func read(upTo capacity: Int) throws -> [UInt8] {
        let carried = carry
        carry = []
        let size = max(capacity, carried.count)
        var buffer = buffers.take()
        buffer.reserveCapacity(size)
        buffer.append(contentsOf: carried)
        let start = buffer.count
        // Zero-filling pages the buffer already owns costs far less than mapping new ones.
        buffer.append(contentsOf: repeatElement(0, count: size - start))
        var count = start
        try buffer.withUnsafeMutableBytes { bytes in
            while count < size && !atEnd {
                let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[count..<size]))
                if got == 0 { atEnd = true }
                count += got
            }
        }
        buffer.removeLast(size - count)
        return buffer
    }

    /// The next chunk of complete rows (the last one may lack its final line feed), or nil at
    /// the end of the input.
    func nextChunk(format: RowFormat) throws -> TextChunk? {
        var capacity = max(chunkSize, carry.count * 2)
        while true {
            var buffer = try read(upTo: capacity)
            if buffer.isEmpty { return nil }
            let cut: Int? = atEnd ? buffer.count : buffer.withUnsafeBufferPointer { format.completeRowsEnd(in: $0) }
            if let cut, cut > 0 {
                carry = Array(buffer[cut...])
                buffer.removeLast(buffer.count - cut)
                return TextChunk(bytes: buffer, fileBytesRead: source.fileBytesRead)
            }
            carry = buffer
            capacity = buffer.count * 2
        }
    }

    /// The first line (without its line feed), or nil when the input is empty.
    func readLine() throws -> [UInt8]? {
        var capacity = 64 << 10
        while true {
            let buffer = try read(upTo: capacity)
            if let newline = buffer.firstIndex(of: 10) {
                carry = Array(buffer[(newline + 1)...])
                return Array(buffer[..<newline])
            }
            if atEnd { return buffer.isEmpty ? nil : buffer }
            carry = buffer
            capacity = buffer.count * 2
        }
    }
}
