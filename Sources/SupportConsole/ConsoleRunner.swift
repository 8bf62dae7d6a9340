import Foundation
import AutoResponderService
import Logging
import ServiceLifecycle
import UnixSignals

/// What the `console` executable runs: logging, configuration from the environment, the service's
/// schema, and the ``ConsoleServer`` in a `ServiceGroup` until SIGTERM or SIGINT.
public enum ConsoleRunner {
    /// Runs the console.
    /// - Throws: ``ConsoleConfigurationError`` (already logged) when the environment is wrong, or what
    ///   connecting or serving throws.
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let logger: Logger
        do {
            logger = try ServiceLogging.bootstrap(label: "console", environment: environment)
        } catch {
            // No logger yet: say it on stderr.
            FileHandle.standardError.write(Data("console: \(error)\n".utf8))
            throw ConsoleConfigurationError(variable: error.variable, message: error.message)
        }
        let configuration: ConsoleConfiguration
        do {
            configuration = try ConsoleConfiguration(environment: environment)
        } catch {
            logger.critical("\(error)")
            throw error
        }
        let app = try ConsoleApp(configuration: configuration, logger: logger)
        do {
            try await app.prepare()
        } catch {
            await app.close()
            throw error
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: ConsoleServer(app: app))], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
