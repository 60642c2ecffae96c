// String functions, on bytes as ClickHouse's are: length, empty/notEmpty (with the arrays, in
// ArrayFunctions), lower/upper (ASCII only, like ClickHouse's; lowerUTF8/upperUTF8 and
// lengthUTF8 work on Unicode characters), concat,
// substring (1-based; negative offsets count from the end, negative lengths drop bytes from the
// end), trimBoth/trimLeft/trimRight (spaces), position, startsWith/endsWith, replaceAll, reverse,
// and like/notLike/ilike/notILike.

import Foundation
import LoupeCore

/// String functions.
enum StringFunctions {
    static let entries: [String: FunctionEntry] = [
        "lower": FunctionEntry { try map($0) { row, out in out.append(contentsOf: row.map(asciiLower)) } },
        "upper": FunctionEntry { try map($0) { row, out in out.append(contentsOf: row.map(asciiUpper)) } },
        "lowerUTF8": FunctionEntry {
            try map($0) { row, out in out.append(contentsOf: String(decoding: row, as: UTF8.self).lowercased().utf8) }
        },
        "upperUTF8": FunctionEntry {
            try map($0) { row, out in out.append(contentsOf: String(decoding: row, as: UTF8.self).uppercased().utf8) }
        },
        "lengthUTF8": FunctionEntry { call in
            try call.expectArguments(1)
            let s = StringArgument(call.arguments[0])
            let counts = (0..<call.count).map { i in UInt64(s.row(i).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) }
            return NumericKernels.column(uint64: counts, type: call.resultType, nulls: nil)
        },
        "reverse": FunctionEntry { try map($0) { row, out in out.append(contentsOf: row.reversed()) } },
        "trimBoth": FunctionEntry {
            try map($0) { row, out in out.append(contentsOf: trim(row, left: true, right: true)) }
        },
        "trimLeft": FunctionEntry {
            try map($0) { row, out in out.append(contentsOf: trim(row, left: true, right: false)) }
        },
        "trimRight": FunctionEntry {
            try map($0) { row, out in out.append(contentsOf: trim(row, left: false, right: true)) }
        },
        "concat": FunctionEntry(concat),
        "substring": FunctionEntry(substring),
        "position": FunctionEntry(position),
        "startsWith": FunctionEntry { try affix($0, prefix: true) },
        "endsWith": FunctionEntry { try affix($0, prefix: false) },
        "replaceAll": FunctionEntry(replaceAll),
        "like": FunctionEntry { try like($0, caseInsensitive: false, negated: false) },
        "notLike": FunctionEntry { try like($0, caseInsensitive: false, negated: true) },
        "ilike": FunctionEntry { try like($0, caseInsensitive: true, negated: false) },
        "notILike": FunctionEntry { try like($0, caseInsensitive: true, negated: true) },
    ]

