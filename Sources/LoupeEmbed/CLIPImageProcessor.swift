// CLIPImageProcessor's preprocessing, read from `preprocessor_config.json`: resize so the
// shortest side matches (Pillow's resampler, bit for bit), center crop, rescale by 1/255 and
// normalise per channel, giving the channels-first float tensor the vision tower takes.

import Foundation

/// Turns decoded images into the pixel tensors a CLIP vision tower expects.
public struct CLIPImageProcessor: Sendable, Equatable {
    /// Whether to resize before cropping.
    public var doResize: Bool
    /// The target of the shortest side when `resizeSize` is nil.
    public var shortestEdge: Int
    /// A fixed (width, height) to resize to instead of keeping the aspect ratio.
    public var resizeSize: (width: Int, height: Int)? {
        get { fixedSize.map { ($0[0], $0[1]) } }
        set { fixedSize = newValue.map { [$0.width, $0.height] } }
    }
    private var fixedSize: [Int]?
    /// The resampling filter (`resample` in the config; 3 is bicubic).
    public var filter: ResampleFilter
    /// Whether to center crop.
    public var doCenterCrop: Bool
    /// Crop width in pixels.
    public var cropWidth: Int
    /// Crop height in pixels.
    public var cropHeight: Int
    /// Whether to multiply by `rescaleFactor`.
    public var doRescale: Bool
    /// The rescale factor, 1/255 by default.
    public var rescaleFactor: Double
    /// Whether to subtract `mean` and divide by `std`.
    public var doNormalize: Bool
    /// Per-channel (R, G, B) means.
    public var mean: [Double]
    /// Per-channel (R, G, B) standard deviations.
    public var std: [Double]

    /// The OpenAI CLIP settings at `size` (224 for ViT-B/32).
    public init(size: Int = 224) {
        doResize = true
        shortestEdge = size
        fixedSize = nil
        filter = .bicubic
        doCenterCrop = true
        cropWidth = size
        cropHeight = size
        doRescale = true
        rescaleFactor = 1 / 255
        doNormalize = true
        mean = [0.48145466, 0.4578275, 0.40821073]
        std = [0.26862954, 0.26130258, 0.27577711]
    }

    /// Reads `preprocessor_config.json` at `path`. Both the current layout (`size:
    /// {shortest_edge}`, `crop_size: {height, width}`) and the older one (plain integers) are read.
    /// Throws `EmbedError.missingFile`, `.invalidFile` or `.invalidConfig`.
    public init(contentsOf path: String) throws {
        let file = try JSONConfigFile(path: path)
        self.init()
        doResize = try file.bool("do_resize", default: true)
        if let size = file.child("size") {
            if size.object["shortest_edge"] != nil {
                shortestEdge = try size.positiveInt("shortest_edge", default: 224)
            } else {
                fixedSize = [try size.positiveInt("width", default: 224), try size.positiveInt("height", default: 224)]
            }
        } else {
            shortestEdge = try file.positiveInt("size", default: 224)
        }
        let resample = try file.int("resample", default: 3)
        guard let filter = ResampleFilter(rawValue: resample) else {
            throw EmbedError.invalidConfig(
                file: path, key: "resample", reason: "(\(resample)) is not 2 (bilinear) or 3 (bicubic)")
        }
        self.filter = filter
        doCenterCrop = try file.bool("do_center_crop", default: true)
        if let crop = file.child("crop_size") {
            cropHeight = try crop.positiveInt("height", default: 224)
            cropWidth = try crop.positiveInt("width", default: 224)
        } else {
            cropHeight = try file.positiveInt("crop_size", default: shortestEdge)
            cropWidth = cropHeight
        }
        doRescale = try file.bool("do_rescale", default: true)
        rescaleFactor = try file.double("rescale_factor", default: 1 / 255)
        doNormalize = try file.bool("do_normalize", default: true)
        mean = try file.doubles("image_mean", count: 3, default: mean)
        std = try file.doubles("image_std", count: 3, default: std)
        guard std.allSatisfy({ $0 != 0 }) else {
            throw EmbedError.invalidConfig(file: path, key: "image_std", reason: "contains zero")
        }
    }

    public static func == (lhs: CLIPImageProcessor, rhs: CLIPImageProcessor) -> Bool {
        lhs.doResize == rhs.doResize && lhs.shortestEdge == rhs.shortestEdge && lhs.fixedSize == rhs.fixedSize
            && lhs.filter == rhs.filter && lhs.doCenterCrop == rhs.doCenterCrop && lhs.cropWidth == rhs.cropWidth
            && lhs.cropHeight == rhs.cropHeight && lhs.doRescale == rhs.doRescale
            && lhs.rescaleFactor == rhs.rescaleFactor && lhs.doNormalize == rhs.doNormalize && lhs.mean == rhs.mean
            && lhs.std == rhs.std
    }

    /// The (width, height) an image of `width` x `height` is resized to: the shortest side
    /// becomes `shortestEdge`, the other `floor(shortestEdge * long / short)`.
    public func resizedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        if let fixedSize { return (fixedSize[0], fixedSize[1]) }
        let short = min(width, height)
        let long = max(width, height)
        let scaled = Int(Double(shortestEdge) * Double(long) / Double(short))
        return width <= height ? (shortestEdge, scaled) : (scaled, shortestEdge)
    }

    /// The output tensor's height and width (the crop, or the resized size without cropping).
    public func outputSize(for image: RGBImage) -> (width: Int, height: Int) {
        if doCenterCrop { return (cropWidth, cropHeight) }
        return doResize ? resizedSize(width: image.width, height: image.height) : (image.width, image.height)
    }

    /// The uint8 image after resizing and center cropping, before rescaling and normalising.
    public func resizedAndCropped(_ image: RGBImage) -> RGBImage {
        var current = image
        if doResize {
            let size = resizedSize(width: image.width, height: image.height)
            current = PillowResampler.resize(image, width: size.width, height: size.height, filter: filter)
        }
        if doCenterCrop, current.width != cropWidth || current.height != cropHeight {
            current = current.cropped(
                left: (current.width - cropWidth) / 2, top: (current.height - cropHeight) / 2,
                width: cropWidth, height: cropHeight)
        }
        return current
    }

    /// The preprocessed tensor `[3, H, W]` (channels first, RGB) as a flat array.
    public func pixelValues(_ image: RGBImage) -> [Float] {
        let prepared = resizedAndCropped(image)
        let plane = prepared.width * prepared.height
        var out = [Float](repeating: 0, count: 3 * plane)
        pixelValues(prepared, into: &out, offset: 0)
        return out
    }

    /// Writes the `[3, H, W]` tensor of an already resized and cropped image into `out` from `offset`.
    func pixelValues(_ prepared: RGBImage, into out: inout [Float], offset: Int) {
        let plane = prepared.width * prepared.height
        var table = [Float](repeating: 0, count: 3 * 256)
        for channel in 0..<3 {
            for value in 0..<256 {
                var x = Double(value)
                if doRescale { x *= rescaleFactor }
                if doNormalize { x = (x - mean[channel]) / std[channel] }
                table[channel * 256 + value] = Float(x)
            }
        }
        for i in 0..<plane {
            for channel in 0..<3 {
                out[offset + channel * plane + i] = table[channel * 256 + Int(prepared.pixels[3 * i + channel])]
            }
        }
    }
}
