// TabSeparated rows as ClickHouse reads them: fields separated by a tab, rows ended by a line
// feed (the last one may be missing), strings backslash-escaped (`\t`, `\n`, `\\`, `\N` …; a
// backslash before a raw line feed keeps the line feed in the value), `\N` for NULL, arrays in
// their text form `[1.5,2]` / `['a','b']`. A raw line feed not preceded by an escaping backslash
// always ends a row, so a buffer can be cut after its last such line feed and the pieces parsed
// on several cores. Values go straight into the job's column loaders.

import LoupeCore

/// The TSV format, for a given mapping of fields to table columns.
struct TSVParser: RowFormat {
    /// For each field of a row, the table column it fills, or nil to skip the field.
    let fieldColumns: [Int?]
    /// `input_format_tsv_empty_as_default`: an empty field takes the column's default.
    let emptyAsDefault: Bool
    /// `input_format_null_as_default`: `\N` in a non-Nullable column takes the column's default.
    let nullAsDefault: Bool

    func completeRowsEnd(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = text.baseAddress else { return nil }
        var i = text.count - 1
        while i >= 0 {
            if base[i] == 10 {
                // A line feed after an odd run of backslashes is escaped: it does not end a row.
                var backslashes = 0
                while i - 1 - backslashes >= 0 && base[i - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return i + 1 }
                i -= backslashes
            }
            i -= 1
        }
        return nil
    }

    func parse(_ text: UnsafeBufferPointer<UInt8>, job: ParseJob) -> ParsedChunk {
        guard let base = text.baseAddress, !text.isEmpty else { return job.finish(lines: 0, bytes: 0) }
        let end = base + text.count
        var p = base
        var line = 0
        while p < end {
            let rowStart = p
            var column: Int?
            job.innerLineFeeds = 0
            do throws(FieldError) {
                for (k, target) in fieldColumns.enumerated() {
                    column = target
                    if k > 0 {
                        guard p < end, p.pointee == 9 else {
                            throw FieldError(
                                at: p, p < end && p.pointee != 10 ? .expected("a tab") : .other(fewerFields(k)))
                        }
                        p += 1
                    }
                    if let target {
                        try parseField(job.loaders[target], &p, end, job)
                    } else {
                        skipField(&p, end, job)
                    }
                }
                column = nil
                if p < end {
                    guard p.pointee == 10 else {
                        throw FieldError(
                            at: p, p.pointee == 9 ? .other(moreFields()) : .expected("a line feed"))
                    }
                    p += 1
                }
                job.endRow(line: line)
                line += 1 + job.innerLineFeeds
            } catch {
                ChunkText.fail(job, error, column: column, base: base, end: end, rowStart: rowStart, rowLine: line)
                p = rowEnd(from: rowStart, end)
                line += ChunkText.lineFeeds(rowStart, p)
                if job.hopeless { break }
            }
        }
        return job.finish(lines: line, bytes: text.count)
    }

    private func fewerFields(_ found: Int) -> String {
        "The row has \(found) fields, expected \(fieldColumns.count) (a line feed where a tab was expected)"
    }

    private func moreFields() -> String {
        "The row has more than \(fieldColumns.count) fields (a tab where a line feed was expected)"
    }

    /// The position after the line feed that ends the row containing `p`.
    private func rowEnd(from p: BytePointer, _ end: BytePointer) -> BytePointer {
        var q = p
        while q < end {
            let c = q.pointee
            q += 1
            if c == 10 { break }
            if c == UInt8(ascii: "\\") && q < end { q += 1 }
        }
        return q
    }

    @inline(__always)
    private func atFieldEnd(_ p: BytePointer, _ end: BytePointer) -> Bool {
        p == end || p.pointee == 9 || p.pointee == 10
    }

    /// One field into `loader`; `p` ends at the tab or line feed after it.
    @inline(__always)
    private func parseField(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob)
        throws(FieldError)
    {
        let start = p
        if end - p >= 2 && p[0] == UInt8(ascii: "\\") && p[1] == UInt8(ascii: "N") && atFieldEnd(p + 2, end) {
            p += 2
            if loader.nullable {
                loader.appendNull()
            } else if nullAsDefault {
                loader.appendMissing()
            } else {
                throw FieldError(at: start, .null(loader.type))
            }
            return
        }
        switch loader.base {
        case .string, .fixedString:
            try readEscapedString(loader, &p, end, job)
            return
        case .array:
            if atFieldEnd(p, end), emptyAsDefault {
                loader.appendMissing()
                return
            }
            try TextValueParser.parseArray(loader, &p, end)
        default:
            if atFieldEnd(p, end) {
                if emptyAsDefault {
                    loader.appendMissing()
                    return
                }
                if loader.base.isInteger && loader.base != .bool {
                    if loader.base == .uint64 { loader.appendUInt64(0) } else { loader.appendInt(0) }
                    return
                }
                throw FieldError(at: start, .cannotParse(loader.base))
            }
            try TextValueParser.parseScalar(loader, &p, end)
        }
        guard atFieldEnd(p, end) else { throw FieldError(at: start, .cannotParse(loader.base)) }
    }

    /// An escaped string up to the next tab or line feed.
    @inline(__always)
    private func readEscapedString(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob)
        throws(FieldError)
    {
        let start = p
        if emptyAsDefault && atFieldEnd(p, end) {
            loader.appendMissing()
            return
        }
        var out = loader.bytes
        var q = p
        while q < end {
            let c = q.pointee
            if c == 9 || c == 10 { break }
            q += 1
            if c == UInt8(ascii: "\\") {
                if TextValueParser.decodeEscape(&q, end, into: &out) { job.innerLineFeeds += 1 }
            } else {
                out.append(c)
            }
        }
        // Store the buffer back before anything can throw: appending may have moved it.
        loader.bytes = out
        p = q
        guard loader.endString() else { throw FieldError(at: start, .tooLong(loader.base)) }
    }

    /// Skips a field whose column the table does not have.
    private func skipField(_ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob) {
        while p < end {
            let c = p.pointee
            if c == 9 || c == 10 { return }
            p += 1
            if c == UInt8(ascii: "\\") && p < end {
                if p.pointee == 10 { job.innerLineFeeds += 1 }
                p += 1
            }
        }
    }
}
