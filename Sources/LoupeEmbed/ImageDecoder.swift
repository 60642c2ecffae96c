// Turns image file bytes into an `RGBImage`. The format is told from the leading bytes (JPEG or
// PNG); libjpeg-turbo and libpng do the decoding through the C shims, and this file converts
// their samples to RGB exactly as Pillow's `convert("RGB")` would: grey replicated, alpha
// dropped, Adobe-inverted CMYK and YCCK through Pillow's integer CMYK formula.

import CJPEG
import CPNG
import Foundation

/// Decodes JPEG and PNG images to 8-bit RGB.
public enum ImageDecoder {
    /// The formats the decoder reads.
    public enum Format: String, Sendable {
        case jpeg, png
    }

    /// The format of `data` judged from its signature, or nil when it is neither JPEG nor PNG.
    public static func format(of data: Data) -> Format? {
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// Decodes image bytes. `source` names the image in errors. When `applyOrientation` is true, a
    /// JPEG's EXIF orientation is applied so the image comes out upright.
    /// Throws `EmbedError.invalidImage` for anything that is not a readable JPEG or PNG.
    public static func decode(data: Data, source: String = "image", applyOrientation: Bool = true) throws -> RGBImage {
        switch format(of: data) {
        case .jpeg:
            return try decodeJPEG(data, source: source, applyOrientation: applyOrientation)
        case .png:
            return try decodePNG(data, source: source)
        case nil:
            throw EmbedError.invalidImage(source: source, reason: "not a JPEG or PNG file")
        }
    }

    /// Reads and decodes the image file at `path`.
    /// Throws `EmbedError.missingFile`, `.invalidFile` or `.invalidImage`.
    public static func decode(file path: String, applyOrientation: Bool = true) throws -> RGBImage {
        guard FileManager.default.fileExists(atPath: path) else { throw EmbedError.missingFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbedError.invalidFile(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data: data, source: path, applyOrientation: applyOrientation)
    }

    private static func decodeJPEG(_ data: Data, source: String, applyOrientation: Bool) throws -> RGBImage {
        try data.withUnsafeBytes { bytes in
            var image = loupe_jpeg_image()
            // `bytes` stays valid for the whole call; libjpeg reads at most `bytes.count` bytes.
            let ok = loupe_jpeg_decode(
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt(bytes.count), &image)
            defer { loupe_jpeg_free(&image) }
            guard ok == 1, let samples = image.pixels else {
                throw EmbedError.invalidImage(source: source, reason: message(of: &image.message))
            }
            let count = Int(image.width) * Int(image.height)
            // The shim allocated exactly width * height * components samples.
            let input = UnsafeBufferPointer(start: samples, count: count * Int(image.components))
            let rgb = toRGB(input, pixelCount: count, channels: Int(image.components), cmyk: image.components == 4)
            let decoded = RGBImage(uncheckedWidth: Int(image.width), height: Int(image.height), pixels: rgb)
            return applyOrientation ? decoded.applying(ImageOrientation.fromJPEG(bytes)) : decoded
        }
    }

    private static func decodePNG(_ data: Data, source: String) throws -> RGBImage {
        try data.withUnsafeBytes { bytes in
            var image = loupe_png_image()
            // `bytes` stays valid for the whole call; the shim's reader checks every read against its size.
            let ok = loupe_png_decode(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, &image)
            defer { loupe_png_free(&image) }
            guard ok == 1, let samples = image.pixels else {
                throw EmbedError.invalidImage(source: source, reason: message(of: &image.message))
            }
            let count = Int(image.width) * Int(image.height)
            // The shim allocated exactly width * height * channels bytes.
            let input = UnsafeBufferPointer(start: samples, count: count * Int(image.channels))
            let rgb = toRGB(input, pixelCount: count, channels: Int(image.channels), cmyk: false)
            return RGBImage(uncheckedWidth: Int(image.width), height: Int(image.height), pixels: rgb)
        }
    }

    /// Converts 1-4 channel samples to RGB: 1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA or
    /// (when `cmyk`) inverted CMYK as Adobe JPEGs store it.
    static func toRGB(_ input: UnsafeBufferPointer<UInt8>, pixelCount: Int, channels: Int, cmyk: Bool) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { out, initialized in
            switch channels {
            case 1, 2:
                for i in 0..<pixelCount {
                    let v = input[i * channels]
                    out[3 * i] = v
                    out[3 * i + 1] = v
                    out[3 * i + 2] = v
                }
            case 3:
                for i in 0..<pixelCount * 3 { out[i] = input[i] }
            default:
                for i in 0..<pixelCount {
                    if cmyk {
                        // Pillow reads Adobe CMYK as "CMYK;I" (inverted), then cmyk2rgb:
                        // nk = 255 - k; channel = nk - nk * c / 255 (rounded as MULDIV255).
                        let nk = Int(input[4 * i + 3])
                        for c in 0..<3 {
                            let product = Int(255 - input[4 * i + c]) * nk + 128
                            out[3 * i + c] = UInt8(clamping: nk - (((product >> 8) + product) >> 8))
                        }
                    } else {
                        out[3 * i] = input[4 * i]
                        out[3 * i + 1] = input[4 * i + 1]
                        out[3 * i + 2] = input[4 * i + 2]
                    }
                }
            }
            initialized = pixelCount * 3
        }
    }

    private static func message<T>(of tuple: inout T) -> String {
        // The C message buffer is a NUL-terminated char array stored inline in the struct.
        let text = withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "decoding failed" : text
    }
}
