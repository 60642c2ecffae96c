// loupe-bench: times Loupe on the shared benchmark data and prints one JSON object per case.
//
//     loupe-bench kernel  --data /tmp/vecbench-data/n100000 [--queries 200]
//     loupe-bench sql     --data /tmp/vecbench-data/n100000 [--queries 50]
//     loupe-bench sql-index --data /tmp/vecbench-data/n100000 [--queries 200] [--ef 16,32,64,128]
//     loupe-bench index   --data /tmp/vecbench-data/n100000 [--queries 1000] [--ef 16,32,64,128]
//                         [--degree 32] [--ef-construction 128] [--threads 2] [--rerank 4]
//     loupe-bench tables  --data /tmp/vecbench-data/n100000 [--queries 20] [--rows 10000000]
//                         [--conversions 1000000]
//
// Every command takes --rounds R (default 3): cases are timed in R interleaved rounds.
//
// `run.sh` runs every case beside the peers and prints the ratios.

import Foundation

var arguments = CommandLine.arguments.dropFirst()
let command = arguments.popFirst() ?? "help"
var options: [String: String] = [:]
while let key = arguments.popFirst(), key.hasPrefix("--") {
    options[String(key.dropFirst(2))] = arguments.popFirst() ?? ""
}
let dataDirectory = options["data"] ?? "/tmp/vecbench-data/n100000"
let rounds = Int(options["rounds"] ?? "") ?? 3

do {
    switch command {
    case "kernel":
        let base = try FloatMatrix(npy: dataDirectory + "/base.npy")
        let bench = KernelBenchmark(
            base: base, queries: try FloatMatrix(npy: dataDirectory + "/query.npy"),
            truth: try FloatMatrix(npy: dataDirectory + "/gt.npy"), queryCount: Int(options["queries"] ?? "") ?? 200)
        for m in try bench.run(rounds: rounds) { print(m.json) }
    case "sql":
        let bench = SQLBenchmark(
            base: try FloatMatrix(npy: dataDirectory + "/base.npy"),
            queries: try FloatMatrix(npy: dataDirectory + "/query.npy"),
            truth: try FloatMatrix(npy: dataDirectory + "/gt.npy"), queryCount: Int(options["queries"] ?? "") ?? 50)
        for m in try bench.runTopK(rounds: rounds) { print(m.json) }
    case "sql-index":
        let bench = SQLIndexBenchmark(
            base: try FloatMatrix(npy: dataDirectory + "/base.npy"),
            queries: try FloatMatrix(npy: dataDirectory + "/query.npy"),
            truth: try FloatMatrix(npy: dataDirectory + "/gt.npy"), queryCount: Int(options["queries"] ?? "") ?? 200,
            efValues: (options["ef"] ?? "16,32,64,128").split(separator: ",").compactMap { Int($0) })
        for m in try bench.run(rounds: rounds) { print(m.json) }
    case "index":
        let bench = try IndexBenchmark(directory: dataDirectory, options: options)
        for line in try bench.run(rounds: rounds) { print(line) }
    case "tables":
        let bench = TablesBenchmark(
            photos: try FloatMatrix(npy: dataDirectory + "/base.npy"),
            queries: try FloatMatrix(npy: dataDirectory + "/query.npy"),
            rowCount: Int(options["rows"] ?? "") ?? 10_000_000,
            conversionCount: Int(options["conversions"] ?? "") ?? 1_000_000,
            queryCount: Int(options["queries"] ?? "") ?? 20)
        for m in try bench.run(rounds: rounds) { print(m.json) }
    default:
        print(
            "usage: loupe-bench kernel|sql|sql-index|index|tables [--data DIR] [--queries N] [--rounds R] [--rows N] [--conversions N]")
    }
} catch {
    FileHandle.standardError.write("loupe-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
