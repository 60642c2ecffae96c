// The LoupeEmbed benchmark and check tool.
//   embed-bench [batch] [iterations] [threads]   images/s of full-size ViT-B/32, random weights
//   embed-bench embed MODEL_DIR IMAGE...         one JSON array of embeddings per image, for
//                                                comparing with transformers (compare_transformers.py)

import Foundation
import LoupeEmbed

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "embed", arguments.count >= 3 {
    let model = try CLIPVisionModel(directory: URL(fileURLWithPath: arguments[1]))
    let images = try arguments.dropFirst(2).map { try ImageDecoder.decode(file: $0) }
    for embedding in try model.embed(images: images) {
        print("[" + embedding.map { "\($0)" }.joined(separator: ",") + "]")
    }
} else {
    let numbers = arguments.compactMap { Int($0) }
    let batch = numbers.count > 0 ? numbers[0] : 32
    let iterations = numbers.count > 1 ? numbers[1] : 5
    let threads = numbers.count > 2 ? numbers[2] : nil
    let result = try CLIPBenchmark.run(batch: batch, iterations: iterations, threads: threads)
    print("LoupeEmbed ViT-B/32 \(result)")
    print("swift images/s: \(result.imagesPerSecond)")
}
