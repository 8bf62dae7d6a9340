import ArgumentParser
import Foundation

/// Options of `bench e2e` (scripts/bench-e2e.sh sets them from its environment).
struct E2EOptions: ParsableArguments {
    @Option(help: "World directory (worldgen generate) served by the simulator; its business tables must be loaded.")
    var world: String

    @Option(help: "Conversations of the world (all active at once).")
    var conversations: Int

    @Option(help: "Worker processes.")
    var workers: Int = 2

    @Option(help: "WORKER_CONCURRENCY of each worker.")
    var concurrency: Int = 32

    @Option(help: "Simulator latency: every upstream answer waits latency-ms + a uniform 0...jitter-ms.")
    var latencyMs: Int = 30

    @Option(help: "See --latency-ms (30 + 0...40 = 50 ± 20 ms).")
    var jitterMs: Int = 40

    @Option(help: "Simulator close_after_seconds: seconds an answered conversation stays active, or 'never'.")
    var closeAfter: String = "60"

    @Option(help: "Share of conversations whose client writes a follow-up after the first reply.")
    var followUpShare: Double = 0

    @Option(help: "Seconds after the first reply the follow-up is written.")
    var followUpDelay: Double = 2

    @Option(help: "Steady mode: after every conversation (and follow-up) is answered, measure a window of this many seconds with all of them open (0: burst only).")
    var steadySeconds: Double = 0

    @Option(help: "Steady mode: seconds to wait, once every follow-up is answered, before the window starts (0: at once, the first minute after the replies).")
    var steadySettle: Double = 0

    @Flag(help: "The simulator pushes signed events (POST /events) to the dispatcher (EVENTS_PORT, EVENTS_SECRET) when a conversation becomes active or its client writes; polling stays as the safety net.")
    var push = false

    @Option(help: "Give up waiting for the replies after this many seconds.")
    var timeout: Double = 900

    @Option(help: "Directory of the dispatcher, worker and apisim executables (default: this executable's).")
    var bin: String?

    @Option(help: "The service's DATABASE_URL (its least-privilege role).")
    var serviceDatabaseURL: String

    @Option(help: "An owner's URL of the same database (pg_stat_statements, resetting the service's schema).")
    var databaseURL: String

    @Option(help: "The role the service connects as: its statements are counted.")
    var serviceRole: String = "autoresponder"

    @Option(help: "AMQP_URL of the broker.")
    var amqpURL: String

    @Option(help: "AMQP_PREFIX of the run (its queues and exchanges are deleted before and after).")
    var amqpPrefix: String = "bench-e2e"

    @Option(help: "Command that runs rabbitmqctl against the broker (words separated by spaces).")
    var rabbitmqctl: String = "bash scripts/servers.sh rabbitmqctl"

    @Option(help: "Pid of the PostgreSQL postmaster (default: found from a backend's parent).")
    var postgresPid: Int32?

    @Option(help: "Pid of RabbitMQ's beam.smp (default: asked with rabbitmqctl eval).")
    var rabbitmqPid: Int32?

    @Option(help: "CONFIG_DIR of the service.")
    var configDir: String = "config"

    @Option(help: "Directory for this run's logs and result (label.json).")
    var outDir: String = ".run/bench-e2e"

    @Option(help: "Name of the run (file names, tables).")
    var label: String = "run"

    @Option(help: "Swift version to record with the result.")
    var swiftVersion: String = "unknown"

    @Option(help: "Commit to record with the result.")
    var commit: String = "unknown"

    func validate() throws {
        guard conversations > 0, workers > 0, concurrency > 0 else {
            throw ValidationError("--conversations, --workers and --concurrency must be > 0")
        }
        guard closeAfter == "never" || Double(closeAfter) != nil else { throw ValidationError("--close-after: seconds or 'never'") }
        guard (0...1).contains(followUpShare), followUpDelay >= 0, steadySeconds >= 0, steadySettle >= 0, timeout > 0 else {
            throw ValidationError("--follow-up-share in 0...1; delays, windows and the timeout not negative")
        }
    }
}
