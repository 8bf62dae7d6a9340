import CLibPQ

/// How to reach PostgreSQL and how the client's pool behaves.
///
/// Built from a libpq connection URI (`postgresql://user:password@host:port/database?...`, see the libpq
/// manual, "Connection URIs"). The URI is parsed once, in `init`, so a malformed URI fails at start-up
/// rather than at the first query. The password is never logged: ``description`` and every log line
/// name only the host, port, database and user.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// The libpq connection URI. It may carry a password: never log it (log ``description``).
    public let url: String
    /// How many connections (each on its own thread) ``PostgresClient`` opens at most. At least 1.
    public var poolSize: Int
    /// How long opening a connection may take. libpq counts whole seconds, at least 2.
    public var connectTimeout: Duration
    /// `statement_timeout` of every session: a statement running longer is cancelled by the server and
    /// fails with ``PostgresError/Code/timeout``. `nil` keeps the server's setting (by default none).
    public var statementTimeout: Duration?
    /// `application_name` of every session (shown in `pg_stat_activity`).
    public var applicationName: String
    /// How many times ``PostgresClient`` runs a body again, on a fresh connection, after it failed with a
    /// connection-level error (server restart, network loss). 0 turns retries off. See
    /// ``PostgresClient/withConnection(_:)`` for the idempotency this requires of the body.
    public var connectionRetries: Int

    /// Host, port, database and user of the URI (never the password), for log lines and errors.
    public let target: Target

    /// Parsed parameters of the URI, passed to `PQconnectdbParams` with the session settings added.
    let uriParameters: [Parameter]

    /// Parses `url` and keeps the settings.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/invalidConfiguration`` when libpq
    ///   cannot parse the URI, or `poolSize` is below 1.
    public init(
        url: String,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(5),
        statementTimeout: Duration? = nil,
        applicationName: String = "autoresponder",
        connectionRetries: Int = 1
    ) throws {
        guard poolSize >= 1 else {
            throw PostgresError(
                code: .invalidConfiguration, message: "pool size must be at least 1, got \(poolSize)")
        }
        let parameters = try Self.parse(url)
        self.url = url
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
        self.connectionRetries = max(0, connectionRetries)
        self.uriParameters = parameters
        self.target = Target(parameters)
    }

    /// `postgresql://user@host:port/database`, without the password.
    public var description: String { target.description }

    /// Where a configuration points: what may be logged of the URI.
    public struct Target: Sendable, CustomStringConvertible {
        /// The host (or socket folder); libpq's default when the URI has none.
        public let host: String
        /// The port; libpq's default (5432) when the URI has none.
        public let port: String
        /// The database name; libpq defaults it to the user name.
        public let database: String
        /// The user name, if the URI has one.
        public let user: String?

        init(_ parameters: [Parameter]) {
            func value(_ key: String) -> String? { parameters.last { $0.keyword == key }?.value }
            host = value("host") ?? value("hostaddr") ?? "localhost"
            port = value("port") ?? "5432"
            user = value("user")
            database = value("dbname") ?? user ?? "postgres"
        }

        /// `postgresql://user@host:port/database`.
        public var description: String {
            "postgresql://\(user.map { "\($0)@" } ?? "")\(host):\(port)/\(database)"
        }
    }

    /// One keyword/value pair of a libpq connection string.
    struct Parameter: Sendable {
        let keyword: String
        let value: String
    }

    private static func parse(_ url: String) throws -> [Parameter] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                code: .invalidConfiguration,
                message: "the database URL is not a valid libpq connection URI: "
                    + reason.trimmingTrailingNewlines + "; expected postgresql://user@host:port/database")
        }
        defer { PQconninfoFree(options) }
        var parameters: [Parameter] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                parameters.append(Parameter(keyword: String(cString: keyword), value: String(cString: value)))
            }
            option += 1
        }
        return parameters
    }
}

extension String {
    /// The string without the newline libpq puts at the end of its messages.
    var trimmingTrailingNewlines: String {
        var result = Substring(self)
        while let last = result.last, last.isNewline || last == " " { result = result.dropLast() }
        return String(result)
    }
}
