// CSV rows as ClickHouse reads them: fields separated by `format_csv_delimiter` (a comma), rows
// ended by a line feed or CR LF; a field in double quotes may hold delimiters and line feeds,
// with `""` for a quote; unquoted fields are trimmed of spaces and tabs; `\N` (unquoted) is NULL,
// and an empty field takes the column's default (`input_format_csv_empty_as_default`). Arrays are
// quoted text such as `"[1,2]"` or `"['a','b']"`. Rows are cut between line feeds outside quotes,
// so chunks parse in parallel like TSV.

import LoupeCore

/// The CSV format, for a given mapping of fields to table columns.
struct CSVParser: RowFormat {
    /// For each field of a row, the table column it fills, or nil to skip the field.
    let fieldColumns: [Int?]
    let options: LoadOptions

    init(fieldColumns: [Int?], options: LoadOptions) {
        self.fieldColumns = fieldColumns
        self.options = options
    }

    private var delimiter: UInt8 { options.csvDelimiter }

    @inline(__always)
    private func isQuote(_ c: UInt8) -> Bool {
        (c == UInt8(ascii: "\"") && options.csvDoubleQuotes) || (c == UInt8(ascii: "'") && options.csvSingleQuotes)
    }

    func completeRowsEnd(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var quote: UInt8 = 0
        var last: Int?
        var atFieldStart = true
        for (i, c) in text.enumerated() {
            if quote != 0 {
                if c == quote { quote = 0 }
                continue
            }
            if c == 10 {
                last = i + 1
                atFieldStart = true
            } else if c == delimiter {
                atFieldStart = true
            } else if atFieldStart && isQuote(c) {
                quote = c
            } else if c != 32 && c != 9 {
                atFieldStart = false
            }
        }
        return last
    }

    func parse(_ text: UnsafeBufferPointer<UInt8>, job: ParseJob) -> ParsedChunk {
        guard let base = text.baseAddress, !text.isEmpty else { return job.finish(lines: 0, bytes: 0) }
        let end = base + text.count
        var p = base
        var line = 0
        while p < end {
            let rowStart = p
            var column: Int?
            do throws(FieldError) {
                for (k, target) in fieldColumns.enumerated() {
                    column = target
                    if k > 0 {
                        guard p < end, p.pointee == delimiter else {
                            throw FieldError(
                                at: p,
                                p < end && p.pointee != 10 && p.pointee != 13
                                    ? .expected("'\(Character(Unicode.Scalar(delimiter)))'")
                                    : .other("The row has \(k) fields, expected \(fieldColumns.count)"))
                        }
                        p += 1
                    }
                    try field(target.map { job.loaders[$0] }, &p, end, job)
                }
                column = nil
                if p < end && p.pointee == 13 { p += 1 }
                if p < end {
                    guard p.pointee == 10 else {
                        throw FieldError(
                            at: p,
                            p.pointee == delimiter
                                ? .other("The row has more than \(fieldColumns.count) fields")
                                : .expected("a line feed"))
                    }
                    p += 1
                }
                job.endRow(line: line)
                line += ChunkText.lineFeeds(rowStart, p)
            } catch {
                ChunkText.fail(
                    job, error, column: column, base: base, end: end, rowStart: rowStart, rowLine: line,
                    stops: [delimiter, 10, 13])
                p = rowEnd(from: rowStart, end)
                line += ChunkText.lineFeeds(rowStart, p)
                if job.hopeless { break }
            }
        }
        return job.finish(lines: line, bytes: text.count)
    }

    /// The position after the line feed that ends the row starting at `p` (quotes respected).
    private func rowEnd(from p: BytePointer, _ end: BytePointer) -> BytePointer {
        var q = p
        var quote: UInt8 = 0
        var atFieldStart = true
        while q < end {
            let c = q.pointee
            q += 1
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 10 {
                break
            } else if c == delimiter {
                atFieldStart = true
            } else if atFieldStart && isQuote(c) {
                quote = c
            } else if c != 32 && c != 9 {
                atFieldStart = false
            }
        }
        return q
    }

