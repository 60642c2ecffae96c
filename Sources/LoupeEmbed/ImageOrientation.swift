// EXIF orientation: the tag a camera writes instead of rotating the pixels. This file finds the
// tag in a JPEG's APP1 segment and applies it the way Pillow's `ImageOps.exif_transpose` does,
// so a portrait photo taken sideways is embedded upright.

/// The eight EXIF orientations (tag 0x0112), by their numeric value.
public enum ImageOrientation: Int, Sendable {
    case up = 1
    case upMirrored, down, downMirrored, leftMirrored, right, rightMirrored, left

    /// The orientation stored in a JPEG's EXIF block, or `.up` when there is none or it is
    /// unreadable (a broken EXIF block never fails the decode).
    static func fromJPEG(_ bytes: UnsafeRawBufferPointer) -> ImageOrientation {
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return .up }
            let marker = bytes[offset + 1]
            if marker == 0xFF {
                offset += 1
                continue
            }
            if marker == 0xDA || marker == 0xD9 { return .up }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return .up }
            let start = offset + 4
            if marker == 0xE1, length >= 8, Array(bytes[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] {
                return fromTIFF(UnsafeRawBufferPointer(rebasing: bytes[(start + 6)..<(offset + 2 + length)]))
            }
            offset += 2 + length
        }
        return .up
    }

    private static func fromTIFF(_ tiff: UnsafeRawBufferPointer) -> ImageOrientation {
        guard tiff.count >= 8 else { return .up }
        let little = tiff[0] == 0x49 && tiff[1] == 0x49
        guard little || (tiff[0] == 0x4D && tiff[1] == 0x4D) else { return .up }
        func u16(_ at: Int) -> Int {
            little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int { little ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2) }
        let ifd = u32(4)
        guard ifd >= 8, ifd + 2 <= tiff.count else { return .up }
        let entries = u16(ifd)
        for entry in 0..<entries {
            let at = ifd + 2 + entry * 12
            guard at + 12 <= tiff.count else { return .up }
            if u16(at) == 0x0112 {
                return ImageOrientation(rawValue: u16(at + 8)) ?? .up
            }
        }
        return .up
    }
}

extension RGBImage {
    /// The image turned upright according to `orientation` (Pillow's `exif_transpose`).
    public func applying(_ orientation: ImageOrientation) -> RGBImage {
        if orientation == .up { return self }
        let swaps = [.leftMirrored, .right, .rightMirrored, .left].contains(orientation)
        let outWidth = swaps ? height : width
        let outHeight = swaps ? width : height
        var out = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let (sx, sy): (Int, Int)
                switch orientation {
                case .up: (sx, sy) = (x, y)
                case .upMirrored: (sx, sy) = (width - 1 - x, y)
                case .down: (sx, sy) = (width - 1 - x, height - 1 - y)
                case .downMirrored: (sx, sy) = (x, height - 1 - y)
                case .leftMirrored: (sx, sy) = (y, x)
                case .right: (sx, sy) = (y, height - 1 - x)
                case .rightMirrored: (sx, sy) = (width - 1 - y, height - 1 - x)
                case .left: (sx, sy) = (width - 1 - y, x)
                }
                let target = (y * outWidth + x) * 3
                let source = (sy * width + sx) * 3
                out[target] = pixels[source]
                out[target + 1] = pixels[source + 1]
                out[target + 2] = pixels[source + 2]
            }
        }
        return RGBImage(uncheckedWidth: outWidth, height: outHeight, pixels: out)
    }
}
