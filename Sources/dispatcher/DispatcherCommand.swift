import ArgumentParser
import AutoResponderService

/// `dispatcher`: polls the chats API and publishes one job per conversation that needs work.
@main
struct DispatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatcher",
        abstract: "Polls the chats API and publishes a job per conversation that needs work to RabbitMQ.",
        version: AutoResponderVersion.current,
        subcommands: [Run.self, HealthcheckCommand.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the dispatcher (the default).",
            discussion: """
                Configured by the environment (see README.md): AMQP_URL, DATABASE_URL, CHATS_API_URL, API_TOKEN \
                (required), POLL_INTERVAL_MS, RECHECK_INTERVAL_MS, OPS_PORT, LOG_LEVEL, LOG_FORMAT. Runs in the \
                foreground, logs to stderr, stops cleanly on SIGTERM or SIGINT.
                """)

        func run() async throws {
            do {
                try await ServiceRunner.run(label: "dispatcher") { configuration, logger in
                    try await AutoResponder.makeDispatcher(configuration: configuration, logger: logger)
                }
            } catch is ServiceConfigurationError {
                throw ExitCode(78)  // EX_CONFIG; the error is logged
            }
        }
    }
}
