// LoupeSQLTests: replaced by the module's real tests.
import XCTest

final class LoupeSQLTestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
