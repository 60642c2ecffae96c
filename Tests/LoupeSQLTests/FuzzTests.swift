// Mutation fuzzing: corpus statements (grammar examples, the sqllogictest corpus) are damaged by
// seeded random edits — bytes and tokens deleted, inserted, swapped, duplicated, the text
// truncated — and fed to the parser. Each must parse or throw a syntax error located inside the
// text; whatever parses must also survive a print/reparse round trip. Nothing may crash.

import LoupeTestSupport
import LoupeCore
import XCTest

@testable import LoupeSQL

final class FuzzTests: XCTestCase {
    static let interestingBytes: [UInt8] =
        Array("'\"`()[]{},;.:?-+*/%|=<>!\\ \n\t0123456789aeEx_".utf8) + [0, 0xE6, 0x97, 0xA5, 0xFF]
    static let interestingTokens = [
        "SELECT", "FROM", "WHERE", "(", ")", "[", "]", ",", "AS", "NOT", "IN", "BETWEEN", "AND", "OR", "CASE", "END",
        "JOIN", "ON", "USING", "UNION ALL", "LIMIT", "OFFSET", "BY", "ORDER", "GROUP", "->", "::", "?", "{x:UInt8}",
        "-", "'s'", "1e-3", "NULL", "VECTOR INDEX", "TYPE", "MSTG", "INTERVAL", "inf", "/*", "*/", "--", ";", "\n",
        "CAST(", "EXISTS", "FORMAT", "VALUES", "SETTINGS", "WITH", "DISTINCT", "*", ".", "1", "x",
    ]

    func testMutatedCorpusNeverCrashes() throws {
        var corpus = Corpus.grammarExamples().values.flatMap { $0 }.map(\.sql)
        corpus += Corpus.logicTestStatements().ok.map(\.sql)
        corpus += Corpus.logicTestStatements().error.map(\.sql)
        XCTAssertGreaterThan(corpus.count, 50)
        var rng = SeededGenerator(seed: 0xF022)
        var parsed = 0
        for i in 0..<6000 {
            var bytes = Array(rng.pick(corpus).utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) { mutate(&bytes, &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let statements = try Parser.parseScript(text)
                parsed += 1
                for statement in statements {
                    let printed = SQLPrinter.sql(statement)
                    guard let reparsed = try? Parser.parseStatement(printed), reparsed == statement else {
                        return XCTFail("case \(i): round trip failed\n\(text)\n->\n\(printed)")
                    }
                }
            } catch {
                guard error.kind == .syntax, let range = error.range else {
                    return XCTFail("case \(i): unlocated error \(error)\n\(text)")
                }
                let size = text.utf8.count
                XCTAssertTrue(
                    range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= size,
                    "case \(i): range \(range.start.offset)..<\(range.end.offset) outside 0..<\(size)")
                XCTAssertGreaterThanOrEqual(range.start.line, 1)
                XCTAssertGreaterThanOrEqual(range.start.column, 1)
            }
        }
        // Some mutations are harmless; make sure the run exercised both outcomes.
        XCTAssertGreaterThan(parsed, 100)
    }

    private func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
        let n = bytes.count
        let at = Int.random(in: 0...n, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0 where n > 0:
            let end = min(n, at + Int.random(in: 1...5, using: &rng))
            bytes.removeSubrange(min(at, end)..<end)
        case 1:
            bytes.insert(rng.pick(Self.interestingBytes), at: at)
        case 2 where n > 1:
            bytes.swapAt(Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng))
        case 3:
            bytes.removeSubrange(at..<n)
        case 4 where n > 0:
            let start = Int.random(in: 0..<n, using: &rng)
            let slice = bytes[start..<min(n, start + Int.random(in: 1...20, using: &rng))]
            bytes.insert(contentsOf: slice, at: at)
        case 5:
            bytes.insert(contentsOf: Array((" " + rng.pick(Self.interestingTokens) + " ").utf8), at: at)
        default:
            // Token-level edit: delete, duplicate or swap whole tokens (offsets are into the
            // repaired UTF-8, so repair first).
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            guard let tokens = try? Lexer.tokenize(String(decoding: bytes, as: UTF8.self)), tokens.count > 2 else {
                return
            }
            let a = tokens[Int.random(in: 0..<tokens.count - 1, using: &rng)].range
            let b = tokens[Int.random(in: 0..<tokens.count - 1, using: &rng)].range
            let aBytes = Array(bytes[a.start.offset..<a.end.offset])
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes.removeSubrange(a.start.offset..<a.end.offset)
            case 1: bytes.insert(contentsOf: aBytes + [0x20], at: a.start.offset)
            default:
                guard a.end.offset <= b.start.offset else { return }
                let bBytes = Array(bytes[b.start.offset..<b.end.offset])
                bytes.replaceSubrange(b.start.offset..<b.end.offset, with: aBytes)
                bytes.replaceSubrange(a.start.offset..<a.end.offset, with: bBytes)
            }
        }
    }
}
