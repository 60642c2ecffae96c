// LoupeTests: replaced by the module's real tests.
import XCTest

final class LoupeTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
