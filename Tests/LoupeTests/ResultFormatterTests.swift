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
}
