import AMQP
import AutoResponderCore
import Foundation
import Resilience

/// Everything the dispatcher and the worker read from the environment (docs/contract.md, "Configuration"),
/// built in one place by ``ServiceConfiguration/init(environment:)``.
public struct ServiceConfiguration: Sendable {
    /// RabbitMQ URL (`AMQP_URL`): one node, or a cluster's nodes separated by commas; `amqps://` for
    /// TLS. ``amqpConfiguration()`` combines it with ``amqpTLS``.
    public var amqpURL: String
    /// TLS files for an `amqps://` URL (`AMQP_TLS_CA_FILE`, `AMQP_TLS_CERT_FILE`, `AMQP_TLS_KEY_FILE`).
    public var amqpTLS: AMQPTLSConfiguration
    /// PostgreSQL libpq URI (`DATABASE_URL`), handed to libpq untouched: its own options (`sslmode`,
    /// `sslrootcert`, several hosts, `target_session_attrs`, ...) apply.
    public var databaseURL: String
    /// Base URL of the chats API (`CHATS_API_URL`).
    public var chatsAPIURL: String
    /// Base URL of the logistics API (`LOGISTICS_API_URL`).
    public var logisticsAPIURL: String
    /// Base URL of the telecom API (`TELECOM_API_URL`).
    public var telecomAPIURL: String
    /// Value of the `authorization` header for the three APIs (`API_TOKEN`). Never logged.
    public var apiToken: String
    /// How often the dispatcher polls `/conversations` (`POLL_INTERVAL_MS`).
    public var pollInterval: Duration
    /// When an active conversation is looked at again for new client messages: `RECHECK_INTERVAL_MS`
    /// after a change (default 1 s), doubling while nothing changes up to `RECHECK_MAX_INTERVAL_MS`
    /// (default 60 s); `RECHECK_PUSHED_INTERVAL_MS` (default 120 s) while events are pushed; re-checks
    /// wait while more than `RECHECK_BACKLOG_LIMIT` (default 1000) jobs are queued.
    public var recheckPolicy: RecheckPolicy
    /// The first re-check's wait (``recheckPolicy``'s `first`).
    public var recheckInterval: Duration { recheckPolicy.first }
    /// Jobs one worker process handles at once (`WORKER_CONCURRENCY`); also the AMQP prefetch.
    public var workerConcurrency: Int
    /// Zone of "the previous day" for receipts (`BUSINESS_TIMEZONE`).
    public var businessTimeZone: TimeZone
    /// Folder with routing.yaml and the reply templates (`CONFIG_DIR`).
    public var configDirectory: URL
    /// Connect timeout of the upstream HTTP APIs (`HTTP_CONNECT_TIMEOUT_MS`).
    public var httpConnectTimeout: Duration
    /// Total timeout of one upstream HTTP request (`HTTP_TIMEOUT_MS`).
    public var httpTimeout: Duration
    /// Failed attempts of a conversation, for failures that will probably happen again (an answer
    /// that is never valid), before it is parked (`JOB_MAX_ATTEMPTS`).
    public var maxAttempts: Int
    /// The shortest delay before a failed job is tried again (`JOB_RETRY_DELAY_MS`): the first rung of
    /// ``retryDelays``.
    public var retryDelay: Duration { retryDelays[0] }
    /// The delay ladder of retries (`JOB_RETRY_DELAYS_MS`, comma-separated; default: `JOB_RETRY_DELAY_MS`
    /// × 1, 5, 30, 120, 600, i.e. 1 s, 5 s, 30 s, 2 min, 10 min). One delay queue each.
    public var retryDelays: [Duration]
    /// How long upstream failures (outages, limits, open breakers) may go on for a conversation before
    /// it is handed off (`RETRY_BUDGET_MS`, default 5 min).
    public var retryBudget: Duration
    /// When an upstream's circuit breaker opens (`BREAKER_FAILURE_RATIO`, `BREAKER_MIN_CALLS`,
    /// `BREAKER_WINDOW_MS`, `BREAKER_OPEN_MS`, `BREAKER_MAX_OPEN_MS`).
    public var breakerPolicy: CircuitBreakerPolicy
    /// Client-side rate limits, requests per second per process (`CHATS_API_RATE`,
    /// `LOGISTICS_API_RATE`, `TELECOM_API_RATE`; unset: none).
    public var chatsAPIRate: Double?
    /// See ``chatsAPIRate``.
    public var logisticsAPIRate: Double?
    /// See ``chatsAPIRate``.
    public var telecomAPIRate: Double?
    /// How long SIGTERM lets the jobs in flight finish before handing them back (`SHUTDOWN_GRACE_MS`,
    /// default 25 s: below the 30 s of Docker and Kubernetes).
    public var shutdownGrace: Duration
    /// How long a reply claim protects a message from other workers (`REPLY_CLAIM_TTL_MS`).
    public var replyClaimTTL: Duration
    /// PostgreSQL connections per process (`DATABASE_POOL_SIZE`).
    public var databasePoolSize: Int
    /// The server-side `statement_timeout` (`DATABASE_STATEMENT_TIMEOUT_MS`, default 15 s); the client
    /// gives up on a connection that has not answered 2 s after it (a stalled server).
    public var databaseStatementTimeout: Duration
    /// How long a call waits for a free pool connection before it fails (`DATABASE_POOL_WAIT_MS`,
    /// default 10 s): a stalled database fails jobs (retried later) instead of piling them up.
    public var databasePoolWait: Duration
    /// Names of the broker's exchange and queues (`AMQP_PREFIX`, default `autoresponder`).
    public var amqpPrefix: String
    /// A name for this process in logs and in the reply ledger (`INSTANCE_ID`, default host-pid).
    public var instanceID: String
    /// What to do with a reply whose post ended with an unknown outcome (`AMBIGUOUS_SEND`:
    /// `recheck` (default) or `handoff`) and how long its echo may take (`SEND_SETTLE_MS`, default 10 s).
    public var ambiguousSend: AmbiguousSendPolicy
    /// How often a parked conversation is looked at for a new client message
    /// (`PARKED_RECHECK_INTERVAL_MS`, default 5 min).
    public var parkedRecheckInterval: Duration
    /// The dispatcher's receiver of pushed events (`POST /events`; `EVENTS_PORT`, default 0: off) and
    /// the secret their signatures are checked with (`EVENTS_SECRET`, required when the port is set).
    public var eventsPort: Int?
    /// See ``eventsPort``. Never logged.
    public var eventsSecret: String
    /// Port of the operations server (`/healthz`, `/readyz`, `/metrics`; `OPS_PORT`, default 9090);
    /// `nil` when `OPS_PORT=0` turns it off.
    public var opsPort: Int?
    /// Interface the operations server binds (`OPS_HOST`, default `0.0.0.0`).
    public var opsHost: String
    /// The variables this configuration was read from: the data sources of `config/sources.yaml` name
    /// theirs (URL, token, rate), read when the worker builds them. Holds secrets: never logged.
    var environment: [String: String]

