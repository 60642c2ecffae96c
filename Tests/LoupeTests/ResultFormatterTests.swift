// Output formats, pinned against what clickhouse-client prints for the same values.

import Loupe
import XCTest

final class ResultFormatterTests: XCTestCase {
    let names = ["id", "name", "v", "n"]
    let types: [DataType] = [.uint64, .string, .array(.float32), .nullable(.float64)]
    let rows: [[Value]] = [
        [.uint(1), .string("a\tb"), .vector([1.5, 0.1]), .float(0.5)],
        [.uint(2), .string("say \"hi\""), .vector([]), .null],
    ]

    func text(_ format: OutputFormat) -> String {
        ResultFormatter(format: format).format(names: names, types: types, rows: rows)
    }

    func testTSV() {
        XCTAssertEqual(text(.tsv), "1\ta\\tb\t[1.5,0.1]\t0.5\n2\tsay \"hi\"\t[]\t\\N\n")
        XCTAssertEqual(text(.tsvWithNames).split(separator: "\n").first, "id\tname\tv\tn")
    }

    func testCSV() {
        XCTAssertEqual(text(.csv), "1,\"a\tb\",\"[1.5,0.1]\",0.5\n2,\"say \"\"hi\"\"\",\"[]\",\\N\n")
    }

    func testJSONEachRow() {
        XCTAssertEqual(
            text(.jsonEachRow),
            "{\"id\":1,\"name\":\"a\\tb\",\"v\":[1.5,0.1],\"n\":0.5}\n{\"id\":2,\"name\":\"say \\\"hi\\\"\",\"v\":[],\"n\":null}\n")
    }

    func testPrettyAndVertical() {
        let pretty = text(.prettyCompact)
        XCTAssertTrue(pretty.hasPrefix("┌─id─┬─name"), pretty)
        XCTAssertTrue(pretty.contains("ᴺᵁᴸᴸ"))
        let vertical = text(.vertical)
        XCTAssertTrue(vertical.hasPrefix("Row 1:\n──────\nid:   1\n"), vertical)
    }

    func testFormatNames() {
        XCTAssertEqual(OutputFormat(name: "jsoneachrow"), .jsonEachRow)
        XCTAssertEqual(OutputFormat(name: "TabSeparated"), .tsv)
        XCTAssertNil(OutputFormat(name: "XML"))
    }

    func testBatchBytesMatchTheRowFormatter() throws {
        let db = Database.inMemory()
        try db.execute(
            """
            CREATE TABLE t (i Int8, u UInt64, f Float32, d Float64, s String, n Nullable(Float32), b Bool,
                day Date, at DateTime, v Array(Float32), w Array(String), fs FixedString(2)) ORDER BY i
            """)
        try db.execute(
            #"""
            INSERT INTO t VALUES
                (-3, 18446744073709551615, 1.5e-7, -0.0, 'tab\there "q" \\ \'x\'', NULL, true, '2024-01-02',
                 '2024-01-02 03:04:05', [1e-45, -0.0, 3.4e38, 0.1], ['a', 'b\'c'], 'ab'),
                (7, 0, 123456789, 1e300, '', 2.5, false, '1970-01-01', 0, [], [], 'x'),
                (8, 1, inf, nan, 'caf\xC3\xA9', -inf, true, '2100-01-01', 1, [nan, inf], ['"'], '')
            """#)
        let result = try db.query("SELECT * FROM t ORDER BY i")
        let names = result.columns.names
        let types = result.columns.types
        guard let batch = try result.nextBatch() else { return XCTFail("no rows") }
        let rows = (0..<batch.count).map { batch.row($0) }
        for format in [OutputFormat.tsv, .tsvWithNames, .csv, .csvWithNames, .jsonEachRow, .prettyCompact] {
            let formatter = ResultFormatter(format: format)
            var bytes: [UInt8] = []
            formatter.write(batch: batch, names: names, types: types, header: true, into: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), formatter.format(names: names, types: types, rows: rows), "\(format)")
        }
    }
}
