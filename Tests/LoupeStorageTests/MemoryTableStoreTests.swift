// The in-memory store's streaming appends: rows become visible together on commit, never on
// rollback.

import LoupeCore
import LoupeStorage
import XCTest

final class MemoryTableStoreTests: XCTestCase {
    private func batch(_ values: [Int64]) -> Batch {
        Batch(columns: [Column(type: .int64, data: .int64(values))], count: values.count)
    }

    func testAppenderCommitsAllBatchesAtOnce() throws {
        let store = MemoryTableStore(types: [.int64])
        let appender = try store.beginAppend()
        try appender.append(batch([1, 2]))
        try appender.append(batch([3]))
        XCTAssertEqual(store.rowCount, 0)
        XCTAssertEqual(try appender.commit(), 3)
        XCTAssertEqual(store.rowCount, 3)
        let scanned = try store.snapshot().scan(columns: [0]).next()
        XCTAssertEqual(scanned?.columns[0].value(at: 2), .int(3))
    }

    func testAppenderRollbackStoresNothing() throws {
        let store = MemoryTableStore(types: [.int64])
        let appender = try store.beginAppend()
        try appender.append(batch([1, 2]))
        appender.rollback()
        XCTAssertEqual(store.rowCount, 0)
    }
}