    /// A job running longer than this makes the worker's `/healthz` fail: every step of a job has a
    /// deadline (HTTP timeouts, the 30 s statement timeout, the claim's life), so a longer one is stuck.
    public var jobStuckAfter: Duration { max(replyClaimTTL * 2, .seconds(120)) }

    /// A poll running longer than this makes the dispatcher's `/healthz` fail (a poll is one chats API
    /// request, three statements and one confirmed publish, each with its own deadline).
    public var pollStuckAfter: Duration { pollInterval + httpTimeout + .seconds(120) }

    /// Builds the configuration from environment variables, with the contract's defaults.
    /// - Parameter requiresAPIToken: false for tools that never call the upstream APIs
    ///   (`autoresponderctl`); `apiToken` is then empty when `API_TOKEN` is unset.
    /// - Throws: ``ServiceConfigurationError`` naming the variable that is missing or malformed.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, requiresAPIToken: Bool = true
    ) throws(ServiceConfigurationError) {
        let env = EnvironmentReader(environment)
        self.environment = environment
        amqpURL = env.string("AMQP_URL", default: "amqp://guest:guest@127.0.0.1:5672/%2f")
        amqpTLS = AMQPTLSConfiguration(
            caFile: env.optional("AMQP_TLS_CA_FILE"), certificateFile: env.optional("AMQP_TLS_CERT_FILE"),
            keyFile: env.optional("AMQP_TLS_KEY_FILE"))
        databaseURL = env.string("DATABASE_URL", default: "postgresql://postgres@127.0.0.1:5432/autoresponder")
        chatsAPIURL = env.string("CHATS_API_URL", default: "http://127.0.0.1:8080")
        logisticsAPIURL = env.string("LOGISTICS_API_URL", default: "http://127.0.0.1:8080")
        telecomAPIURL = env.string("TELECOM_API_URL", default: "http://127.0.0.1:8080")
        apiToken = requiresAPIToken ? try env.required("API_TOKEN") : env.string("API_TOKEN", default: "")
        pollInterval = try env.milliseconds("POLL_INTERVAL_MS", default: 1000, range: 10...3_600_000)
        recheckPolicy = RecheckPolicy(
            first: try env.milliseconds("RECHECK_INTERVAL_MS", default: 1000, range: 100...86_400_000),
            maximum: try env.milliseconds("RECHECK_MAX_INTERVAL_MS", default: 60_000, range: 100...86_400_000),
            whilePushed: try env.milliseconds("RECHECK_PUSHED_INTERVAL_MS", default: 120_000, range: 100...86_400_000),
            backlogLimit: try env.integer("RECHECK_BACKLOG_LIMIT", default: 1000, range: 0...10_000_000))
        workerConcurrency = try env.integer("WORKER_CONCURRENCY", default: 32, range: 1...1024)
        businessTimeZone = try env.timeZone("BUSINESS_TIMEZONE", default: "America/Sao_Paulo")
        configDirectory = URL(fileURLWithPath: env.string("CONFIG_DIR", default: "config"))
        httpConnectTimeout = try env.milliseconds("HTTP_CONNECT_TIMEOUT_MS", default: 2000, range: 10...60_000)
        httpTimeout = try env.milliseconds("HTTP_TIMEOUT_MS", default: 5000, range: 10...300_000)
        maxAttempts = try env.integer("JOB_MAX_ATTEMPTS", default: 5, range: 1...100)
        let firstDelay = try env.integer("JOB_RETRY_DELAY_MS", default: 1000, range: 10...3_600_000)
        retryDelays = try env.millisecondsList(
            "JOB_RETRY_DELAYS_MS", default: [1, 5, 30, 120, 600].map { $0 * firstDelay }, range: 10...86_400_000)
        retryBudget = try env.milliseconds("RETRY_BUDGET_MS", default: 300_000, range: 0...86_400_000)
        breakerPolicy = CircuitBreakerPolicy(
            window: try env.milliseconds("BREAKER_WINDOW_MS", default: 10_000, range: 1000...600_000),
            minimumCalls: try env.integer("BREAKER_MIN_CALLS", default: 10, range: 1...100_000),
            failureRatio: try env.ratio("BREAKER_FAILURE_RATIO", default: 0.5),
            openDuration: try env.milliseconds("BREAKER_OPEN_MS", default: 5000, range: 100...3_600_000),
            maximumOpenDuration: try env.milliseconds("BREAKER_MAX_OPEN_MS", default: 60_000, range: 100...3_600_000))
        chatsAPIRate = try env.rate("CHATS_API_RATE")
        logisticsAPIRate = try env.rate("LOGISTICS_API_RATE")
        telecomAPIRate = try env.rate("TELECOM_API_RATE")
        shutdownGrace = try env.milliseconds("SHUTDOWN_GRACE_MS", default: 25_000, range: 0...3_600_000)
        replyClaimTTL = try env.milliseconds("REPLY_CLAIM_TTL_MS", default: 60_000, range: 1000...86_400_000)
        databasePoolSize = try env.integer("DATABASE_POOL_SIZE", default: 8, range: 1...200)
        databaseStatementTimeout = try env.milliseconds("DATABASE_STATEMENT_TIMEOUT_MS", default: 15_000, range: 100...600_000)
        databasePoolWait = try env.milliseconds("DATABASE_POOL_WAIT_MS", default: 10_000, range: 100...600_000)
        amqpPrefix = env.string("AMQP_PREFIX", default: "autoresponder")
        instanceID = env.string(
            "INSTANCE_ID", default: "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)")
        ambiguousSend = AmbiguousSendPolicy(
            mode: try env.choice("AMBIGUOUS_SEND", default: AmbiguousSendPolicy.Mode.recheck),
            settle: try env.milliseconds("SEND_SETTLE_MS", default: 10_000, range: 0...3_600_000))
        parkedRecheckInterval = try env.milliseconds(
            "PARKED_RECHECK_INTERVAL_MS", default: 300_000, range: 1000...86_400_000)
        let eventsPort = try env.integer("EVENTS_PORT", default: 0, range: 0...65535)
        self.eventsPort = eventsPort == 0 ? nil : eventsPort
        eventsSecret = eventsPort == 0 ? "" : try env.required("EVENTS_SECRET")
        let opsPort = try env.integer("OPS_PORT", default: 9090, range: 0...65535)
        self.opsPort = opsPort == 0 ? nil : opsPort
        opsHost = env.string("OPS_HOST", default: "0.0.0.0")
        _ = try amqpConfiguration()  // a malformed AMQP_URL or TLS setting stops the process at start-up
        if replyClaimTTL <= httpTimeout * 2 {
            throw ServiceConfigurationError(
                variable: "REPLY_CLAIM_TTL_MS",
                message: "must be more than twice HTTP_TIMEOUT_MS, or a slow reply could be posted twice")
        }
    }
}

