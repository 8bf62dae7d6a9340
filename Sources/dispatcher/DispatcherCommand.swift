import ArgumentParser
import AutoResponderService
import Logging
import ServiceLifecycle
import UnixSignals

/// `dispatcher`: polls the chats API and publishes one job per conversation that needs work.
@main
struct DispatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatcher",
        abstract: "Polls the chats API and publishes a job per conversation that needs work to RabbitMQ.",
        discussion: """
            Configured by the environment (see README.md): AMQP_URL, DATABASE_URL, CHATS_API_URL, API_TOKEN \
            (required), POLL_INTERVAL_MS, RECHECK_INTERVAL_MS, LOG_LEVEL. Runs in the foreground, logs to \
            stderr, stops cleanly on SIGTERM or SIGINT.
            """)

    func run() async throws {
        let logger = ServiceLogging.bootstrap(label: "dispatcher")
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration()
        } catch {
            logger.critical("\(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        let dispatcher = try await AutoResponder.makeDispatcher(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: dispatcher)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
