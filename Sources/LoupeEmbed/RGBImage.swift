// The decoded image type that flows from the decoders into preprocessing: 8-bit RGB, interleaved,
// rows top to bottom. Every decoder converts to it (grey is replicated, alpha dropped, CMYK
// converted) the way Pillow's `convert("RGB")` does.

/// An 8-bit RGB image stored row by row, three bytes per pixel.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 3` bytes: R, G, B for each pixel, rows top to bottom.
    public var pixels: [UInt8]

    /// Wraps interleaved RGB bytes. Throws `EmbedError.invalidInput` when the count is wrong.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, pixels.count == width * height * 3 else {
            let needed = max(width, 0) * max(height, 0) * 3
            throw EmbedError.invalidInput(
                reason: "RGB image of \(width)x\(height) needs \(needed) bytes, got \(pixels.count)")
        }
        self.init(uncheckedWidth: width, height: height, pixels: pixels)
    }

    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The (R, G, B) value at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The sub-image of `cropWidth` x `cropHeight` starting at (`left`, `top`); parts outside the
    /// image are black (as CLIPImageProcessor pads an image smaller than the crop).
    public func cropped(left: Int, top: Int, width cropWidth: Int, height cropHeight: Int) -> RGBImage {
        var out = [UInt8](repeating: 0, count: cropWidth * cropHeight * 3)
        let x0 = max(left, 0)
        let x1 = min(left + cropWidth, width)
        if x1 > x0 {
            for y in max(top, 0)..<min(top + cropHeight, height) {
                let source = (y * width + x0) * 3
                let target = ((y - top) * cropWidth + (x0 - left)) * 3
                out[target..<target + (x1 - x0) * 3] = pixels[source..<source + (x1 - x0) * 3]
            }
        }
        return RGBImage(uncheckedWidth: cropWidth, height: cropHeight, pixels: out)
    }
}
