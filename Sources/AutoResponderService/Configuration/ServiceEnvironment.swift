import AutoResponderCore
import Foundation

/// Every environment variable the dispatcher and the worker read: the one list that deployments
/// (docker-compose.yml, deploy/kubernetes/) are checked against. A test keeps it equal to the
/// variables the code reads (``ServiceConfiguration``, ``ServiceLogging``).
public enum ServiceEnvironment {
    /// How much a deployment must care about a variable.
    public enum Need: Sendable, Equatable {
        /// No default: the process stops at start-up without it.
        case required
        /// Its default only fits a developer's machine (localhost, the simulator): every real
        /// deployment sets it.
        case perDeployment
        /// A default that fits production.
        case optional
    }

    /// One variable.
    public struct Variable: Sendable, Equatable {
        /// Its name.
        public let name: String
        /// Whether a deployment must set it.
        public let need: Need
        /// True when its value is a secret (a password in a URL, a token): keep it in a Secret, never
        /// in a ConfigMap or a log.
        public let isSecret: Bool

        init(_ name: String, _ need: Need = .optional, secret: Bool = false) {
            self.name = name
            self.need = need
            self.isSecret = secret
        }
    }

    /// The variables, in the order of the README's configuration table.
    public static let variables: [Variable] = [
        Variable("AMQP_URL", .perDeployment, secret: true),
        Variable("AMQP_TLS_CA_FILE"), Variable("AMQP_TLS_CERT_FILE"), Variable("AMQP_TLS_KEY_FILE"),
        Variable("DATABASE_URL", .perDeployment, secret: true),
        Variable("CHATS_API_URL", .perDeployment), Variable("LOGISTICS_API_URL", .perDeployment),
        Variable("TELECOM_API_URL", .perDeployment),
        Variable("API_TOKEN", .required, secret: true),
        Variable("POLL_INTERVAL_MS"), Variable("WORKER_CONCURRENCY"), Variable("BUSINESS_TIMEZONE"),
        Variable("RECHECK_INTERVAL_MS"), Variable("CONFIG_DIR"), Variable("HTTP_CONNECT_TIMEOUT_MS"),
        Variable("HTTP_TIMEOUT_MS"), Variable("JOB_MAX_ATTEMPTS"), Variable("JOB_RETRY_DELAY_MS"),
        Variable("AMBIGUOUS_SEND"), Variable("SEND_SETTLE_MS"), Variable("PARKED_RECHECK_INTERVAL_MS"),
        Variable("REPLY_CLAIM_TTL_MS"), Variable("DATABASE_POOL_SIZE"), Variable("AMQP_PREFIX"),
        Variable("INSTANCE_ID"), Variable("OPS_PORT"), Variable("OPS_HOST"), Variable("LOG_LEVEL"),
        Variable("LOG_FORMAT"), Variable("JOB_RETRY_DELAYS_MS"), Variable("RETRY_BUDGET_MS"),
        Variable("BREAKER_WINDOW_MS"), Variable("BREAKER_MIN_CALLS"), Variable("BREAKER_FAILURE_RATIO"),
        Variable("BREAKER_OPEN_MS"), Variable("BREAKER_MAX_OPEN_MS"), Variable("CHATS_API_RATE"),
        Variable("LOGISTICS_API_RATE"), Variable("TELECOM_API_RATE"), Variable("SHUTDOWN_GRACE_MS"),
        Variable("DATABASE_STATEMENT_TIMEOUT_MS"), Variable("DATABASE_POOL_WAIT_MS"),
        Variable("RECHECK_MAX_INTERVAL_MS"), Variable("RECHECK_PUSHED_INTERVAL_MS"), Variable("RECHECK_BACKLOG_LIMIT"),
        Variable("EVENTS_PORT"), Variable("EVENTS_SECRET", secret: true),
    ]

    /// The names of ``variables``.
    public static var names: Set<String> { Set(variables.map(\.name)) }

    /// ``names`` and the variables that the data sources of `configDirectory`'s `sources.yaml` name
    /// (a resolver's own source: its URL, token and rate variables).
    public static func names(configDirectory: URL) throws -> Set<String> {
        let sources = try SourcesConfiguration.load(
            contentsOf: configDirectory.appendingPathComponent(SourcesConfiguration.fileName))
        return names.union(sources.sources.flatMap { [$0.urlVariable, $0.tokenVariable] + ($0.rateVariable.map { [$0] } ?? []) })
    }

    /// The variable named `name`, if the service reads it.
    public static func variable(named name: String) -> Variable? { variables.first { $0.name == name } }
}
