// CLIPImageProcessor against transformers: resize geometry, the uint8 crops bit for bit (PNG and
// JPEG input) and the normalised pixel tensors within 1e-6, for both fixture geometries.

import Foundation
import XCTest

@testable import LoupeEmbed

final class PreprocessingTests: XCTestCase {
    private func processor(_ variant: String) throws -> CLIPImageProcessor {
        try CLIPImageProcessor(contentsOf: Fixtures.path("clip-tiny/\(variant)/model/preprocessor_config.json"))
    }

    func testConfigIsRead() throws {
        let p = try processor("tiny-p16-64")
        XCTAssertEqual(p.shortestEdge, 64)
        XCTAssertEqual([p.cropWidth, p.cropHeight], [64, 64])
        XCTAssertEqual(p.filter, .bicubic)
        var full = try processor("tiny-p32-224")
        XCTAssertEqual(full.rescaleFactor, 1 / 255, accuracy: 1e-15)
        full.rescaleFactor = 1 / 255
        XCTAssertEqual(full, CLIPImageProcessor(size: 224))
    }

    func testResizeGeometry() throws {
        for variant in Fixtures.variants {
            let p = try processor(variant)
            for reference in try Fixtures.referenceImages(variant) {
                let name = try XCTUnwrap(reference["name"] as? String)
                let image = try Fixtures.image("clip-tiny/images/\(name)")
                let size = p.resizedSize(width: image.width, height: image.height)
                XCTAssertEqual(size.width, reference["resized_width"] as? Int, "\(variant) \(name)")
                XCTAssertEqual(size.height, reference["resized_height"] as? Int, "\(variant) \(name)")
            }
        }
        XCTAssertTrue(CLIPImageProcessor().resizedSize(width: 640, height: 427) == (335, 224))
    }

    func testCropsMatchBitForBit() throws {
        for variant in Fixtures.variants {
            let p = try processor(variant)
            for name in Fixtures.imageNames {
                let stem = name.split(separator: ".")[0]
                let crop = p.resizedAndCropped(try Fixtures.image("clip-tiny/images/\(name)"))
                let expected = try Fixtures.image("clip-tiny/\(variant)/crops/\(stem).crop.png")
                XCTAssertEqual([crop.width, crop.height], [expected.width, expected.height])
                let differing = zip(crop.pixels, expected.pixels).filter { $0 != $1 }.count
                XCTAssertEqual(differing, 0, "\(variant) \(name): \(differing) samples differ")
            }
        }
    }

    func testPixelValuesSmallGeometry() throws {
        let p = try processor("tiny-p16-64")
        let reference = try XCTUnwrap(
            Fixtures.json("clip-tiny/tiny-p16-64/pixel_values.json")["images"] as? [[String: Any]])
        for entry in reference {
            let name = try XCTUnwrap(entry["name"] as? String)
            let values = p.pixelValues(try Fixtures.image("clip-tiny/images/\(name)"))
            let expected = floats(entry["values"])
            XCTAssertEqual(values.count, 3 * 64 * 64)
            XCTAssertLessThanOrEqual(maxAbsDifference(values, expected), 1e-6, name)
        }
    }

    func testPixelValuesViTB32Geometry() throws {
        let p = try processor("tiny-p32-224")
        let file = try Fixtures.json("clip-tiny/tiny-p32-224/pixel_values.sampled.json")
        let step = try XCTUnwrap(file["step"] as? Int)
        for entry in try XCTUnwrap(file["images"] as? [[String: Any]]) {
            let name = try XCTUnwrap(entry["name"] as? String)
            let values = p.pixelValues(try Fixtures.image("clip-tiny/images/\(name)"))
            XCTAssertEqual(values.count, 3 * 224 * 224)
            let sampled = stride(from: 0, to: values.count, by: step).map { values[$0] }
            XCTAssertLessThanOrEqual(maxAbsDifference(sampled, floats(entry["values"])), 1e-6, name)
        }
    }

    func testUpscaleAndSmallImage() throws {
        let tiny = try RGBImage(width: 3, height: 2, pixels: (0..<18).map { UInt8($0 * 14) })
        let p = CLIPImageProcessor(size: 8)
        let crop = p.resizedAndCropped(tiny)
        XCTAssertEqual([crop.width, crop.height], [8, 8])
        XCTAssertEqual(p.pixelValues(tiny).count, 3 * 64)
    }
}
