// swift-tools-version: 6.0
//
// The LoupeEmbed benchmark: a small release executable that times full-size ViT-B/32 image
// embedding (`CLIPBenchmark.run`). Its own package so the main package gains no target;
// `run.sh` beside it builds it and runs the PyTorch comparison.
import PackageDescription

let package = Package(
    name: "embed-bench",
    dependencies: [.package(name: "Loupe", path: "../..")],
    targets: [
        .executableTarget(
            name: "embed-bench",
            dependencies: [.product(name: "LoupeEmbed", package: "Loupe")]
        )
    ]
)