    /// One field into `loader` (nil: skipped); `p` ends at the delimiter or line end after it.
    private func field(_ loader: ColumnLoader?, _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob)
        throws(FieldError)
    {
        while p < end && (p.pointee == 32 || p.pointee == 9) && p.pointee != delimiter { p += 1 }
        let start = p
        if p < end && isQuote(p.pointee) {
            let quote = p.pointee
            p += 1
            let contentStart = p
            var doubled = false
            while true {
                guard p < end else { throw FieldError(at: start, .expected("a closing quote")) }
                if p.pointee == quote {
                    if p + 1 < end && p[1] == quote {
                        doubled = true
                        p += 2
                        continue
                    }
                    break
                }
                p += 1
            }
            let contentEnd = p
            p += 1
            while p < end && (p.pointee == 32 || p.pointee == 9) && p.pointee != delimiter { p += 1 }
            guard let loader else { return }
            if doubled {
                job.scratch.truncate(to: 0)
                var q = contentStart
                while q < contentEnd {
                    job.scratch.append(q.pointee)
                    q += q.pointee == quote ? 2 : 1
                }
                let copy = UnsafeBufferPointer(start: job.scratch.base, count: job.scratch.count)
                do throws(FieldError) {
                    try value(loader, copy.baseAddress!, copy.baseAddress! + copy.count, quoted: true, at: start)
                } catch {
                    // Positions in the decoded copy mean nothing in the file: report the field.
                    throw FieldError(at: start, error.problem)
                }
            } else {
                try value(loader, contentStart, contentEnd, quoted: true, at: start)
            }
            return
        }
        while p < end && p.pointee != delimiter && p.pointee != 10 && p.pointee != 13 { p += 1 }
        var valueEnd = p
        while valueEnd > start && (valueEnd[-1] == 32 || valueEnd[-1] == 9) { valueEnd -= 1 }
        guard let loader else { return }
        try value(loader, start, valueEnd, quoted: false, at: start)
    }

    /// The whole of `[start, end)` as a value of the loader's type.
    private func value(
        _ loader: ColumnLoader, _ start: BytePointer, _ end: BytePointer, quoted: Bool, at field: BytePointer
    )
        throws(FieldError)
    {
        if !quoted && end - start == 2 && start[0] == UInt8(ascii: "\\") && start[1] == UInt8(ascii: "N") {
            if loader.nullable {
                loader.appendNull()
            } else if options.nullAsDefault {
                loader.appendMissing()
            } else {
                throw FieldError(at: field, .null(loader.type))
            }
            return
        }
        if start == end && (!quoted || !loader.base.isString) {
            if options.csvEmptyAsDefault || loader.nullable {
                loader.appendMissing()
                return
            }
            if loader.base.isInteger || loader.base.isFloat {
                switch loader.base.physicalKind {
                case .uint64: loader.appendUInt64(0)
                case .float32: loader.appendFloat(0)
                case .float64: loader.appendDouble(0)
                default: loader.appendInt(0)
                }
                return
            }
        }
        var p = start
        switch loader.base {
        case .string, .fixedString:
            loader.bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
            guard loader.endString() else { throw FieldError(at: field, .tooLong(loader.base)) }
            return
        case .array:
            try TextValueParser.parseArray(loader, &p, end)
        default:
            try TextValueParser.parseScalar(loader, &p, end)
        }
        guard p == end else { throw FieldError(at: field, .cannotParse(loader.type)) }
    }

    /// The names in a CSV header line.
    static func headerNames(_ line: [UInt8], _ options: LoadOptions) throws -> [String] {
        let parser = CSVParser(fieldColumns: [], options: options)
        var names: [String] = []
        var failure: FieldError?
        line.withUnsafeBufferPointer { bytes in
            guard var p = bytes.baseAddress else { return }
            let end = p + bytes.count
            let job = ParseJob(types: [.string], names: ["header"], provided: [true], batchRows: Int.max)
            while true {
                do throws(FieldError) {
                    try parser.field(job.loaders[0], &p, end, job)
                } catch {
                    failure = error
                    return
                }
                if p < end && p.pointee == options.csvDelimiter {
                    p += 1
                    continue
                }
                break
            }
            guard case .string(let offsets, let bytes) = job.loaders[0].finish().data else { return }
            names = (0..<(offsets.count - 1)).map {
                String(decoding: bytes[offsets[$0]..<offsets[$0 + 1]], as: UTF8.self)
            }
        }
        if failure != nil { throw LoupeError(.type, "Cannot parse the CSV header row", line: 1) }
        return names
    }
}
