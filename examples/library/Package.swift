// swift-tools-version: 6.0
//
// The image-search walkthrough run from Swift: a package that uses Loupe as a library, through a
// path dependency on the repository root.
import PackageDescription

let package = Package(
    name: "image-search-library",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Loupe", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "image-search-library",
            dependencies: [.product(name: "Loupe", package: "Loupe")]
        ),
    ]
)
