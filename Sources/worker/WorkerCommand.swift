import ArgumentParser
import AutoResponderService
import Logging
import ServiceLifecycle
import UnixSignals

/// `worker`: consumes jobs, answers the conversations, posts the replies.
@main
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consumes conversation jobs from RabbitMQ and answers each conversation once per client message.",
        discussion: """
            Configured by the environment (see README.md): AMQP_URL, DATABASE_URL, CHATS_API_URL, \
            LOGISTICS_API_URL, TELECOM_API_URL, API_TOKEN (required), WORKER_CONCURRENCY, BUSINESS_TIMEZONE, \
            CONFIG_DIR, LOG_LEVEL. Runs in the foreground, logs to stderr, stops cleanly on SIGTERM or SIGINT \
            after finishing the jobs in flight.
            """)

    func run() async throws {
        let logger = ServiceLogging.bootstrap(label: "worker")
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration()
        } catch {
            logger.critical("\(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        let worker = try await AutoResponder.makeWorker(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
