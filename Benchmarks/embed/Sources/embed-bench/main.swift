// Prints the images/s of full-size ViT-B/32 embedding with random weights.
// Usage: embed-bench [batch] [iterations] [threads]

import LoupeEmbed

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let batch = arguments.count > 0 ? arguments[0] : 32
let iterations = arguments.count > 1 ? arguments[1] : 5
let threads = arguments.count > 2 ? arguments[2] : nil
let result = try CLIPBenchmark.run(batch: batch, iterations: iterations, threads: threads)
print("LoupeEmbed ViT-B/32 \(result)")
print("swift images/s: \(result.imagesPerSecond)")
