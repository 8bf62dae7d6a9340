import Logging
import Operations
import ServiceLifecycle
import UnixSignals

/// What the `dispatcher` and `worker` executables share: logging, configuration from the environment,
/// the operations server, and one `ServiceGroup` run until SIGTERM or SIGINT.
public enum ServiceRunner {
    /// Bootstraps logging and metrics, reads the configuration, builds the process with `make` and runs
    /// its services, with the operations server (`OPS_PORT`), in one `ServiceGroup`: started in order,
    /// shut down gracefully in reverse order on SIGTERM or SIGINT; if one of them ends or fails, the
    /// others are cancelled and the process exits.
    /// - Throws: ``ServiceConfigurationError`` (already logged) when the environment is wrong, or what
    ///   building or running the services throws.
    public static func run(
        label: String, _ make: (ServiceConfiguration, Logger) async throws -> ProcessServices
    ) async throws {
        let logger: Logger
        do {
            logger = try ServiceLogging.bootstrap(label: label)
        } catch {
            ServiceLogging.fallbackLogger(label: label).critical("\(error)")
            throw error
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration()
        } catch {
            logger.critical("\(error)")
            throw error
        }
        let process = try await make(configuration, logger)
        let operations = OperationsServer(
            configuration: .init(host: configuration.opsHost, port: configuration.opsPort), checks: process.checks,
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: process.services(with: operations).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A backstop: the worker hands its jobs back at SHUTDOWN_GRACE_MS; past this, everything is cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGrace + .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        try await group.run()
    }
}
