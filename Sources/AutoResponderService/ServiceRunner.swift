import Logging
import ServiceLifecycle
import UnixSignals

/// What the `dispatcher` and `worker` executables share: logging, configuration from the environment,
/// and one service run until SIGTERM or SIGINT.
public enum ServiceRunner {
    /// Bootstraps logging, reads the configuration, builds the service with `make` and runs it in a
    /// `ServiceGroup` that shuts it down gracefully on SIGTERM or SIGINT.
    /// - Throws: ``ServiceConfigurationError`` (already logged) when the environment is wrong, or what
    ///   building or running the service throws.
    public static func run(
        label: String, _ make: (ServiceConfiguration, Logger) async throws -> any Service
    ) async throws {
        let logger = ServiceLogging.bootstrap(label: label)
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration()
        } catch {
            logger.critical("\(error)")
            throw error
        }
        let service = try await make(configuration, logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
