// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "okrlint",
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
            dependencies: ["OKRKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
