// A self-contained timing of the vision tower: full-size ViT-B/32 (or any geometry) with random
// weights on a batch of random pixel tensors — the work a benchmark compares with PyTorch. It
// lives in the library so the `loupe` tool and the benchmark package can call the same code.

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Times forward passes of a randomly initialised CLIP vision tower.
public enum CLIPBenchmark {
    /// The outcome of one benchmark run.
    public struct Result: Sendable, CustomStringConvertible {
        /// Images per forward pass.
        public var batch: Int
        /// Threads the model used.
        public var threads: Int
        /// The fastest forward pass, in seconds.
        public var bestSeconds: Double
        /// The mean over the timed passes, in seconds.
        public var meanSeconds: Double
        /// The least CPU time (all threads) one pass used, in seconds: steadier than wall time
        /// on a machine shared with other work.
        public var bestCPUSeconds: Double

        /// Images per second at the fastest pass.
        public var imagesPerSecond: Double { Double(batch) / bestSeconds }

        public var description: String {
            let best = (bestSeconds * 1000).rounded() / 1000
            let mean = (meanSeconds * 1000).rounded() / 1000
            let cpu = (bestCPUSeconds * 1000).rounded() / 1000
            let rate = (imagesPerSecond * 100).rounded() / 100
            return "batch \(batch), \(threads) threads: best \(best) s, mean \(mean) s, CPU \(cpu) s per batch; "
                + "images/s: \(rate)"
        }
    }

    /// Runs one warm-up pass and `iterations` timed passes of `batch` images through a model of
    /// `config` with random weights, using `threads` threads (all cores by default).
    public static func run(
        batch: Int = 32, iterations: Int = 5, config: CLIPVisionConfig = .vitB32, threads: Int? = nil
    ) throws -> Result {
        let model = try CLIPVisionModel.random(config: config, seed: 42, threadCount: threads, maxBatchSize: batch)
        let count = batch * 3 * config.imageSize * config.imageSize
        var state: UInt32 = 12_345
        let pixels = (0..<count).map { _ -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) * (4 / Float(1 << 24)) - 2
        }
        _ = try model.forward(pixelValues: pixels, imageCount: batch)
        var times: [Double] = []
        var cpuTimes: [Double] = []
        for _ in 0..<max(iterations, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = processCPUSeconds()
            _ = try model.forward(pixelValues: pixels, imageCount: batch)
            cpuTimes.append(processCPUSeconds() - cpuStart)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Result(
            batch: batch, threads: model.threadCount, bestSeconds: times.min() ?? 0,
            meanSeconds: times.reduce(0, +) / Double(times.count), bestCPUSeconds: cpuTimes.min() ?? 0)
    }

    private static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
