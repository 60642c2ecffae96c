// Buffered byte output for `loupe sample`: rows are appended as bytes (text, integers, floats in
// ClickHouse's shortest round-trip form) to a buffer that goes to the file a megabyte at a time,
// so generating millions of rows allocates no String per field and holds no more than one buffer.

import Foundation
import LoupeCore

final class SampleWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 20

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SampleError("cannot create file '\(path)'")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw SampleError("cannot open file '\(path)' for writing")
        }
        self.handle = handle
        buffer.reserveCapacity(flushSize + (64 << 10))
    }

    /// Writes a header row of tab-separated names.
    func header(_ names: [String]) {
        for (i, name) in names.enumerated() {
            if i > 0 { tab() }
            text(name)
        }
        endRow()
    }

    @inline(__always) func text(_ s: String) { buffer.append(contentsOf: s.utf8) }
    @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }
    @inline(__always) func tab() { buffer.append(0x09) }

    /// Ends a row, and hands the buffer to the file once it is full.
    func endRow() {
        buffer.append(0x0A)
        if buffer.count >= flushSize { flush() }
    }

    /// Decimal digits of `value`, left-padded with zeros to `width`.
    func int(_ value: Int, width: Int = 0) {
        var v = value
        if v < 0 {
            buffer.append(UInt8(ascii: "-"))
            v = -v
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n < width && n < 20 {
                d[n] = UInt8(ascii: "0")
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    /// `count` lowercase hex digits of `value` (the low ones).
    func hex(_ value: UInt64, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) {
            let nibble = UInt8((value >> (UInt64(i) * 4)) & 15)
            buffer.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
    }

    /// An Array(Float32) as ClickHouse writes it: `[0.1,-0.25,...]`.
    func floatArray(_ values: [Float]) {
        buffer.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            ValueFormatter.appendFloat(v, to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// `YYYY-MM-DD hh:mm:ss` for seconds since 1970-01-01 UTC.
    func dateTime(_ unixSeconds: Int) {
        let days = unixSeconds / 86_400, secs = unixSeconds % 86_400
        let (y, m, d) = civilFromDays(days)
        int(y, width: 4); byte(UInt8(ascii: "-")); int(m, width: 2); byte(UInt8(ascii: "-")); int(d, width: 2)
        byte(UInt8(ascii: " "))
        int(secs / 3600, width: 2); byte(UInt8(ascii: ":"))
        int(secs / 60 % 60, width: 2); byte(UInt8(ascii: ":")); int(secs % 60, width: 2)
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

/// Year, month and day of a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

struct SampleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
