import AutoResponderService
import Foundation

/// Everything the console reads from the environment: its own `CONSOLE_*` variables, and the
/// service's (`DATABASE_URL`, `AMQP_URL`, `AMQP_PREFIX`, `JOB_RETRY_DELAY_MS`, `CHATS_API_URL`,
/// `API_TOKEN`, `BUSINESS_TIMEZONE`) to reach the same deployment.
public struct ConsoleConfiguration: Sendable {
    /// The deployment's settings (`API_TOKEN` optional: without it, messages are not shown).
    public var service: ServiceConfiguration
    /// Who may sign in (`CONSOLE_USERS`, `CONSOLE_TOKEN`).
    public var credentials: Credentials
    /// Interface to bind (`CONSOLE_HOST`, default 127.0.0.1: put a TLS proxy in front to open it).
    public var host: String
    /// Port (`CONSOLE_PORT`, default 8088; 0 picks a free one).
    public var port: Int
    /// Whether cookies are `Secure` (`CONSOLE_SECURE_COOKIES=1`; also when a proxy says
    /// `X-Forwarded-Proto: https`).
    public var secureCookies: Bool
    /// How long a sign-in lasts (`CONSOLE_SESSION_HOURS`, default 12).
    public var sessionLifetime: Duration
    /// Operations ports to show on the overview (`CONSOLE_OPS_TARGETS`: base URLs separated by commas).
    public var opsTargets: [String]
    /// How long a page waits for the chats API or an ops port (`CONSOLE_UPSTREAM_TIMEOUT_MS`, default 2000).
    public var upstreamTimeout: Duration
    /// How often live pages refresh themselves (`CONSOLE_REFRESH_SECONDS`, default 5; 0: never).
    public var refreshSeconds: Int

    /// A configuration from its parts (tests).
    public init(
        service: ServiceConfiguration, credentials: Credentials, host: String = "127.0.0.1", port: Int = 8088,
        secureCookies: Bool = false, sessionLifetime: Duration = .seconds(12 * 3600), opsTargets: [String] = [],
        upstreamTimeout: Duration = .seconds(2), refreshSeconds: Int = 5
    ) {
        self.service = service
        self.credentials = credentials
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.opsTargets = opsTargets
        self.upstreamTimeout = upstreamTimeout
        self.refreshSeconds = refreshSeconds
    }

    /// Reads the environment.
    /// - Throws: ``ConsoleConfigurationError`` naming the variable that is missing or malformed.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConsoleConfigurationError) {
        do {
            service = try ServiceConfiguration(environment: environment, requiresAPIToken: false)
        } catch {
            throw ConsoleConfigurationError(variable: error.variable, message: error.message)
        }
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(ConsoleConfigurationError) -> Int {
            guard let raw = value(name) else { return fallback }
            guard let number = Int(raw), range.contains(number) else {
                throw ConsoleConfigurationError(
                    variable: name, message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
            }
            return number
        }
        credentials = try Credentials(users: environment["CONSOLE_USERS"], token: environment["CONSOLE_TOKEN"])
        host = value("CONSOLE_HOST") ?? "127.0.0.1"
        port = try integer("CONSOLE_PORT", default: 8088, range: 0...65535)
        secureCookies = ["1", "true", "yes"].contains(value("CONSOLE_SECURE_COOKIES")?.lowercased() ?? "")
        sessionLifetime = .seconds(3600 * (try integer("CONSOLE_SESSION_HOURS", default: 12, range: 1...720)))
        upstreamTimeout = .milliseconds(try integer("CONSOLE_UPSTREAM_TIMEOUT_MS", default: 2000, range: 100...60_000))
        refreshSeconds = try integer("CONSOLE_REFRESH_SECONDS", default: 5, range: 0...3600)
        opsTargets = try Self.targets(value("CONSOLE_OPS_TARGETS") ?? "")
    }

    /// `http://host:port` base URLs, without a trailing slash.
    static func targets(_ text: String) throws(ConsoleConfigurationError) -> [String] {
        var targets: [String] = []
        for raw in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            var target = String(raw)
            while target.hasSuffix("/") { target.removeLast() }
            guard target.hasPrefix("http://") || target.hasPrefix("https://"), target.count > 8, target.count < 300 else {
                throw ConsoleConfigurationError(
                    variable: "CONSOLE_OPS_TARGETS", message: "must be http(s)://host:port URLs separated by commas")
            }
            targets.append(target)
        }
        return targets
    }
}
