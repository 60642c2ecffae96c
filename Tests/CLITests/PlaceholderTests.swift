// CLITests: replaced by the module's real tests.
import XCTest

final class CLITestsPlaceholder: XCTestCase {
    func testBuilds() {}
}
