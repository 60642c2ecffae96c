// swift-tools-version: 6.0
//
// Loupe: an embedded SQL vector database. Module arrows point one way (see docs/architecture.md):
// Core <- SQL <- Planner <- Execution <- Loupe <- loupe; Vector, Storage <- Execution; LoupeEmbed stands apart.
import PackageDescription

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Loupe", targets: ["Loupe"]),
        .library(name: "LoupeEmbed", targets: ["LoupeEmbed"]),
        .library(name: "LoupeIndex", targets: ["LoupeIndex"]),
        .executable(name: "loupe", targets: ["loupe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Engine.
        .target(name: "LoupeCore", dependencies: ["CCRC32C"]),
        .target(name: "LoupeSQL", dependencies: ["LoupeCore"]),
        .target(name: "LoupeVector", dependencies: ["LoupeCore"], swiftSettings: optimizedInDebug),
        .target(name: "LoupeIndex", dependencies: ["LoupeVector", "LoupeCore"], swiftSettings: optimizedInDebug),
        .target(name: "LoupePlanner", dependencies: ["LoupeSQL", "LoupeCore"]),
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
        .systemLibrary(name: "CCRC32C", path: "Sources/CCRC32C"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "LoupeStorage", dependencies: ["LoupeIndex", "LoupeCore", "CLZ4"]),
        .target(
            name: "LoupeExecution",
            dependencies: ["LoupePlanner", "LoupeStorage", "LoupeIndex", "LoupeVector", "LoupeSQL", "LoupeCore", "CLZ4", "CZlib"]),
        .target(name: "Loupe", dependencies: ["LoupeExecution", "LoupeStorage", "LoupePlanner", "LoupeSQL", "LoupeCore"]),

        // Embedding (never imports the engine).
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .target(name: "LoupeEmbed", dependencies: ["CJPEG", "CPNG", "COpenBLAS"]),

        // The command-line tool; readline (GPL) is linked only here.
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "Loupe", "LoupeCore", "LoupeSQL", "LoupeEmbed", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support and tests.
        .target(name: "LoupeTestSupport", dependencies: ["Loupe", "LoupeCore"]),
        .testTarget(name: "LoupeCoreTests", dependencies: ["LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeSQLTests", dependencies: ["LoupeSQL", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeVectorTests", dependencies: ["LoupeVector", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeIndexTests", dependencies: ["LoupeIndex", "LoupeVector", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeStorageTests", dependencies: ["LoupeStorage", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupePlannerTests", dependencies: ["LoupePlanner", "LoupeSQL", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(
            name: "LoupeExecutionTests",
            dependencies: ["LoupeExecution", "LoupePlanner", "LoupeSQL", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeTests", dependencies: ["Loupe", "LoupeTestSupport"]),
        .testTarget(name: "LoupeEmbedTests", dependencies: ["LoupeEmbed", "LoupeTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["LoupeTestSupport"]),
    ]
)

/// The vector kernels and the graph index are compiled with optimization in debug builds too: the
/// tests build and search real indexes, which unoptimized code makes 30–100 times slower.
var optimizedInDebug: [SwiftSetting] { [.unsafeFlags(["-O"], .when(configuration: .debug))] }
