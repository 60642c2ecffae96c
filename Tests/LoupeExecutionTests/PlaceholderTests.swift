// LoupeExecutionTests: replaced by the module's real tests.
import XCTest

final class LoupeExecutionTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