/// A configuration variable is missing or malformed.
public struct ServiceConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The environment variable at fault.
    public let variable: String
    /// What is wrong and what to do.
    public let message: String
    /// A one-line explanation for the operator.
    public var description: String { "configuration: \(variable) \(message)" }
}

/// Typed reads of environment variables (one place for the parsing rules).
struct EnvironmentReader {
    private let environment: [String: String]

    init(_ environment: [String: String]) { self.environment = environment }

    private func value(_ name: String) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    func string(_ name: String, default fallback: String) -> String { value(name) ?? fallback }

    /// The value, or nil when the variable is unset or empty.
    func optional(_ name: String) -> String? { value(name) }

    func required(_ name: String) throws(ServiceConfigurationError) -> String {
        guard let raw = value(name) else {
            throw ServiceConfigurationError(variable: name, message: "is required: set it in the environment")
        }
        return raw
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(ServiceConfigurationError) -> Int {
        guard let raw = value(name) else { return fallback }
        guard let number = Int(raw), range.contains(number) else {
            throw ServiceConfigurationError(
                variable: name, message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return number
    }

    func milliseconds(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(ServiceConfigurationError) -> Duration {
        .milliseconds(try integer(name, default: fallback, range: range))
    }

    /// A comma-separated list of milliseconds, each in `range`.
    func millisecondsList(_ name: String, default fallback: [Int], range: ClosedRange<Int>)
        throws(ServiceConfigurationError) -> [Duration]
    {
        guard let raw = value(name) else { return fallback.map { .milliseconds($0) } }
        let numbers = raw.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0.map(range.contains) ?? false }) else {
            throw ServiceConfigurationError(
                variable: name,
                message: "must be comma-separated integers in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return numbers.compactMap { $0 }.sorted().map { .milliseconds($0) }
    }

    /// A number in 0...1.
    func ratio(_ name: String, default fallback: Double) throws(ServiceConfigurationError) -> Double {
        guard let raw = value(name) else { return fallback }
        guard let number = Double(raw), number > 0, number <= 1 else {
            throw ServiceConfigurationError(variable: name, message: "must be a number in (0, 1], got '\(raw)'")
        }
        return number
    }

    /// A positive number of requests per second, or `nil` when unset.
    func rate(_ name: String) throws(ServiceConfigurationError) -> Double? {
        guard let raw = value(name) else { return nil }
        guard let number = Double(raw), number > 0, number.isFinite else {
            throw ServiceConfigurationError(variable: name, message: "must be a positive number of requests per second, got '\(raw)'")
        }
        return number
    }

    /// One of the raw values of `Choice` (compared lowercased).
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default fallback: Choice)
        throws(ServiceConfigurationError) -> Choice where Choice.RawValue == String
    {
        guard let raw = value(name) else { return fallback }
        guard let choice = Choice(rawValue: raw.lowercased()) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ServiceConfigurationError(variable: name, message: "must be one of \(allowed), got '\(raw)'")
        }
        return choice
    }

    func timeZone(_ name: String, default fallback: String) throws(ServiceConfigurationError) -> TimeZone {
        let identifier = value(name) ?? fallback
        guard let zone = TimeZone(identifier: identifier) else {
            throw ServiceConfigurationError(variable: name, message: "is not a known time zone identifier: '\(identifier)'")
        }
        return zone
    }
}
