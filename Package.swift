// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "chatham",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chatham", targets: ["chatham"]),
        .executable(name: "chatham-server", targets: ["chatham-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(
            name: "ChathamCrypto",
            dependencies: [
                "CSodium",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ChathamModel",
            dependencies: [
                "ChathamCrypto",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/taxonomy.json")]
        ),
        .target(name: "ChathamScrub", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Seeded generators for tests and benchmarks; nothing in the products depends on it.
        .target(name: "ChathamTestKit"),
        .systemLibrary(
            name: "CClp",
            pkgConfig: "clp",
            providers: [.apt(["coinor-libclp-dev"])]
        ),
        .target(name: "ChathamLP", dependencies: ["CClp"]),
        .target(name: "ChathamDisclosure", dependencies: ["ChathamLP"]),
        .target(name: "ChathamDigest", dependencies: ["ChathamModel", "ChathamCrypto"]),
        .target(
            name: "ChathamStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ChathamServer",
            dependencies: [
                "ChathamCrypto", "ChathamModel", "ChathamDisclosure", "ChathamStore", "ChathamDigest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ChathamClient",
            dependencies: ["ChathamCrypto", "ChathamModel", "ChathamScrub", "ChathamDigest"]
        ),
        .executableTarget(
            name: "chatham",
            dependencies: [
                "ChathamClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "chatham-server",
            dependencies: [
                "ChathamServer", "ChathamDigest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "chatham-scrub-eval", dependencies: ["ChathamScrub"]),
        .executableTarget(name: "chatham-scrub-bench", dependencies: ["ChathamScrub", "ChathamTestKit"]),
        .executableTarget(
            name: "chatham-bench-ingest",
            dependencies: ["ChathamServer", "ChathamStore", "ChathamCrypto", "ChathamModel", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/chatham-bench-ingest"
        ),
        .executableTarget(
            name: "chatham-bench-release",
            dependencies: [
                "ChathamServer", "ChathamStore", "ChathamCrypto", "ChathamDisclosure", "ChathamTestKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ChathamCryptoTests",
            dependencies: ["ChathamCrypto", .product(name: "CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(name: "ChathamModelTests", dependencies: ["ChathamModel", "ChathamTestKit"]),
        .testTarget(name: "ChathamScrubTests", dependencies: ["ChathamScrub", "ChathamTestKit"]),
        .testTarget(name: "ChathamDisclosureTests", dependencies: ["ChathamDisclosure", "ChathamTestKit"]),
        .testTarget(
            name: "ChathamDigestTests",
            dependencies: ["ChathamDigest", "ChathamModel", "ChathamCrypto", "ChathamClient"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ChathamStoreTests",
            dependencies: ["ChathamStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["schema.golden.sql"]
        ),
        .testTarget(name: "ChathamClientTests", dependencies: ["ChathamClient"]),
        .testTarget(
            name: "ChathamServerTests",
            dependencies: [
                "ChathamServer", "ChathamDigest", "ChathamTestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
