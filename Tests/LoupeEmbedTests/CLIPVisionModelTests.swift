// The vision tower against transformers: for both fixture checkpoints, the class token after
// every stage and the final normalised features within 1e-4 (cosine ≥ 0.9999), starting both from
// the reference pixel tensors and from the image files; checkpoint errors (missing file, missing
// tensor, bad shape); and a full-size ViT-B/32 run with random weights.

import Foundation
import XCTest

@testable import LoupeEmbed

final class CLIPVisionModelTests: XCTestCase {
    private func model(_ variant: String) throws -> CLIPVisionModel {
        try CLIPVisionModel(directory: URL(fileURLWithPath: Fixtures.path("clip-tiny/\(variant)/model")))
    }

    func testConfigFromCheckpoint() throws {
        let m = try model("tiny-p32-224")
        XCTAssertEqual(m.config.hiddenSize, 64)
        XCTAssertEqual(m.config.layerCount, 2)
        XCTAssertEqual(m.config.tokenCount, 50)
        XCTAssertEqual(m.config.projectionSize, 16)
        XCTAssertEqual(try model("tiny-p16-64").config.tokenCount, 17)
    }

    private func check(_ output: CLIPVisionOutput, against references: [[String: Any]], label: String) {
        for (i, reference) in references.enumerated() {
            let name = "\(label) \(reference["name"] as? String ?? "?")"
            let states = (reference["cls_hidden_states"] as? [Any] ?? []).map(floats)
            XCTAssertEqual(output.classTokenStates[i].count, states.count, name)
            for (stage, (mine, theirs)) in zip(output.classTokenStates[i], states).enumerated() {
                XCTAssertLessThanOrEqual(maxAbsDifference(mine, theirs), 1e-4, "\(name) stage \(stage)")
            }
            XCTAssertLessThanOrEqual(maxAbsDifference(output.pooled[i], floats(reference["pooled_output"])), 1e-4, name)
            XCTAssertLessThanOrEqual(
                maxAbsDifference(output.projected[i], floats(reference["image_embeds"])), 1e-4, name)
            let expected = floats(reference["image_embeds_normalized"])
            XCTAssertLessThanOrEqual(maxAbsDifference(output.embeddings[i], expected), 1e-4, name)
            XCTAssertGreaterThanOrEqual(cosine(output.embeddings[i], expected), 0.9999, name)
        }
    }

    func testMatchesReferenceFromPixelTensors() throws {
        let m = try model("tiny-p16-64")
        let entries = try XCTUnwrap(
            Fixtures.json("clip-tiny/tiny-p16-64/pixel_values.json")["images"] as? [[String: Any]])
        let pixels = entries.flatMap { floats($0["values"]) }
        let output = try m.forward(pixelValues: pixels, imageCount: entries.count, recordClassTokens: true)
        check(output, against: try Fixtures.referenceImages("tiny-p16-64"), label: "tiny-p16-64 tensors")
    }

    func testMatchesReferenceFromImageFiles() throws {
        for variant in Fixtures.variants {
            let m = try model(variant)
            let references = try Fixtures.referenceImages(variant)
            let images = try references.map { try Fixtures.image("clip-tiny/images/\($0["name"] as? String ?? "")") }
            let output = try m.forward(
                pixelValues: m.pixelValues(images), imageCount: images.count, recordClassTokens: true)
            check(output, against: references, label: variant)
            let embedded = try m.embed(images: images)
            XCTAssertEqual(embedded, output.embeddings, variant)
        }
    }

    func testBatchSplittingGivesSameResults() throws {
        let directory = URL(fileURLWithPath: Fixtures.path("clip-tiny/tiny-p16-64/model"))
        let split = try CLIPVisionModel(directory: directory, threadCount: 1, maxBatchSize: 2)
        let whole = try CLIPVisionModel(directory: directory, threadCount: 2, maxBatchSize: 8)
        let images = try Fixtures.imageNames.map { try Fixtures.image("clip-tiny/images/\($0)") }
        let a = try split.embed(images: images)
        let b = try whole.embed(images: images)
        for (x, y) in zip(a, b) { XCTAssertLessThanOrEqual(maxAbsDifference(x, y), 1e-6) }
        XCTAssertEqual(try whole.embed(images: []), [])
    }

    func testWrongPixelCountThrows() throws {
        let m = try model("tiny-p16-64")
        XCTAssertThrowsError(try m.forward(pixelValues: [0, 1, 2], imageCount: 1)) { error in
            guard case EmbedError.invalidInput = error else { return XCTFail("\(error)") }
        }
    }

    // MARK: - Checkpoint errors

    /// A copy of the tiny checkpoint in a temporary directory, with `edit` applied to its tensors.
    private func brokenCheckpoint(
        config: String? = nil, dropping: Set<String> = [], reshaping: [String: [Int]] = [:], dtype: String = "F32"
    ) throws -> URL {
        let source = Fixtures.path("clip-tiny/tiny-p16-64/model")
        let directory = try temporaryDirectory()
        let original = try SafeTensorsFile(path: source + "/model.safetensors")
        var writer = SafeTensorsWriter()
        for name in original.tensors.keys.sorted() where !dropping.contains(name) {
            let info = original.tensors[name]!
            guard info.dtype == .f32 else { continue }
            let values = try original.floats(name)
            writer.add(name, shape: reshaping[name] ?? info.shape, values: values, dtype: dtype)
        }
        try writer.write(to: directory.appendingPathComponent("model.safetensors").path)
        for file in ["config.json", "preprocessor_config.json"] {
            try FileManager.default.copyItem(
                atPath: source + "/" + file, toPath: directory.appendingPathComponent(file).path)
        }
        if let config {
            try Data(config.utf8).write(to: directory.appendingPathComponent("config.json"))
        }
        return directory
    }

