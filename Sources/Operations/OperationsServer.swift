import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The operations port of a long-running process (`OPS_PORT`): `GET /healthz`, `GET /readyz`,
/// `GET /metrics`, served by Hummingbird (the HTTP server the project already uses for its simulator).
///
/// - `/healthz`: 200 `{"status":"alive"}` while every ``LivenessCheck`` passes; 503 with the failing
///   checks otherwise (a stuck loop fails it within its check's bound).
/// - `/readyz`: 200 `{"status":"ready","checks":{...}}` only while every ``ReadinessCheck`` passed its
///   last run (they run every second, each with a 2 s deadline) and the process is not shutting down;
///   503 `{"status":"not ready","checks":{"rabbitmq":"<why>", ...}}` otherwise.
/// - `/metrics`: the Prometheus text format of every swift-metrics metric (``PrometheusMetrics``).
///
/// A swift-service-lifecycle service: place it before the services it reports on, so it keeps
/// answering (not ready) while they shut down.
public struct OperationsServer: Service {
    /// Where it listens.
    public struct Configuration: Sendable {
        /// Interface to bind (`OPS_HOST`, default all interfaces: probes come from outside the container).
        public var host: String
        /// Port; `nil` turns the server off (`OPS_PORT=0`).
        public var port: Int?
        /// How often readiness checks run.
        public var refreshInterval: Duration
        /// How long one readiness check may take before it counts as failing.
        public var checkTimeout: Duration

        /// A configuration.
        public init(
            host: String = "0.0.0.0", port: Int?, refreshInterval: Duration = .seconds(1),
            checkTimeout: Duration = .seconds(2)
        ) {
            self.host = host
            self.port = port
            self.refreshInterval = refreshInterval
            self.checkTimeout = checkTimeout
        }
    }

    let configuration: Configuration
    let liveness: [LivenessCheck]
    let readiness: ReadinessCache
    let logger: Logger
    let onServerRunning: @Sendable (Int) async -> Void

    /// A server reporting `checks`. `onServerRunning` receives the port bound (useful with port 0).
    public init(
        configuration: Configuration, checks: HealthChecks, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.liveness = checks.liveness
        self.readiness = ReadinessCache(checks.readiness)
        self.logger = logger
        self.onServerRunning = onServerRunning
        _ = PrometheusMetrics.registry  // bootstrap swift-metrics before the first metric is made
    }

    public func run() async throws {
        guard let port = configuration.port else {
            logger.info("operations server off (OPS_PORT=0)")
            try? await gracefulShutdown()
            return
        }
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "autoresponder-ops"),
            onServerRunning: { [logger, onServerRunning] channel in
                let bound = channel.localAddress?.port ?? port
                logger.info("operations server listening", metadata: ["ops.port": "\(bound)"])
                await onServerRunning(bound)
            },
            logger: logger.withLevel(atLeast: .warning))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await application.run() }
            group.addTask { await refreshReadiness() }
        }
    }

    /// Refreshes the readiness results until graceful shutdown, then reports "shutting down".
    private func refreshReadiness() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await readiness.refresh(timeout: configuration.checkTimeout)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.refreshInterval) }
        }
        readiness.markStopping()
    }
}

extension Logger {
    /// A copy that logs only at `level` or above (Hummingbird logs every request at info).
    func withLevel(atLeast level: Logger.Level) -> Logger {
        var copy = self
        if copy.logLevel < level { copy.logLevel = level }
        return copy
    }
}
