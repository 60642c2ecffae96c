// JSONEachRow as ClickHouse reads it: one JSON object per row, keys naming columns (unknown keys
// skipped with input_format_skip_unknown_fields, missing keys taking the column's DEFAULT),
// objects separated by whitespace or commas and optionally wrapped in `[ … ]`. Values: numbers,
// strings (also holding numbers, dates or array text), true/false, null, and arrays for Array
// columns. JSON strings cannot hold raw line feeds, so a buffer is cut after its last complete
// top-level object and chunks parse in parallel.

import LoupeCore

/// The JSONEachRow format.
struct JSONEachRowParser: RowFormat {
    /// Column names (UTF-8) and the table column each fills.
    private let keys: [([UInt8], Int)]
    private let provided: [Bool]
    private let options: LoadOptions

    init(columns: [String: Int], provided: [Bool], options: LoadOptions) {
        keys = columns.map { (Array($0.key.utf8), $0.value) }
        self.provided = provided
        self.options = options
    }

    func completeRowsEnd(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var last: Int?
        for (i, c) in text.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { last = i + 1 }
            default: break
            }
        }
        return last
    }

    func parse(_ text: UnsafeBufferPointer<UInt8>, job: ParseJob) -> ParsedChunk {
        guard let base = text.baseAddress, !text.isEmpty else { return job.finish(lines: 0, bytes: 0) }
        let end = base + text.count
        var p = base
        var line = 0
        var counted = base
        var seen = [Bool](repeating: false, count: provided.count)
        while true {
            while p < end,
                Self.isSpace(p.pointee) || p.pointee == UInt8(ascii: ",")
                    || p.pointee == UInt8(ascii: "[") || p.pointee == UInt8(ascii: "]")
            {
                p += 1
            }
            guard p < end else { break }
            line += ChunkText.lineFeeds(counted, p)
            counted = p
            let rowStart = p
            var column: Int?
            do throws(FieldError) {
                try object(&p, end, job, &seen, &column)
                job.endRow(line: line)
            } catch {
                ChunkText.fail(
                    job, error, column: column, base: base, end: end, rowStart: rowStart, rowLine: line,
                    stops: [44, 125, 93, 10])
                p = max(Self.skipValue(from: rowStart, end), rowStart + 1)
                if job.hopeless { break }
            }
            line += ChunkText.lineFeeds(counted, p)
            counted = p
        }
        line += ChunkText.lineFeeds(counted, end)
        return job.finish(lines: line, bytes: text.count)
    }

    /// One `{…}` row into the loaders; absent columns get their default.
    private func object(
        _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob, _ seen: inout [Bool], _ column: inout Int?
    ) throws(FieldError) {
        guard p.pointee == UInt8(ascii: "{") else { throw FieldError(at: p, .expected("'{'")) }
        p += 1
        for i in seen.indices { seen[i] = false }
        Self.skipSpaces(&p, end)
        if p < end && p.pointee == UInt8(ascii: "}") {
            p += 1
        } else {
            while true {
                Self.skipSpaces(&p, end)
                let keyStart = p
                job.scratch.truncate(to: 0)
                try Self.string(&p, end, into: &job.scratch)
                let target = lookup(job.scratch)
                Self.skipSpaces(&p, end)
                guard p < end, p.pointee == UInt8(ascii: ":") else { throw FieldError(at: p, .expected("':'")) }
                p += 1
                Self.skipSpaces(&p, end)
                if let target {
                    if seen[target] {
                        throw FieldError(at: keyStart, .other("Duplicate field '\(job.names[target])' in a JSON row"))
                    }
                    seen[target] = true
                    column = target
                    try value(job.loaders[target], &p, end, job)
                    column = nil
                } else {
                    guard options.skipUnknownFields else {
                        let name = String(
                            decoding: UnsafeBufferPointer(start: job.scratch.base, count: job.scratch.count),
                            as: UTF8.self)
                        throw FieldError(at: keyStart, .other("Unknown field '\(name)' in a JSON row"))
                    }
                    p = Self.skipValue(from: p, end)
                }
                Self.skipSpaces(&p, end)
                guard p < end else { throw FieldError(at: p, .expected("'}'")) }
                if p.pointee == UInt8(ascii: ",") {
                    p += 1
                    continue
                }
                guard p.pointee == UInt8(ascii: "}") else { throw FieldError(at: p, .expected("',' or '}'")) }
                p += 1
                break
            }
        }
        for (c, isProvided) in provided.enumerated() where isProvided && !seen[c] { job.loaders[c].appendMissing() }
    }

    private func lookup(_ key: GrowableBuffer<UInt8>) -> Int? {
        for (name, column) in keys where name.count == key.count {
            var same = true
            for i in 0..<name.count where name[i] != key[i] {
                same = false
                break
            }
            if same { return column }
        }
        return nil
    }

    /// One JSON value into `loader`.
    private func value(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob)
        throws(FieldError)
    {
        guard p < end else { throw FieldError(at: p, .cannotParse(loader.type)) }
        let start = p
        let c = p.pointee
        if Self.word("null", at: p, end) {
            p += 4
            if loader.nullable {
                loader.appendNull()
            } else if options.nullAsDefault {
                loader.appendMissing()
            } else {
                throw FieldError(at: start, .null(loader.type))
            }
            return
        }
        switch loader.base {
        case .string, .fixedString:
            if c == UInt8(ascii: "\"") {
                try Self.string(&p, end, into: &loader.bytes)
            } else {
                // A number or word stored as its text.
                let valueEnd = Self.skipValue(from: p, end)
                loader.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: valueEnd - p))
                p = valueEnd
            }
            guard loader.endString() else { throw FieldError(at: start, .tooLong(loader.base)) }
        case .array:
            if c == UInt8(ascii: "\"") {
                try quotedText(loader, &p, end, job)
                return
            }
            guard c == UInt8(ascii: "[") else { throw FieldError(at: start, .cannotParse(loader.type)) }
            p += 1
            let child = loader.child!
            Self.skipSpaces(&p, end)
            if p < end && p.pointee == UInt8(ascii: "]") {
                p += 1
            } else {
                while true {
                    Self.skipSpaces(&p, end)
                    try value(child, &p, end, job)
                    Self.skipSpaces(&p, end)
                    guard p < end else { throw FieldError(at: p, .expected("']'")) }
                    if p.pointee == UInt8(ascii: ",") {
                        p += 1
                        continue
                    }
                    guard p.pointee == UInt8(ascii: "]") else { throw FieldError(at: p, .expected("',' or ']'")) }
                    p += 1
                    break
                }
            }
            loader.endArray()
        case .bool:
            if Self.word("true", at: p, end) {
                p += 4
                loader.appendInt(1)
            } else if Self.word("false", at: p, end) {
                p += 5
                loader.appendInt(0)
            } else if c == UInt8(ascii: "\"") {
                try quotedText(loader, &p, end, job)
            } else {
                try TextValueParser.parseScalar(loader, &p, end)
                try checkEnd(p, end, start, loader)
            }
        default:
            if c == UInt8(ascii: "\"") {
                try quotedText(loader, &p, end, job)
                return
            }
            if loader.base.isNumeric, Self.word("true", at: p, end) || Self.word("false", at: p, end) {
                let one = p.pointee == UInt8(ascii: "t")
                p += one ? 4 : 5
                switch loader.base.physicalKind {
                case .float32: loader.appendFloat(one ? 1 : 0)
                case .float64: loader.appendDouble(one ? 1 : 0)
                case .uint64: loader.appendUInt64(one ? 1 : 0)
                default: loader.appendInt(one ? 1 : 0)
                }
                return
            }
            try TextValueParser.parseScalar(loader, &p, end)
            try checkEnd(p, end, start, loader)
        }
    }

    /// A value given as a JSON string for a non-string column: the decoded text read as the
    /// column's text form (`"12"`, `"2024-01-02"`, `"[1,2]"`).
    private func quotedText(_ loader: ColumnLoader, _ p: inout BytePointer, _ end: BytePointer, _ job: ParseJob)
        throws(FieldError)
    {
        let start = p
        job.scratch.truncate(to: 0)
        try Self.string(&p, end, into: &job.scratch)
        let text = UnsafeBufferPointer(start: job.scratch.base, count: job.scratch.count)
        guard var q = text.baseAddress else { throw FieldError(at: start, .cannotParse(loader.type)) }
        let textEnd = q + text.count
        if q == textEnd {
            loader.appendMissing()
            return
        }
        do throws(FieldError) {
            if loader.base.elementType != nil {
                try TextValueParser.parseArray(loader, &q, textEnd)
            } else {
                try TextValueParser.parseScalar(loader, &q, textEnd)
            }
        } catch {
            throw FieldError(at: start, .cannotParse(loader.type))
        }
        guard q == textEnd else { throw FieldError(at: start, .cannotParse(loader.type)) }
    }

    private func checkEnd(_ p: BytePointer, _ end: BytePointer, _ start: BytePointer, _ loader: ColumnLoader)
        throws(FieldError)
    {
        guard
            p == end || Self.isSpace(p.pointee) || p.pointee == UInt8(ascii: ",") || p.pointee == UInt8(ascii: "}")
                || p.pointee == UInt8(ascii: "]")
        else { throw FieldError(at: start, .cannotParse(loader.type)) }
    }

    // MARK: - JSON syntax

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 13 || c == 9 }

    private static func skipSpaces(_ p: inout BytePointer, _ end: BytePointer) {
        while p < end && isSpace(p.pointee) { p += 1 }
    }

    private static func word(_ w: StaticString, at p: BytePointer, _ end: BytePointer) -> Bool {
        let n = w.utf8CodeUnitCount
        guard end - p >= n else { return false }
        for i in 0..<n where p[i] != w.utf8Start[i] { return false }
        return true
    }

    /// A JSON string at `p` (at its opening quote), decoded into `out` as UTF-8.
    static func string(_ p: inout BytePointer, _ end: BytePointer, into out: inout GrowableBuffer<UInt8>)
        throws(FieldError)
    {
        let start = p
        guard p < end, p.pointee == UInt8(ascii: "\"") else { throw FieldError(at: p, .expected("a string")) }
        p += 1
        while true {
            guard p < end else { throw FieldError(at: start, .expected("a closing quote")) }
            let c = p.pointee
            p += 1
            if c == UInt8(ascii: "\"") { return }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard p < end else { throw FieldError(at: start, .expected("a closing quote")) }
            let e = p.pointee
            p += 1
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(p, end) else {
                    throw FieldError(at: p - 2, .other("Bad \\u escape in a JSON string"))
                }
                p += 4
                if (0xD800..<0xDC00).contains(scalar), end - p >= 6, p[0] == UInt8(ascii: "\\"),
                    p[1] == UInt8(ascii: "u"), let low = hex4(p + 2, end), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    p += 6
                }
                for byte in String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8 { out.append(byte) }
            default: out.append(e)
            }
        }
    }

    private static func hex4(_ p: BytePointer, _ end: BytePointer) -> UInt32? {
        guard end - p >= 4 else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 {
            let c = p[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// The position after the JSON value starting at `p` (strings, nesting respected); for a
    /// broken row, the end of its object.
    static func skipValue(from p: BytePointer, _ end: BytePointer) -> BytePointer {
        var q = p
        var depth = 0
        var inString = false
        while q < end {
            let c = q.pointee
            if inString {
                if c == UInt8(ascii: "\\") {
                    q += 1
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return q + 1 }
                }
            } else {
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return q }
                    depth -= 1
                    if depth == 0 { return q + 1 }
                case UInt8(ascii: ","):
                    if depth == 0 { return q }
                default:
                    if depth == 0 && isSpace(c) { return q }
                }
            }
            q += 1
        }
        return end
    }
}
