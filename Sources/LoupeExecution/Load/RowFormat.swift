// What a text format must provide to be loaded in parallel chunks: where the last complete row of
// a buffer ends (so the reader can cut the input between rows, as ClickHouse's segmentation
// engines do), and how to parse a run of complete rows into a `ParseJob`. Also the helpers every
// format uses to turn a `FieldError` into a located message.

import LoupeCore

/// A row-oriented text format that parses chunks of complete rows.
protocol RowFormat: Sendable {
    /// The offset just past the last complete row in `text`, or nil when no row ends in it.
    func completeRowsEnd(in text: UnsafeBufferPointer<UInt8>) -> Int?

    /// Parses `text`, which holds complete rows (the last may lack its line feed at the end of
    /// the input), into `job`, and returns the chunk's result.
    func parse(_ text: UnsafeBufferPointer<UInt8>, job: ParseJob) -> ParsedChunk
}

/// Locating errors in a chunk.
enum ChunkText {
    /// The 0-based line and 1-based byte column of `address`, counting line feeds from
    /// `rowStart` (on chunk line `rowLine`); columns count from the start of the line, or of
    /// the chunk (`base`) when the line began in an earlier chunk.
    static func locate(_ address: Int, base: BytePointer, rowStart: BytePointer, rowLine: Int) -> (
        line: Int, column: Int
    ) {
        let target = BytePointer(bitPattern: address) ?? rowStart
        var line = rowLine
        var p = rowStart
        while p < target {
            if p.pointee == 10 { line += 1 }
            p += 1
        }
        var lineStart = target
        while lineStart > base && lineStart[-1] != 10 { lineStart -= 1 }
        return (line, target - lineStart + 1)
    }

    /// Up to 40 bytes of text at `address`, stopping at a field or element separator.
    static func token(at address: Int, end: BytePointer, stops: [UInt8] = [9, 10, 44, 93]) -> String {
        guard let start = BytePointer(bitPattern: address), start <= end else { return "" }
        var p = start
        while p < end, p - start < 40, !stops.contains(p.pointee) { p += 1 }
        return String(decoding: UnsafeBufferPointer(start: start, count: p - start), as: UTF8.self)
    }

    /// Records `error` (raised while reading table column `column`, if any) as the failure of
    /// the row that starts at `rowStart` on chunk line `rowLine`.
    static func fail(
        _ job: ParseJob, _ error: FieldError, column: Int?, base: BytePointer, end: BytePointer,
        rowStart: BytePointer, rowLine: Int, stops: [UInt8] = [9, 10, 44, 93]
    ) {
        // A position outside the row (in a decoded copy of a value) is reported at the row start.
        let row = Int(bitPattern: rowStart)...Int(bitPattern: end)
        let address = row.contains(error.address) ? error.address : Int(bitPattern: rowStart)
        let (line, col) = locate(address, base: base, rowStart: rowStart, rowLine: rowLine)
        let message = error.message(token: token(at: address, end: end, stops: stops))
        job.failRow(line: line, column: col, message: message, columnName: column.map { job.names[$0] })
    }

    /// Line feeds in `[start, end)`.
    static func lineFeeds(_ start: BytePointer, _ end: BytePointer) -> Int {
        var n = 0
        var p = start
        while p < end {
            if p.pointee == 10 { n += 1 }
            p += 1
        }
        return n
    }
}
