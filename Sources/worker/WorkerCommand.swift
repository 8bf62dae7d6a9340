import ArgumentParser
import AutoResponderService

/// `worker`: consumes jobs, answers the conversations, posts the replies.
@main
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consumes conversation jobs from RabbitMQ and answers each conversation once per client message.",
        version: AutoResponderVersion.current,
        subcommands: [Run.self, HealthcheckCommand.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the worker (the default).",
            discussion: """
                Configured by the environment (see README.md): AMQP_URL, DATABASE_URL, CHATS_API_URL, \
                LOGISTICS_API_URL, TELECOM_API_URL, API_TOKEN (required), WORKER_CONCURRENCY, BUSINESS_TIMEZONE, \
                CONFIG_DIR, OPS_PORT, LOG_LEVEL, LOG_FORMAT. Runs in the foreground, logs to stderr, stops cleanly \
                on SIGTERM or SIGINT after finishing the jobs in flight.
                """)

        func run() async throws {
            do {
                try await ServiceRunner.run(label: "worker") { configuration, logger in
                    try await AutoResponder.makeWorker(configuration: configuration, logger: logger)
                }
            } catch is ServiceConfigurationError {
                throw ExitCode(78)  // EX_CONFIG; the error is logged
            }
        }
    }
}
