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
    /// How long opening a connection may take (libpq's `connect_timeout`; it replaces one in the URI).
    /// libpq counts whole seconds, at least 2. Bounds reconnecting to a server that accepts TCP
    /// connections but does not answer (stalled, or its kernel's listen queue is all that is left).
    public var connectTimeout: Duration
    /// `statement_timeout` of every session: a statement running longer is cancelled by the server and
    /// fails with ``PostgresError/Code/timeout`` (SQLSTATE 57014; nothing applied, the connection stays
    /// usable). `nil` keeps the server's setting (by default none).
    public var statementTimeout: Duration?
    /// The client-side deadline of one statement (or one ``PostgresConnection/execute(_:)`` script):
    /// from sending it to its last result.
    ///
    /// `statement_timeout` needs a server that runs; this deadline does not. When it passes, the client
    /// gives up on the connection (closes it without waiting for the server, and reopens it on its next
    /// use) and the call fails with ``PostgresError/Code/timeout`` with no SQLSTATE
    /// (``PostgresError/isClientTimeout``, connection-level): the server may be stopped, stalled or cut
    /// off by the network, and a write that was in flight may or may not have been applied.
    ///
    /// Defaults to ``statementTimeout`` + 2 s, so that the server's own, cleaner cancellation comes first,
    /// or to 15 s when there is no statement timeout. Setting it overrides that default.
    public var queryTimeout: Duration {
        get { explicitQueryTimeout ?? Self.defaultQueryTimeout(statementTimeout: statementTimeout) }
        set { explicitQueryTimeout = newValue }
    }
    /// How long a call may wait for a free connection of the pool before it fails with
    /// ``PostgresError/Code/poolTimeout`` (and is not run). Default 10 s. When the database stalls, every
    /// connection is stuck until its ``queryTimeout``; this keeps the callers queued behind them from
    /// waiting without bound.
    public var poolWaitTimeout: Duration
    /// TCP keepalive and user-timeout settings for every connection (see ``TCPKeepalive``); a keyword the
    /// URI sets itself wins. `nil` leaves libpq's and the kernel's defaults (keepalives on, first probe
    /// after 2 hours of silence).
    public var keepalive: TCPKeepalive?
    /// `client_connection_check_interval` of every session (PostgreSQL 14 or later): while a statement
    /// runs, the server checks this often whether the client is still connected, and aborts the statement
    /// if not. So when the client gives up on a statement (``queryTimeout``) and closes the connection, a
    /// server that still runs stops that statement (and rolls back its transaction) within this interval
    /// instead of running it to its end. Default 2 s; `nil` keeps the server's setting (off by default;
    /// set `nil` for a server older than 14, which refuses the setting).
    public var clientConnectionCheckInterval: Duration?
    /// `application_name` of every session (shown in `pg_stat_activity`).
    public var applicationName: String
    /// How many times ``PostgresClient`` runs a body again, on a fresh connection, after it failed with a
    /// connection-level error (server restart, network loss). 0 turns retries off. See
    /// ``PostgresClient/withConnection(_:)`` for the idempotency this requires of the body. A body that
    /// ran into ``queryTimeout`` is never run again by the client (see ``PostgresClient``, "Recovery").
    public var connectionRetries: Int
    /// Whether ``PostgresConnection/query(_:_:)`` prepares each statement text once per session and
    /// then runs it by name (`PQprepare`, `PQexecPrepared`): the server parses and plans it once,
    /// not on every call (default true). `execute(_:)` scripts are never prepared.
    public var preparesStatements = true

    /// ``queryTimeout`` when set explicitly.
    private var explicitQueryTimeout: Duration?

    /// Host, port, database and user of the URI (never the password), for log lines and errors.
    public let target: Target

    /// Parsed parameters of the URI, passed to `PQconnectdbParams` with the session settings added.
    let uriParameters: [Parameter]

    /// Parses `url` and keeps the settings.
    ///
    /// - Parameter queryTimeout: the client-side deadline of a statement; `nil` for the default
    ///   (``statementTimeout`` + 2 s, or 15 s without a statement timeout). See ``queryTimeout``.
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/invalidConfiguration`` when libpq
    ///   cannot parse the URI, `poolSize` is below 1, or a timeout is not positive.
    public init(
        url: String,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(5),
        statementTimeout: Duration? = nil,
        queryTimeout: Duration? = nil,
        poolWaitTimeout: Duration = .seconds(10),
        keepalive: TCPKeepalive? = .default,
        clientConnectionCheckInterval: Duration? = .seconds(2),
        applicationName: String = "autoresponder",
        connectionRetries: Int = 1
    ) throws {
        guard poolSize >= 1 else {
            throw PostgresError(
                code: .invalidConfiguration, message: "pool size must be at least 1, got \(poolSize)")
        }
        for (name, value) in [("query timeout", queryTimeout), ("pool wait timeout", poolWaitTimeout)] {
            if let value, value <= .zero {
                throw PostgresError(
                    code: .invalidConfiguration, message: "the \(name) must be positive, got \(value)")
            }
        }
        let parameters = try Self.parse(url)
        self.url = url
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.explicitQueryTimeout = queryTimeout
        self.poolWaitTimeout = poolWaitTimeout
        self.keepalive = keepalive
        self.clientConnectionCheckInterval = clientConnectionCheckInterval
        self.applicationName = applicationName
        self.connectionRetries = max(0, connectionRetries)
        self.uriParameters = parameters
        self.target = Target(parameters)
    }

    /// ``queryTimeout`` when none is set: `statementTimeout` + 2 s, or 15 s.
    static func defaultQueryTimeout(statementTimeout: Duration?) -> Duration {
        guard let statementTimeout else { return .seconds(15) }
        return statementTimeout + .seconds(2)
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
