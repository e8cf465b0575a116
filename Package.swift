// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "okrlint",
    // macOS 13: nothing newer is used (a lock of our own, `Locked`, stands in for the standard library's `Mutex`).
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OKRKit", targets: ["OKRKit"]),
        .executable(name: "okrlint", targets: ["okrlint"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "OKRKit"),
        .executableTarget(name: "okrlint", dependencies: ["OKRKit"]),
        .testTarget(
            name: "OKRKitTests",
            // The CLI tests run the built `okrlint` binary, so `swift test` must build it.
            dependencies: ["OKRKit", "okrlint"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
