// CRC32C against the standard check values (RFC 3720 appendix B.4 and the "123456789" check),
// the hardware path against the table path, and continuation.

import LoupeCore
import LoupeTestSupport
import XCTest

final class CRC32CTests: XCTestCase {
    private let vectors: [([UInt8], UInt32)] = [
        (Array("123456789".utf8), 0xE306_9283),
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        (Array(0..<32), 0x46DD_794E),
        (Array((0..<32).reversed()), 0x113F_DB5C),
        ([], 0),
    ]

    func testStandardVectors() {
        for (bytes, expected) in vectors {
            XCTAssertEqual(CRC32C.checksum(bytes), expected, "\(bytes)")
            XCTAssertEqual(bytes.withUnsafeBytes { CRC32C.software($0) }, expected, "\(bytes)")
            if let hardware = bytes.withUnsafeBytes({ CRC32C.hardware($0) }) {
                XCTAssertEqual(hardware, expected, "\(bytes)")
            }
        }
    }

    func testHardwareMatchesSoftwareAtEveryLengthAndAlignment() throws {
        try XCTSkipUnless(CRC32C.hardwareAvailable, "no CRC32C instruction on this CPU")
        var rng = SeededGenerator(seed: 32)
        let data = (0..<1100).map { _ in UInt8.random(in: 0...255, using: &rng) }
        data.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in stride(from: 0, to: 1000, by: 7) {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    XCTAssertEqual(CRC32C.hardware(slice), CRC32C.software(slice), "start \(start) length \(length)")
                }
            }
        }
    }

    func testContinuationEqualsOnePass() {
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        for split in 0...bytes.count {
            let first = CRC32C.checksum(Array(bytes[..<split]))
            XCTAssertEqual(CRC32C.checksum(Array(bytes[split...]), continuing: first), CRC32C.checksum(bytes))
            let software = bytes.withUnsafeBytes { all in
                CRC32C.software(
                    UnsafeRawBufferPointer(rebasing: all[split...]),
                    continuing: CRC32C.software(UnsafeRawBufferPointer(rebasing: all[..<split])))
            }
            XCTAssertEqual(software, CRC32C.checksum(bytes))
        }
    }
}
