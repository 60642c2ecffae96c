// Decoding against Pillow: the fixture photos' decoded RGB hashes, the JPEGs against their
// lossless `*.decoded.png`, every PNG colour type and JPEG colour space and EXIF orientation
// against Pillow's `convert("RGB")`, and bad input that must throw rather than crash.

import Foundation
import XCTest

@testable import LoupeEmbed

final class ImageDecoderTests: XCTestCase {
    private let hashes = [
        "chelsea.png": "416b729128bfb2c3d1eb69bf9b1734a796293abc17939267b2dc94f8a5784031",
        "rocket.jpg": "3d4435cc745752b7f9724df88c6e18817de3ce7e3d2d71c55f85f7831e68f197",
        "grace_hopper.jpg": "f7f982de68dd296af67ee51b2a95a2e5658f7bf064c6536520b66bae8d01fc34",
    ]

    func testDecodedPixelsMatchPillowHashes() throws {
        for (name, hash) in hashes {
            let image = try Fixtures.image("clip-tiny/images/\(name)")
            XCTAssertEqual(sha256Hex(image.pixels), hash, name)
        }
        let chelsea = try Fixtures.image("clip-tiny/images/chelsea.png")
        XCTAssertEqual([chelsea.width, chelsea.height], [451, 300])
    }

    func testJPEGDecodeMatchesDecodedPNG() throws {
        for name in ["rocket", "grace_hopper"] {
            let jpeg = try Fixtures.image("clip-tiny/images/\(name).jpg")
            let png = try Fixtures.image("clip-tiny/images/\(name).decoded.png")
            XCTAssertEqual(jpeg.width, png.width, name)
            XCTAssertEqual(jpeg.height, png.height, name)
            let differing = zip(jpeg.pixels, png.pixels).filter { $0 != $1 }.count
            XCTAssertEqual(differing, 0, "\(name): \(differing) samples differ from Pillow's decode")
        }
    }

    /// Every colour type matches Pillow, except 16-bit grey (high byte kept, see decision 0600).
    func testColourTypesMatchPillow() throws {
        let names = [
            "grey8.png", "grey_alpha.png", "rgba.png", "palette.png", "palette_trns.png", "bilevel.png", "grey4.png",
            "rgb16.png", "rgba16.png", "grey16.png", "grey.jpg", "cmyk.jpg", "progressive.jpg", "subsampled422.jpg",
            "orient3.jpg", "orient6.jpg", "orient8.jpg",
        ]
        for name in names {
            let decoded = try Fixtures.image("formats/\(name)")
            let stem = name.split(separator: ".")[0]
            let expected = try Fixtures.image("formats/\(stem).rgb.png")
            XCTAssertEqual(decoded.width, expected.width, name)
            XCTAssertEqual(decoded.height, expected.height, name)
            XCTAssertEqual(decoded.pixels, expected.pixels, name)
        }
    }

    func testOrientationCanBeIgnored() throws {
        let raw = try ImageDecoder.decode(file: Fixtures.path("formats/orient6.jpg"), applyOrientation: false)
        XCTAssertEqual([raw.width, raw.height], [23, 17])
        let upright = try Fixtures.image("formats/orient6.jpg")
        XCTAssertEqual([upright.width, upright.height], [17, 23])
    }

    func testGarbageBytesThrow() throws {
        let cases: [(String, Data)] = [
            ("empty", Data()),
            ("text", Data("hello, this is not an image".utf8)),
            ("jpeg signature only", Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])),
            ("png signature only", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
            (
                "png with random body",
                Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<500).map { UInt8($0 * 37 % 256) })
            ),
            ("jpeg with random body", Data([0xFF, 0xD8, 0xFF] + (0..<500).map { UInt8($0 * 53 % 256) })),
        ]
        for (label, data) in cases {
            XCTAssertThrowsError(try ImageDecoder.decode(data: data, source: label), label) { error in
                guard case EmbedError.invalidImage(let source, _) = error else {
                    return XCTFail("\(label): unexpected \(error)")
                }
                XCTAssertEqual(source, label)
            }
        }
    }

    func testTruncatedPNGThrows() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("clip-tiny/images/chelsea.png")))
        XCTAssertThrowsError(try ImageDecoder.decode(data: data.prefix(data.count / 2), source: "half.png"))
    }

    func testTruncatedJPEGDoesNotCrash() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("clip-tiny/images/rocket.jpg")))
        for fraction in [2, 10, 100] {
            _ = try? ImageDecoder.decode(data: data.prefix(data.count / fraction), source: "part.jpg")
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ImageDecoder.decode(file: "/nonexistent/image.jpg")) { error in
            XCTAssertEqual(error as? EmbedError, .missingFile(path: "/nonexistent/image.jpg"))
        }
    }
}
