// LoupeVectorTests: replaced by the module's real tests.
import XCTest

final class LoupeVectorTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
