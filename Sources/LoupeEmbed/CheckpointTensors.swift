// The weights of a checkpoint directory: `model.safetensors`, or the shards listed by
// `model.safetensors.index.json` when the checkpoint is split. Lookups say which file a tensor
// came from so errors can name it.

import Foundation

/// The tensors of one checkpoint, possibly spread over several safetensors files.
struct CheckpointTensors: Sendable {
    private let files: [SafeTensorsFile]
    private let owner: [String: Int]
    /// The path named in errors for tensors that are not found.
    let primaryPath: String

    /// Opens the weights in `directory`. Throws `EmbedError.missingFile` naming
    /// `model.safetensors` when neither it nor a shard index exists.
    init(directory: URL) throws {
        let single = directory.appendingPathComponent("model.safetensors").path
        let index = directory.appendingPathComponent("model.safetensors.index.json").path
        if FileManager.default.fileExists(atPath: single) || !FileManager.default.fileExists(atPath: index) {
            let file = try SafeTensorsFile(path: single)
            files = [file]
            owner = file.tensors.mapValues { _ in 0 }
            primaryPath = single
            return
        }
        let map = try JSONConfigFile(path: index)
        guard let weightMap = map.object["weight_map"] as? [String: Any] else {
            throw EmbedError.invalidConfig(file: index, key: "weight_map", reason: "is missing")
        }
        var names: [String] = []
        var owner: [String: Int] = [:]
        for (tensor, value) in weightMap {
            guard let shard = value as? String, !shard.contains("/") else {
                throw EmbedError.invalidConfig(
                    file: index, key: "weight_map", reason: "names an invalid shard for '\(tensor)'")
            }
            if let position = names.firstIndex(of: shard) {
                owner[tensor] = position
            } else {
                owner[tensor] = names.count
                names.append(shard)
            }
        }
        files = try names.map { try SafeTensorsFile(path: directory.appendingPathComponent($0).path) }
        self.owner = owner
        primaryPath = index
    }

    /// The path of the file holding `name` (or the checkpoint's main path when there is none).
    func file(of name: String) -> String {
        owner[name].map { files[$0].path } ?? primaryPath
    }

    func info(_ name: String) throws -> SafeTensorInfo {
        guard let position = owner[name] else { throw EmbedError.missingTensor(file: primaryPath, tensor: name) }
        return try files[position].info(name)
    }

    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let position = owner[name] else { throw EmbedError.missingTensor(file: primaryPath, tensor: name) }
        return try files[position].floats(name, shape: shape)
    }
}
