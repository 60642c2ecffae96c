// LoupeEmbedTests: replaced by the module's real tests.
import XCTest

final class LoupeEmbedTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