    func testCheckpointRewrittenByTestWriterStillMatches() throws {
        let directory = try brokenCheckpoint()
        defer { try? FileManager.default.removeItem(at: directory) }
        let m = try CLIPVisionModel(directory: directory)
        let image = try Fixtures.image("clip-tiny/images/chelsea.png")
        let expected = floats(try Fixtures.referenceImages("tiny-p16-64")[0]["image_embeds_normalized"])
        XCTAssertLessThanOrEqual(maxAbsDifference(try m.embed(image: image), expected), 1e-4)
    }

    func testHalfPrecisionCheckpoints() throws {
        let image = try Fixtures.image("clip-tiny/images/rocket.jpg")
        let expected = floats(try Fixtures.referenceImages("tiny-p16-64")[1]["image_embeds_normalized"])
        for dtype in ["F16", "BF16"] {
            let directory = try brokenCheckpoint(dtype: dtype)
            defer { try? FileManager.default.removeItem(at: directory) }
            let embedding = try CLIPVisionModel(directory: directory).embed(image: image)
            XCTAssertGreaterThan(cosine(embedding, expected), dtype == "F16" ? 0.999 : 0.99, dtype)
        }
    }

    func testMissingFiles() throws {
        for file in ["config.json", "preprocessor_config.json", "model.safetensors"] {
            let directory = try brokenCheckpoint()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent(file).path
            try FileManager.default.removeItem(atPath: path)
            XCTAssertThrowsError(try CLIPVisionModel(directory: directory), file) { error in
                XCTAssertEqual(error as? EmbedError, .missingFile(path: path))
                XCTAssertTrue("\(error)".contains(file))
            }
        }
    }

    func testMissingTensor() throws {
        let name = "vision_model.encoder.layers.1.mlp.fc2.bias"
        let directory = try brokenCheckpoint(dropping: [name])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        XCTAssertThrowsError(try CLIPVisionModel(directory: directory)) { error in
            XCTAssertEqual(error as? EmbedError, .missingTensor(file: path, tensor: name))
            XCTAssertTrue("\(error)".contains(name) && "\(error)".contains("model.safetensors"))
        }
    }

    func testShapeMismatch() throws {
        let name = "vision_model.encoder.layers.0.self_attn.k_proj.weight"
        let directory = try brokenCheckpoint(reshaping: [name: [32, 128]])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        XCTAssertThrowsError(try CLIPVisionModel(directory: directory)) { error in
            XCTAssertEqual(
                error as? EmbedError, .shapeMismatch(file: path, tensor: name, expected: [64, 64], found: [32, 128]))
        }
    }

    func testConfigDisagreeingWithWeights() throws {
        let config = """
            {"model_type": "clip", "vision_config": {"hidden_size": 64, "intermediate_size": 256,
             "num_hidden_layers": 2, "num_attention_heads": 4, "patch_size": 16, "image_size": 32}}
            """
        let directory = try brokenCheckpoint(config: config)
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertThrowsError(try CLIPVisionModel(directory: directory)) { error in
            guard case EmbedError.shapeMismatch(_, let tensor, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(tensor, "vision_model.embeddings.position_embedding.weight")
        }
    }

    func testInvalidConfigValues() throws {
        let config = #"{"vision_config": {"hidden_size": 64, "num_attention_heads": 5}}"#
        let directory = try brokenCheckpoint(config: config)
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertThrowsError(try CLIPVisionModel(directory: directory)) { error in
            guard case EmbedError.invalidConfig(_, let key, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "num_attention_heads")
        }
    }

    func testDefaultsAndOldConfigLayout() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.json").path
        try Data(#"{"model_type": "clip", "vision_config_dict": {"patch_size": 16}}"#.utf8).write(
            to: URL(fileURLWithPath: path))
        var expected = CLIPVisionConfig.vitB32
        expected.patchSize = 16
        XCTAssertEqual(try CLIPVisionConfig(contentsOf: path), expected)
    }

    // MARK: - Full size

    func testFullSizeViTB32WithRandomWeights() throws {
        let m = try CLIPVisionModel.random(config: .vitB32, seed: 7)
        let image = try Fixtures.image("clip-tiny/images/grace_hopper.jpg")
        let output = try m.forward(pixelValues: m.pixelValues([image]), imageCount: 1, recordClassTokens: true)
        XCTAssertEqual(output.embeddings.count, 1)
        XCTAssertEqual(output.embeddings[0].count, 512)
        XCTAssertEqual(output.pooled[0].count, 768)
        XCTAssertEqual(output.classTokenStates[0].count, 13)
        XCTAssertTrue(output.embeddings[0].allSatisfy { $0.isFinite })
        let norm = output.embeddings[0].reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(norm, 1, accuracy: 1e-5)
    }
}