    @inline(__always) static func asciiLower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    @inline(__always) static func asciiUpper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b - 32 : b }

    /// A one-argument string → string function, row by row.
    private static func map(_ call: FunctionCall, _ body: (ArraySlice<UInt8>, inout [UInt8]) -> Void) throws -> Column {
        try call.expectArguments(1)
        let s = StringArgument(call.arguments[0])
        var out = StringBuffer(capacity: call.count)
        var scratch: [UInt8] = []
        for i in 0..<call.count {
            scratch.removeAll(keepingCapacity: true)
            body(s.row(i), &scratch)
            out.append(scratch)
        }
        return out.column(call.resultType)
    }

    private static func trim(_ row: ArraySlice<UInt8>, left: Bool, right: Bool) -> ArraySlice<UInt8> {
        var r = row
        if left { r = r.drop { $0 == 32 } }
        if right {
            while let last = r.last, last == 32 { r = r.dropLast() }
        }
        return r
    }

    /// The arguments' text one after another.
    private static func concat(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1, Int.max)
        let parts = call.arguments.map(StringArgument.init)
        var out = StringBuffer(capacity: call.count)
        for i in 0..<call.count {
            for p in parts { out.extend(p.row(i)) }
            out.endRow()
        }
        return out.column(call.resultType)
    }

    /// `substring(s, offset[, length])`.
    private static func substring(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2, 3)
        let s = StringArgument(call.arguments[0])
        let offsets = call.arguments[1].int64Lane()
        let lengths = call.arguments.count == 3 ? call.arguments[2].int64Lane() : nil
        var out = StringBuffer(capacity: call.count)
        for i in 0..<call.count {
            let row = s.range(i)
            let n = Int64(row.count)
            let offset = offsets.at(i)
            var start: Int64
            if offset > 0 {
                start = offset - 1
            } else if offset < 0 {
                start = n + offset
            } else {
                out.append(EmptyCollection<UInt8>())
                continue
            }
            var end = n
            if let lengths {
                let length = lengths.at(i)
                end = length >= 0 ? start &+ length : n + length
            }
            start = min(max(start, 0), n)
            end = min(max(end, 0), n)
            if end <= start {
                out.append(EmptyCollection<UInt8>())
            } else {
                out.append(s.bytes[(row.lowerBound + Int(start))..<(row.lowerBound + Int(end))])
            }
        }
        return out.column(call.resultType)
    }

    /// `position(haystack, needle)`: 1-based byte position of the first occurrence, 0 if none.
    private static func position(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2)
        let hay = StringArgument(call.arguments[0])
        let needle = StringArgument(call.arguments[1])
        var out = [UInt64](repeating: 0, count: call.count)
        hay.bytes.withUnsafeBufferPointer { h in
            needle.bytes.withUnsafeBufferPointer { q in
                for i in 0..<call.count {
                    let (hr, nr) = (hay.range(i), needle.range(i))
                    if nr.isEmpty {
                        out[i] = 1
                    } else if let at = find(h, hr, q, nr) {
                        out[i] = UInt64(at - hr.lowerBound + 1)
                    }
                }
            }
        }
        return NumericKernels.column(uint64: out, type: call.resultType, nulls: nil)
    }

    /// The position of `q[nr]` in `h[hr]`, if present.
    private static func find(
        _ h: UnsafeBufferPointer<UInt8>, _ hr: Range<Int>, _ q: UnsafeBufferPointer<UInt8>, _ nr: Range<Int>
    ) -> Int? {
        guard !nr.isEmpty, hr.count >= nr.count else { return nr.isEmpty ? hr.lowerBound : nil }
        // Safe: the search reads only within the two row ranges of their buffers.
        let at = StringComparison.find(
            h.baseAddress! + hr.lowerBound, hr.count, q.baseAddress! + nr.lowerBound, nr.count)
        return at.map { $0 + hr.lowerBound }
    }

    /// startsWith / endsWith.
    private static func affix(_ call: FunctionCall, prefix: Bool) throws -> Column {
        try call.expectArguments(2)
        let s = StringArgument(call.arguments[0])
        let p = StringArgument(call.arguments[1])
        var out = [Int64](repeating: 0, count: call.count)
        for i in 0..<call.count {
            let (row, a) = (s.row(i), p.row(i))
            guard row.count >= a.count else { continue }
            let part = prefix ? row.prefix(a.count) : row.suffix(a.count)
            out[i] = part.elementsEqual(a) ? 1 : 0
        }
        return Column(type: call.resultType, data: .int64(out))
    }

    /// `replaceAll(haystack, pattern, replacement)`; an empty pattern changes nothing.
    private static func replaceAll(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(3)
        let hay = StringArgument(call.arguments[0])
        let pattern = StringArgument(call.arguments[1])
        let replacement = StringArgument(call.arguments[2])
        var out = StringBuffer(capacity: call.count)
        hay.bytes.withUnsafeBufferPointer { h in
            pattern.bytes.withUnsafeBufferPointer { q in
                for i in 0..<call.count {
                    var from = hay.range(i)
                    let pr = pattern.range(i)
                    while !pr.isEmpty, let at = find(h, from, q, pr) {
                        out.extend(hay.bytes[from.lowerBound..<at])
                        out.extend(replacement.row(i))
                        from = (at + pr.count)..<from.upperBound
                    }
                    out.extend(hay.bytes[from])
                    out.endRow()
                }
            }
        }
        return out.column(call.resultType)
    }

    /// like / notLike / ilike / notILike. A constant pattern compiles once.
    private static func like(_ call: FunctionCall, caseInsensitive: Bool, negated: Bool) throws -> Column {
        try call.expectArguments(2)
        var s = StringArgument(call.arguments[0])
        var p = StringArgument(call.arguments[1])
        if caseInsensitive {
            s = lowered(s, count: call.count)
            p = lowered(p, count: call.count)
        }
        let (hit, miss): (Int64, Int64) = negated ? (0, 1) : (1, 0)
        var out = [Int64](repeating: miss, count: call.count)
        var compiled: LikePattern? = p.isConstant ? try LikePattern(Array(p.row(0))) : nil
        try s.bytes.withUnsafeBufferPointer { b in
            for i in 0..<call.count where !call.isNull(i) {
                let pattern = try compiled ?? LikePattern(Array(p.row(i)))
                if p.isConstant { compiled = pattern }
                if pattern.matches(b, s.range(i)) { out[i] = hit }
            }
        }
        return Column(type: call.resultType, data: .int64(out))
    }

    /// A string argument in lower case (Unicode-aware, as ClickHouse's ILIKE).
    private static func lowered(_ s: StringArgument, count: Int) -> StringArgument {
        if !s.bytes.contains(where: { $0 >= 0x80 }) {
            let rows = s.isConstant ? 1 : count
            let column = Column(
                type: .string, data: .string(offsets: Array(s.offsets.prefix(rows + 1)), bytes: s.bytes.map(asciiLower))
            )
            return s.isConstant
                ? StringArgument(.constant(column.value(at: 0), .string)) : StringArgument(.column(column))
        }
        if s.isConstant {
            return StringArgument(.constant(.string(String(decoding: s.row(0), as: UTF8.self).lowercased()), .string))
        }
        var out = StringBuffer(capacity: count)
        for i in 0..<count { out.append(String(decoding: s.row(i), as: UTF8.self).lowercased().utf8) }
        return StringArgument(.column(out.column(.string)))
    }
}

extension Lane {
    /// The value for row `i`.
    @inline(__always)
    func at(_ i: Int) -> T {
        switch self {
        case .array(let a): return a[i]
        case .scalar(let s): return s
        }
    }
}
