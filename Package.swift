// swift-tools-version:6.1
//
// phr — a command-line companion to หมอพร้อม (Mor Prom) PHR, and phr-sandbox, a local
// stand-in for the MOPH PHR service. Module layout: see ../shared/architecture.md and
// docs/architecture.md. Dependencies point one way, downward.
import PackageDescription

let package = Package(
    name: "phr",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "phr", targets: ["phr"]),
        .executable(name: "phr-sandbox", targets: ["phr-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: Domain
        .target(name: "PHRModel"),
        .target(name: "PHRWire", dependencies: ["PHRModel"]),

        // MARK: Store
        .target(
            name: "CPHRCipher",
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("crypto")]),
        .target(
            name: "PHRStore",
            dependencies: [
                "PHRModel", "CPHRCipher",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),

        // MARK: Network
        .target(
            name: "PHRClient",
            dependencies: [
                "PHRWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(name: "PHRSync", dependencies: ["PHRModel", "PHRWire", "PHRClient", "PHRStore"]),

        // MARK: Presentation
        .target(name: "PHRRender", dependencies: ["PHRModel"]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .target(name: "PHRExport", dependencies: ["PHRModel", "PHRRender", "CPangoCairo"]),

        // MARK: Sharing and card
        .systemLibrary(
            name: "CQREncode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .target(name: "PHRShare", dependencies: ["PHRModel", "CQREncode", "CPangoCairo"]),
        .systemLibrary(
            name: "CPCSC", pkgConfig: "libpcsclite",
            providers: [.apt(["libpcsclite-dev"])]),
        .target(name: "PHRCard", dependencies: ["PHRModel", "CPCSC"]),

        // MARK: Kiosk
        .target(
            name: "PHRKiosk",
            dependencies: [
                "PHRModel", "PHRClient", "PHRCard", "PHRStore", "PHRSync", "PHRRender", "PHRShare", "CPHRProcess",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),

        // MARK: Command line
        .target(
            name: "PHRCLI",
            dependencies: [
                "PHRModel", "PHRWire", "PHRStore", "PHRClient", "PHRSync",
                "PHRRender", "PHRExport", "PHRShare", "PHRCard", "PHRKiosk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .target(name: "CPHRProcess"),
        .executableTarget(name: "phr", dependencies: ["PHRCLI", "CPHRProcess"]),

        // MARK: Sandbox
        .target(
            name: "PHRSandbox",
            dependencies: [
                "PHRWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .executableTarget(
            name: "phr-sandbox",
            dependencies: [
                "PHRSandbox", "PHRModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Benchmarks (make bench)
        .executableTarget(
            name: "StoreBenchmark",
            dependencies: ["PHRStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "benchmarks/store",
            exclude: ["run.sh", "oracle.py"]),
        .executableTarget(
            name: "SyncFloor",
            dependencies: ["PHRClient", "PHRWire", "PHRSync", "PHRModel"],
            path: "benchmarks/sync/floor"),

        // MARK: Tests
        .testTarget(name: "PHRModelTests", dependencies: ["PHRModel"]),
        .testTarget(name: "PHRWireTests", dependencies: ["PHRWire", "PHRFixtures"]),
        .testTarget(
            name: "PHRClientTests",
            dependencies: ["PHRClient", "PHRFixtures", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "JWTKit", package: "jwt-kit"),
                           .product(name: "_CryptoExtras", package: "swift-crypto")]),
        .testTarget(
            name: "PHRStoreTests",
            dependencies: ["PHRStore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .testTarget(name: "PHRSyncTests", dependencies: ["PHRSync"]),
        .testTarget(
            name: "PHRSandboxTests",
            dependencies: ["PHRSandbox", "PHRWire", "PHRModel", "PHRFixtures", "PHRClient", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PHRFixtures", dependencies: ["PHRModel"], path: "Tests/Fixtures", exclude: ["thai_id_card.py", "fake-bp-device.sh", "spec"]),
        .testTarget(name: "PHRRenderTests", dependencies: ["PHRRender", "PHRFixtures"], resources: [.copy("Golden")]),
        .testTarget(name: "PHRExportTests", dependencies: ["PHRExport", "PHRWire", "PHRFixtures"]),
        .testTarget(name: "PHRShareTests", dependencies: ["PHRShare"]),
        .testTarget(name: "PHRCardTests", dependencies: ["PHRCard"]),
        .testTarget(name: "PHRKioskTests", dependencies: ["PHRKiosk", "PHRModel", "PHRCard"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PHRModel", "phr", "phr-sandbox"]),
    ],
    swiftLanguageModes: [.v6]
)

// `scripts/sanitize --short` (CI) builds only the targets that hold C or unsafe code, and their
// suites, under AddressSanitizer: PHR_PACKAGE_SUBSET names them, so the rest (NIO, Hummingbird)
// is not built a second time. Unset, the package is whole.
if let subset = Context.environment["PHR_PACKAGE_SUBSET"], !subset.isEmpty {
    let keep = Set(subset.split(separator: ",").map(String.init))
    package.targets.removeAll { !keep.contains($0.name) }
    package.products.removeAll()
}
