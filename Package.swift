// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "VietSearch",
    products: [
        .executable(name: "vietsearch", targets: ["vietsearch"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "ArticleIndex", targets: ["ArticleIndex"]),
        // The SQLite loadable extension: `.load .build/release/libVietSearchSQLite` (README).
        .library(name: "VietSearchSQLite", type: .dynamic, targets: ["VietSearchSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
    ],
    targets: [
        // System libraries: the Debian packages libsqlite3-dev and zlib1g-dev.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure Swift: normalization, folding and the byte-level tokenizer. No SQLite here.
        .target(name: "VietnameseText"),
        // The SQLite FTS5 store: tokenizer registration, schema, ingestion, search and export.
        .target(name: "ArticleIndex", dependencies: ["VietnameseText", "CSQLite", "CZlib"]),
        // The loadable extension: its entry point and the forwarders that reach SQLite only through
        // the API table the loader passes (C), and what it registers (Swift). The Swift runtime and
        // Foundation are linked in, so that it loads into processes without Swift (sqlite3, Python).
        .target(name: "CSQLiteExtension"),
        .target(
            name: "VietSearchSQLite",
            dependencies: ["ArticleIndex", "VietnameseText", "CSQLite", "CSQLiteExtension"],
            linkerSettings: [.unsafeFlags([
                "-static-stdlib", "-Xlinker", "--exclude-libs=ALL",
                // Foundation's static archives, in a group: they refer to each other in circles.
                "-Xlinker", "--start-group", "-lFoundation", "-lCoreFoundation", "-lFoundationInternationalization",
                "-lFoundationEssentials", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-lswiftSynchronization", "-lswift_Concurrency",
                "-lswift_StringProcessing", "-lswift_RegexParser", "-lswiftGlibc", "-lswiftCore", "-Xlinker", "--end-group",
            ])]
        ),
        // `vietsearch serve`: the search page and its JSON API, on Hummingbird.
        .target(
            name: "SearchServer",
            dependencies: [
                "ArticleIndex", "VietnameseText", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "vietsearch",
            dependencies: [
                "ArticleIndex", "VietnameseText", "SearchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Tools for the people who work on VietSearch, not shipped: the fuzzer and the benchmark
        // drivers (tests and scripts/ use them), and `vietsearch-tools`, their command line.
        .target(name: "VietSearchTools", dependencies: ["ArticleIndex", "VietnameseText", "CSQLite"]),
        .executableTarget(
            name: "vietsearch-tools",
            dependencies: [
                "VietSearchTools", "ArticleIndex", "VietnameseText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers the test targets share (temporary folders).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText", "TestSupport"]),
        .testTarget(name: "ArticleIndexTests", dependencies: ["ArticleIndex", "VietnameseText", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "VietSearchToolsTests", dependencies: ["VietSearchTools", "ArticleIndex", "TestSupport"]),
        .testTarget(name: "vietsearchTests", dependencies: ["vietsearch", "VietnameseText", "TestSupport"]),
    ]
)
