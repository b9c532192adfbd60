// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "botsift",
    products: [
        .library(name: "BotSift", targets: ["BotSift"]),
        .library(name: "LinAlg", targets: ["LinAlg"]),
        .executable(name: "botsift", targets: ["botsift"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries from Debian, reached through pkg-config.
        .systemLibrary(
            name: "CBLASLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "pkg-config"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "LinAlg", dependencies: ["CBLASLAPACK"]),
        // SSE2 byte-search bitmasks (static inline C) for the CSV record splitter's fast path.
        .target(name: "CSIMDScan"),
        .target(
            name: "BotSift",
            dependencies: ["LinAlg", "CZlib", "CSIMDScan", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "ArchiveSynthesis", dependencies: ["BotSift"]),
        .executableTarget(
            name: "botsift",
            dependencies: [
                "BotSift",
                "ArchiveSynthesis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build micro benchmarks (BLAS wrapper vs direct C, CSV throughput); run by Scripts/bench.
        .executableTarget(name: "botsift-bench", dependencies: ["BotSift", "LinAlg", "CBLASLAPACK"]),
        .testTarget(name: "LinAlgTests", dependencies: ["LinAlg", "CBLASLAPACK"]),
        .testTarget(name: "BotSiftTests", dependencies: ["BotSift"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ArchiveSynthesisTests", dependencies: ["ArchiveSynthesis", "BotSift"]),
        .testTarget(name: "botsiftTests", dependencies: ["BotSift"]),
    ],
    swiftLanguageModes: [.v6]
)
