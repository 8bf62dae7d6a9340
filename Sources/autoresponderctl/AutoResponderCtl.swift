import ArgumentParser
import AutoResponderService

/// `autoresponderctl`: the operator's command. Reads the same environment as the service
/// (`AMQP_URL`, `DATABASE_URL`, `AMQP_PREFIX`, `JOB_RETRY_DELAY_MS`; no `API_TOKEN` needed).
@main
struct AutoResponderCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoresponderctl",
        abstract: "See and act on a running auto-responder: queues, waiting conversations, hand-offs.",
        discussion: """
            Uses the service's environment variables (AMQP_URL, DATABASE_URL, AMQP_PREFIX, \
            JOB_RETRY_DELAY_MS). Every listing takes --json for scripts.
            """,
        version: AutoResponderVersion.current,
        subcommands: [Status.self, HandOffs.self, DeadLetters.self, Parked.self])
}
