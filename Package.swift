// swift-tools-version:6.1
// The auto-responder: a dispatcher and workers that answer merchant support chats.
// See README.md for the architecture; every target below has its own folder under Sources/.
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "autoresponder",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dispatcher", targets: ["dispatcher"]),
        .executable(name: "worker", targets: ["worker"]),
        .executable(name: "autoresponderctl", targets: ["autoresponderctl"]),
        .executable(name: "console", targets: ["console"]),
        .executable(name: "apisim", targets: ["apisim"]),
        .executable(name: "worldgen", targets: ["worldgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: C libraries (system packages found through pkg-config) and the C shim.
        .systemLibrary(
            name: "CRabbitMQ", path: "Sources/CModules/CRabbitMQ", pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CModules/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CModules/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "CShims", dependencies: ["CRabbitMQ", "CCurl"], path: "Sources/CModules/CShims"),

        // MARK: Pure Swift building blocks: no C, no I/O.
        /// Civil (zone-less) dates: the one day-count algorithm of the project.
        .target(name: "CivilTime"),
        /// Backoff (and, as they come, breakers, budgets, rate limits): policies as plain values.
        .target(name: "Resilience"),
        /// SHA-256, HMAC, PBKDF2 and hex in Swift (passwords of the console, signatures of pushed events).
        .target(name: "Digest"),

        // MARK: Swift wrappers over the C libraries (own their handles, keep blocking calls off the pool).
        // Each long-lived client is a swift-service-lifecycle Service.
        .target(
            name: "AMQP",
            dependencies: ["CRabbitMQ", "CShims", logging, lifecycle]),
        .target(
            name: "PostgreSQL",
            dependencies: ["CLibPQ", "CivilTime", logging, lifecycle]),
        .target(
            name: "HTTP",
            dependencies: ["CCurl", "CShims", logging, lifecycle]),

        // MARK: The domain: knows nothing of C, AMQP, libpq or libcurl.
        .target(
            name: "AutoResponderCore",
            dependencies: [
                "CivilTime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "Resolvers",
            dependencies: ["AutoResponderCore", "MaintenanceResolver", .product(name: "Logging", package: "swift-log")],
            exclude: ["Maintenance"]),
        /// A resolver in a module of its own, built against the core's public API alone (the proof that a
        /// resolver needs nothing else): docs/adding-a-resolver.md.
        /// (swift-log only because the core's API hands resolvers a `Logger`.)
        .target(name: "MaintenanceResolver", dependencies: ["AutoResponderCore", logging], path: "Sources/Resolvers/Maintenance"),

        // MARK: Operating the processes: health, readiness and /metrics over HTTP, JSON logs.
        .target(
            name: "Operations",
            dependencies: [
                "HTTP", "CivilTime", "Digest", logging, lifecycle, .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),

        // MARK: The service: adapters from the domain's ports to the wrappers, dispatcher and worker.
        .target(
            name: "AutoResponderService",
            dependencies: [
                "AutoResponderCore", "Resolvers", "AMQP", "PostgreSQL", "HTTP", "Operations", "Resilience",
                logging, lifecycle, argumentParser,
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(name: "dispatcher", dependencies: ["AutoResponderService", argumentParser]),
        .executableTarget(name: "worker", dependencies: ["AutoResponderService", argumentParser]),
        .executableTarget(name: "autoresponderctl", dependencies: ["AutoResponderService", argumentParser]),

        // MARK: The support console (a web page for people): Hummingbird + swift-mustache over OperatorClient.
        .target(
            name: "SupportConsole",
            dependencies: [
                "AutoResponderService", "AutoResponderCore", "HTTP", "Digest", logging, lifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(name: "console", dependencies: ["SupportConsole", "AutoResponderService", argumentParser]),

        // MARK: The upstream simulator and its data (Sources/Simulator: not part of the product).
        .target(name: "World", dependencies: ["CivilTime"], path: "Sources/Simulator/World"),
        .target(
            name: "APISimulator",
            dependencies: [
                "World", "HTTP", "Digest", logging, lifecycle,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Simulator/APISimulator"),
        .executableTarget(
            name: "apisim", dependencies: ["APISimulator", "World", "Operations", argumentParser, logging],
            path: "Sources/Simulator/apisim"),
        .executableTarget(
            name: "worldgen", dependencies: ["World", "CivilTime", argumentParser], path: "Sources/Simulator/worldgen"),

        // MARK: Benchmarks (make bench): figures, never assertions.
        .executableTarget(
            name: "bench",
            dependencies: [
                "AMQP", "PostgreSQL", "HTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/bench"),
        // make eval-routing: accuracy of the router on the routing corpus (config/routing-corpus).
        .executableTarget(
            name: "routing-eval", dependencies: ["AutoResponderCore"], path: "Benchmarks/routing-eval"),

        // MARK: Tests. Integration tests use the real servers that `make test` starts.
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "ResilienceTests", dependencies: ["Resilience"]),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "HTTP", "TestSupport", logging, lifecycle, .product(name: "Metrics", package: "swift-metrics"),
            ]),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "TestSupport"]),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL", "TestSupport"]),
        .testTarget(
            name: "HTTPTests",
            dependencies: [
                "HTTP", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .testTarget(
            name: "AutoResponderCoreTests",
            dependencies: ["AutoResponderCore", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "MaintenanceResolverTests",
            dependencies: ["MaintenanceResolver", "AutoResponderCore", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "ResolversTests",
            dependencies: ["Resolvers", "AutoResponderCore", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "APISimulatorTests",
            dependencies: [
                "APISimulator", "World", "CivilTime", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
        // The deployment files (deploy/kubernetes, docker-compose.yml) against the variables the service reads.
        .testTarget(
            name: "DeploymentTests",
            dependencies: ["AutoResponderService", "AMQP", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "AutoResponderServiceTests",
            dependencies: [
                "AutoResponderService", "AutoResponderCore", "Resolvers", "AMQP", "HTTP", "Resilience", logging, lifecycle,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "SupportConsoleTests",
            dependencies: [
                "SupportConsole", "Digest", "AutoResponderService", "AutoResponderCore", "AMQP", "PostgreSQL", "HTTP", "TestSupport",
                logging, lifecycle, .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AutoResponderService", "AutoResponderCore", "APISimulator", "World", "TestSupport", "AMQP", "PostgreSQL", "HTTP", "Operations",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
    ]
)

// Swift 6 language mode everywhere (tools 6.1); upcoming features applied to every Swift target.
for target in package.targets where target.type != .system && target.name != "CShims" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
