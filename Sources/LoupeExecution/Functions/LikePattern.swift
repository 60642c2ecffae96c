// A compiled LIKE pattern. `%` matches any run of bytes, `_` one UTF-8 character, and `\%`,
// `\_`, `\\` the character itself (another `\x` is a literal backslash then x; a trailing `\` is
// an error, as in ClickHouse). Common shapes get direct tests — exact, prefix (`abc%`), suffix
// (`%abc`), contains (`%abc%`) — and the rest is matched segment by segment between `%`s.

import Foundation
import LoupeCore

/// A LIKE pattern compiled once per batch.
struct LikePattern {
    /// One position of a segment: a literal byte or `_`.
    private enum Item: Equatable {
        case byte(UInt8)
        case anyCharacter
    }

    private enum Shape {
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case contains([UInt8])
        case everything
        /// Segments between `%`s; `anchoredStart`/`anchoredEnd` when the pattern does not begin or
        /// end with `%`.
        case general(segments: [[Item]], anchoredStart: Bool, anchoredEnd: Bool)
    }

    private let shape: Shape

    /// Compiles `pattern` (its bytes).
    init(_ pattern: [UInt8]) throws {
        var segments: [[Item]] = [[]]
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if c == UInt8(ascii: "\\") {
                guard i + 1 < pattern.count else {
                    throw LoupeError(
                        .runtime,
                        "invalid escape sequence at the end of LIKE pattern '\(String(decoding: pattern, as: UTF8.self))'"
                    )
                }
                let next = pattern[i + 1]
                if next == UInt8(ascii: "%") || next == UInt8(ascii: "_") || next == UInt8(ascii: "\\") {
                    segments[segments.count - 1].append(.byte(next))
                } else {
                    segments[segments.count - 1].append(.byte(c))
                    segments[segments.count - 1].append(.byte(next))
                }
                i += 2
                continue
            }
            if c == UInt8(ascii: "%") {
                segments.append([])
            } else if c == UInt8(ascii: "_") {
                segments[segments.count - 1].append(.anyCharacter)
            } else {
                segments[segments.count - 1].append(.byte(c))
            }
            i += 1
        }
        let anchoredStart = !segments[0].isEmpty || segments.count == 1
        let anchoredEnd = !segments[segments.count - 1].isEmpty || segments.count == 1
        let nonEmpty = segments.filter { !$0.isEmpty }
        let literal = nonEmpty.allSatisfy { $0.allSatisfy { $0 != .anyCharacter } }
        func bytes(_ s: [Item]) -> [UInt8] { s.map { if case .byte(let b) = $0 { b } else { 0 } } }
        if nonEmpty.isEmpty {
            shape = segments.count == 1 ? .exact([]) : .everything
        } else if literal && nonEmpty.count == 1 {
            let b = bytes(nonEmpty[0])
            switch (anchoredStart, anchoredEnd) {
            case (true, true):
                shape =
                    segments.count == 1
                    ? .exact(b) : .general(segments: nonEmpty, anchoredStart: true, anchoredEnd: true)
            case (true, false): shape = .prefix(b)
            case (false, true): shape = .suffix(b)
            case (false, false): shape = .contains(b)
            }
        } else {
            shape = .general(segments: nonEmpty, anchoredStart: anchoredStart, anchoredEnd: anchoredEnd)
        }
    }

    /// True when the bytes `s[range]` match.
    func matches(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let n = range.count
        let start = range.lowerBound
        switch shape {
        case .everything:
            return true
        case .exact(let p):
            return n == p.count && equal(s, start, p)
        case .prefix(let p):
            return n >= p.count && equal(s, start, p)
        case .suffix(let p):
            return n >= p.count && equal(s, range.upperBound - p.count, p)
        case .contains(let p):
            return find(p, in: s, range) != nil
        case .general(let segments, let anchoredStart, let anchoredEnd):
            var pos = start
            for (k, segment) in segments.enumerated() {
                let isFirst = k == 0
                let isLast = k == segments.count - 1
                if isLast && anchoredEnd && !(isFirst && anchoredStart) {
                    // The last segment must end the string: try it at every start from the end.
                    return (pos...range.upperBound).reversed().contains { matchEnd(segment, s, $0, range.upperBound) }
                }
                if isFirst && anchoredStart {
                    guard let end = matchAt(segment, s, pos, range.upperBound) else { return false }
                    if isLast && anchoredEnd { return end == range.upperBound }
                    pos = end
                } else {
                    var found: Int? = nil
                    var at = pos
                    while at <= range.upperBound {
                        if let end = matchAt(segment, s, at, range.upperBound) {
                            found = end
                            break
                        }
                        at += 1
                    }
                    guard let end = found else { return false }
                    pos = end
                }
            }
            return true
        }
    }

    /// True when `p` equals the bytes at `s[start...]` (the caller checked the length).
    @inline(__always)
    private func equal(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ p: [UInt8]) -> Bool {
        if p.isEmpty { return true }
        // Safe: the caller ensured start + p.count is within the row, inside `s`.
        return p.withUnsafeBufferPointer { memcmp(s.baseAddress! + start, $0.baseAddress!, p.count) == 0 }
    }

    /// The first position of `p` in `s[range]`.
    private func find(_ p: [UInt8], in s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        if p.isEmpty { return range.lowerBound }
        if range.count < p.count { return nil }
        // Safe: the search reads only within the row's range and the pattern.
        return p.withUnsafeBufferPointer { q in
            StringComparison.find(s.baseAddress! + range.lowerBound, range.count, q.baseAddress!, p.count).map {
                $0 + range.lowerBound
            }
        }
    }

    /// The end of a match of `segment` starting at `at`, or nil.
    private func matchAt(_ segment: [Item], _ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ limit: Int) -> Int? {
        var pos = at
        for item in segment {
            guard pos < limit else { return nil }
            switch item {
            case .byte(let b):
                guard s[pos] == b else { return nil }
                pos += 1
            case .anyCharacter:
                pos += 1
                while pos < limit, s[pos] & 0xC0 == 0x80 { pos += 1 }
            }
        }
        return pos
    }

    /// True when `segment` matches from `at` exactly to `end`.
    private func matchEnd(_ segment: [Item], _ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int) -> Bool {
        matchAt(segment, s, at, end) == end
    }
}
