// The huge-page helpers change how memory is backed, never what it holds.

import LoupeCore
import XCTest

final class HugePagesTests: XCTestCase {
    func testFloatArrayHoldsWhatWasWritten() {
        for count in [0, 10, HugePages.minimumByteCount / 4 + 3] {
            let a = HugePages.floatArray(count: count) { buffer in
                for i in buffer.indices { buffer[i] = Float(i) }
            }
            XCTAssertEqual(a.count, count)
            XCTAssertTrue(a.enumerated().allSatisfy { $0.element == Float($0.offset) })
        }
    }

    func testAdviseAcceptsSmallAndUnalignedBuffers() {
        var bytes = [UInt8](repeating: 7, count: 100)
        bytes.withUnsafeMutableBytes { HugePages.advise(UnsafeMutableRawBufferPointer(rebasing: $0[1...])) }
        XCTAssertEqual(bytes, [UInt8](repeating: 7, count: 100))
    }
}
