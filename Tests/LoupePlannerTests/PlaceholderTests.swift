// LoupePlannerTests: replaced by the module's real tests.
import XCTest

final class LoupePlannerTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
