// Helpers shared by the disk-store tests: scratch directories, reading every row of a store, and
// batches of a few common shapes.

import Foundation
import LoupeCore
import LoupeStorage
import XCTest

/// A fresh directory under the system's temporary directory, removed with the object.
final class ScratchDirectory {
    let path: String

    init(_ name: String = #function) {
        let base = NSTemporaryDirectory() + "loupe-storage-\(name.filter { $0.isLetter || $0.isNumber })-XXXXXX"
        var template = Array(base.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension TableSnapshot {
    /// Every row, as values, in scan order.
    func allRows(columns: [Int]) throws -> [[Value]] {
        var rows: [[Value]] = []
        let cursor = scan(columns: columns)
        while let batch = try cursor.next() {
            for i in 0..<batch.count { rows.append(batch.row(i)) }
        }
        return rows
    }
}

extension TableStore {
    /// Every row of the first `columnCount` columns.
    func allRows(_ columnCount: Int) throws -> [[Value]] {
        try snapshot().allRows(columns: Array(0..<columnCount))
    }
}

/// A batch of an Int64 column and a String column: rows `range`, the string "row <i>".
func numberedBatch(_ range: Range<Int>) -> Batch {
    let ids = Column(type: .int64, data: .int64(range.map(Int64.init)))
    let names = Column(type: .string, values: range.map { .string("row \($0)") })
    return Batch(columns: [ids, names], count: range.count)
}

/// The rows `numberedBatch(range)` holds.
func numberedRows(_ range: Range<Int>) -> [[Value]] {
    range.map { [.int(Int64($0)), .string("row \($0)")] }
}

let numberedTypes: [DataType] = [.int64, .string]

/// Asserts that `body` throws a `LoupeError` of one of `kinds`, and returns it.
@discardableResult
func assertLoupeError(
    _ kinds: Set<LoupeError.Kind>, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
) -> LoupeError? {
    do {
        try body()
        XCTFail("expected a \(kinds) error", file: file, line: line)
    } catch let error as LoupeError {
        XCTAssertTrue(kinds.contains(error.kind), "unexpected \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
    return nil
}
