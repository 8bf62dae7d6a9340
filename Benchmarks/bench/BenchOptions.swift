import ArgumentParser
import Foundation

/// Options shared by every subcommand.
struct BenchOptions: ParsableArguments {
    @Option(help: "Seconds each timed case runs (publish, queries, requests).")
    var duration: Double = 5

    @Option(help: "Seconds of the same work run before each timed case, not measured.")
    var warmup: Double = 1

    @Option(help: "Messages pre-filled and then consumed by each consume case.")
    var count: Int = 20_000

    @Option(help: "Messages per publish call in the batched publish case.")
    var batchSize: Int = 100

    @Option(help: "Body size of the published messages, in bytes.")
    var messageBytes: Int = 200

    @Option(help: "RabbitMQ URL (default: $AMQP_URL, else amqp://guest:guest@127.0.0.1:5682/%2f).")
    var amqpURL: String?

    @Option(help: "PostgreSQL URL (default: $DATABASE_URL, else postgresql://postgres@127.0.0.1:5442/autoresponder).")
    var databaseURL: String?

    @Option(help: "Pid of the RabbitMQ server (beam.smp): its process tree's CPU is reported per message.")
    var amqpServerPid: Int32?

    @Option(help: "Pid of the PostgreSQL postmaster: its process tree's CPU is reported per query.")
    var postgresServerPid: Int32?

    func validate() throws {
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be > 0 and --warmup >= 0") }
        guard count > 0, batchSize > 0, messageBytes >= 0 else {
            throw ValidationError("--count and --batch-size must be > 0, --message-bytes >= 0")
        }
    }

    /// How long each timed case runs.
    var timedDuration: Duration { .milliseconds(Int64(duration * 1000)) }

    /// How long each warm-up runs.
    var warmupDuration: Duration { .milliseconds(Int64(warmup * 1000)) }

    /// The RabbitMQ URL to use.
    var resolvedAMQPURL: String {
        amqpURL ?? ProcessInfo.processInfo.environment["AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5682/%2f"
    }

    /// The PostgreSQL URL to use.
    var resolvedDatabaseURL: String {
        databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
            ?? "postgresql://postgres@127.0.0.1:5442/autoresponder"
    }
}
