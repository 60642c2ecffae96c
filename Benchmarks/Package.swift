// swift-tools-version: 6.0
//
// Loupe's benchmarks, in their own package so the library never depends on benchmark code. The
// `loupe-bench` executable times the vector kernels and SQL queries on the shared data files and
// prints JSON; `run.sh` runs it beside the peer engines (peers/*.py) and prints the ratios.
import PackageDescription

let package = Package(
    name: "LoupeBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Loupe", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "loupe-bench",
            dependencies: [
                .product(name: "Loupe", package: "Loupe"), .product(name: "LoupeIndex", package: "Loupe"), "CReferenceScan",
            ]
        ),
        // The peers' hand-written AVX-512 scan, built with the same flags as their harness.
        .target(name: "CReferenceScan", cSettings: [.unsafeFlags(["-O3", "-march=native"])]),
    ]
)
