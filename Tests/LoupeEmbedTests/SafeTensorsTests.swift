// The safetensors reader: round trips through the test writer in F32, F16 and BF16, the fixture
// checkpoints' headers, and every malformed file giving an error that names the file (and
// tensor), never a crash.

import Foundation
import XCTest

@testable import LoupeEmbed

final class SafeTensorsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testRoundTripAllFloatTypes() throws {
        let values: [Float] = [0, 1, -2.5, 0.1, 65504, -0.000061035156, 3.140625, 1e-3]
        var writer = SafeTensorsWriter()
        writer.add("a", shape: [2, 4], values: values)
        writer.add("b", shape: [8], values: values, dtype: "F16")
        writer.add("c", shape: [4, 2], values: values, dtype: "BF16")
        try writer.write(to: file("t.safetensors"))
        let reader = try SafeTensorsFile(path: file("t.safetensors"))
        XCTAssertEqual(reader.metadata["format"], "pt")
        XCTAssertEqual(try reader.floats("a", shape: [2, 4]), values)
        XCTAssertLessThanOrEqual(maxAbsDifference(try reader.floats("b", shape: [8]), values), 1e-3)
        let bf = try reader.floats("c", shape: [4, 2])
        for (x, y) in zip(bf, values) { XCTAssertEqual(x, y, accuracy: abs(y) / 128 + 1e-30) }
    }

    func testHalfConversionSpecialValues() {
        XCTAssertEqual(SafeTensorsFile.halfToFloat(0x3c00), 1)
        XCTAssertEqual(SafeTensorsFile.halfToFloat(0xc000), -2)
        XCTAssertEqual(SafeTensorsFile.halfToFloat(0x0001), Float(sign: .plus, exponent: -24, significand: 1))
        XCTAssertEqual(SafeTensorsFile.halfToFloat(0x7c00), .infinity)
        XCTAssertTrue(SafeTensorsFile.halfToFloat(0x7e00).isNaN)
        XCTAssertEqual(SafeTensorsFile.halfToFloat(0x8000).sign, .minus)
    }

    func testFixtureCheckpointHeader() throws {
        let reader = try SafeTensorsFile(path: Fixtures.path("clip-tiny/tiny-p32-224/model/model.safetensors"))
        let patch = try reader.info("vision_model.embeddings.patch_embedding.weight")
        XCTAssertEqual(patch.shape, [64, 3, 32, 32])
        XCTAssertEqual(patch.dtype, .f32)
        XCTAssertEqual(try reader.floats("visual_projection.weight").count, 16 * 64)
    }

    func testMissingAndMismatchedTensors() throws {
        var writer = SafeTensorsWriter()
        writer.add("x", shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        writer.entries.append(.init(name: "ids", dtype: "I64", shape: [1], bytes: [1, 0, 0, 0, 0, 0, 0, 0]))
        let path = file("m.safetensors")
        try writer.write(to: path)
        let reader = try SafeTensorsFile(path: path)
        XCTAssertThrowsError(try reader.floats("y")) {
            XCTAssertEqual($0 as? EmbedError, .missingTensor(file: path, tensor: "y"))
        }
        XCTAssertThrowsError(try reader.floats("x", shape: [3, 2])) {
            XCTAssertEqual(
                $0 as? EmbedError, .shapeMismatch(file: path, tensor: "x", expected: [3, 2], found: [2, 3]))
        }
        XCTAssertThrowsError(try reader.floats("ids")) {
            XCTAssertEqual($0 as? EmbedError, .unsupportedDType(file: path, tensor: "ids", dtype: "I64"))
        }
    }

    func testMalformedFiles() throws {
        var good = SafeTensorsWriter()
        good.add("x", shape: [4], values: [1, 2, 3, 4])
        let valid = good.data()
        var wrongSize = SafeTensorsWriter()
        wrongSize.entries.append(.init(name: "x", dtype: "F32", shape: [5], bytes: [UInt8](repeating: 0, count: 16)))
        let cases: [(String, Data)] = [
            ("empty", Data()),
            ("short", Data([1, 2, 3])),
            ("huge header length", Data([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]) + Data(count: 16)),
            ("header not json", Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("nonsense".utf8)),
            ("truncated data", valid.prefix(valid.count - 4)),
            ("size disagrees with shape", wrongSize.data()),
        ]
        for (label, data) in cases {
            let path = file("\(label).safetensors")
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try SafeTensorsFile(path: path), label) { error in
                guard case EmbedError.invalidFile(let where_, _) = error else { return XCTFail("\(label): \(error)") }
                XCTAssertEqual(where_, path)
            }
        }
        XCTAssertThrowsError(try SafeTensorsFile(path: file("absent.safetensors"))) {
            XCTAssertEqual($0 as? EmbedError, .missingFile(path: self.file("absent.safetensors")))
        }
    }
}
