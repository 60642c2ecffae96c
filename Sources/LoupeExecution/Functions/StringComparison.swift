// Bytewise comparison of string arguments (the order ClickHouse uses for String), with loops for
// column vs constant and column vs column that compare raw bytes in place, never building
// `String`s. Equality checks lengths first.

import Foundation
import LoupeCore

/// Comparison of string operands.
enum StringComparison {
    /// `a op b` for every row, as 0/1.
    static func compare(_ a: Operand, _ b: Operand, _ op: ComparisonFunctions.Op, count: Int) -> [Int64] {
        switch (a, b) {
        case (.constant(let x, _), .constant(let y, _)):
            let c = bytewise(Array(text(x).utf8), Array(text(y).utf8))
            return [Int64](repeating: op.test(c) ? 1 : 0, count: count)
        case (.column(let c), .constant(let v, _)):
            return columnConstant(c, Array(text(v).utf8), op)
        case (.constant(let v, _), .column(let c)):
            return columnConstant(c, Array(text(v).utf8), op.flipped)
        case (.column(let x), .column(let y)):
            guard case .string(let xo, let xb) = x.data, case .string(let yo, let yb) = y.data else {
                preconditionFailure("string layout")
            }
            var out = [Int64](repeating: 0, count: count)
            // Safe: offsets index within their byte buffers (a column invariant).
            xb.withUnsafeBufferPointer { px in
                yb.withUnsafeBufferPointer { py in
                    for i in 0..<count {
                        let c = compareBytes(
                            px.baseAddress, xo[i], xo[i + 1] - xo[i], py.baseAddress, yo[i], yo[i + 1] - yo[i])
                        out[i] = op.test(c) ? 1 : 0
                    }
                }
            }
            return out
        }
    }

    /// Rows of a string column against one byte string.
    private static func columnConstant(_ column: Column, _ constant: [UInt8], _ op: ComparisonFunctions.Op) -> [Int64] {
        guard case .string(let offsets, let bytes) = column.data else { preconditionFailure("string layout") }
        let n = column.count
        var out = [Int64](repeating: 0, count: n)
        let k = constant.count
        // Safe: offsets index within `bytes`; `constant` has k bytes.
        bytes.withUnsafeBufferPointer { p in
            constant.withUnsafeBufferPointer { q in
                if op == .equals || op == .notEquals {
                    let hit: Int64 = op == .equals ? 1 : 0
                    for i in 0..<n {
                        let len = offsets[i + 1] - offsets[i]
                        let same = len == k && (k == 0 || memcmp(p.baseAddress! + offsets[i], q.baseAddress!, k) == 0)
                        out[i] = same ? hit : 1 - hit
                    }
                } else {
                    for i in 0..<n {
                        let c = compareBytes(
                            p.baseAddress, offsets[i], offsets[i + 1] - offsets[i], q.baseAddress, 0, k)
                        out[i] = op.test(c) ? 1 : 0
                    }
                }
            }
        }
        return out
    }

    /// Three-way bytewise comparison of two byte ranges.
    @inline(__always)
    static func compareBytes(
        _ x: UnsafePointer<UInt8>?, _ xs: Int, _ xn: Int, _ y: UnsafePointer<UInt8>?, _ ys: Int, _ yn: Int
    ) -> Int {
        let m = min(xn, yn)
        if m > 0, let x, let y {
            let c = memcmp(x + xs, y + ys, m)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return xn < yn ? -1 : (xn > yn ? 1 : 0)
    }

    /// The offset of the first occurrence of `qn` bytes at `q` within `hn` bytes at `h`.
    static func find(_ h: UnsafePointer<UInt8>, _ hn: Int, _ q: UnsafePointer<UInt8>, _ qn: Int) -> Int? {
        if qn == 0 { return 0 }
        if hn < qn { return nil }
        let last = hn - qn
        var i = 0
        // Safe: memchr scans h[i ... last] and memcmp reads qn bytes from a start at most `last`.
        while i <= last {
            guard let p = memchr(h + i, Int32(q[0]), last - i + 1) else { return nil }
            let at = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - h
            if memcmp(h + at, q, qn) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Bytewise comparison of two byte arrays.
    static func bytewise(_ x: [UInt8], _ y: [UInt8]) -> Int {
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in compareBytes(px.baseAddress, 0, x.count, py.baseAddress, 0, y.count) }
        }
    }

    /// The text of a string constant.
    static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return v.description
    }
}
