// The header row of TSVWithNames: tab-separated column names, backslash-escaped like any TSV
// string.

/// Reading a TSV header row.
enum TSVHeader {
    /// The names in a header line (without its line feed).
    static func names(_ line: [UInt8]) -> [String] {
        line.split(separator: 9, omittingEmptySubsequences: false).map { field in
            var out = GrowableBuffer<UInt8>()
            defer { out.free() }
            field.withUnsafeBufferPointer { bytes in
                guard var p = bytes.baseAddress else { return }
                let end = p + bytes.count
                while p < end {
                    let c = p.pointee
                    p += 1
                    if c == UInt8(ascii: "\\") {
                        _ = TextValueParser.decodeEscape(&p, end, into: &out)
                    } else {
                        out.append(c)
                    }
                }
            }
            return String(decoding: out.takeArray(), as: UTF8.self)
        }
    }
}
