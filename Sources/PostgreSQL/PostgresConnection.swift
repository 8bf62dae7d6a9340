import CLibPQ
import Logging

/// One libpq connection (`PGconn`), used by one thread at a time.
///
/// Not `Sendable`: create it, use it and drop it on one thread (``PostgresClient`` gives each of its
/// connections a thread of its own and lends it to a body for the duration of a call). Every call blocks
/// the calling thread until the server answers, so never use a connection on Swift's cooperative pool:
/// async code goes through ``PostgresClient``.
///
/// A statement waits for its answer at most ``PostgresConfiguration/queryTimeout``; after that the
/// connection is given up (see ``PostgresError/isClientTimeout``) and stays broken until ``reset()`` or
/// ``resetIfBroken()``. Opening or reopening it waits at most ``PostgresConfiguration/connectTimeout``.
///
/// Sessions run with `TimeZone=UTC`, `DateStyle=ISO, MDY` and `client_encoding=UTF8` (set in the startup
/// packet, so they survive ``reset()`` and `RESET ALL`), and with the configuration's `statement_timeout`,
/// `client_connection_check_interval` and `application_name`.
public final class PostgresConnection {
    /// The configuration the connection was opened with.
    public let configuration: PostgresConfiguration
    /// The connection's logger (with `postgres.target` metadata).
    let logger: Logger
    /// The libpq handle; freed in `deinit`.
    let handle: OpaquePointer
    /// Receives the server's notices (kept alive as long as the handle).
    private let noticeSink: NoticeSink
    /// Set when an error or the query timeout showed the connection is unusable: statements fail at once,
    /// and the next ``resetIfBroken()`` reconnects.
    var needsReset = false
    /// Set when a statement ran into the query timeout and the connection was given up (until ``reset()``).
    var timedOut = false
    /// Set when the connection broke while `COMMIT` was in flight: the pool must not run that body again.
    var commitOutcomeUnknown = false
    /// Statements prepared on this session (their SQL text → their name); a new session has none.
    var preparedStatements: [String: String] = [:]

    /// Opens a connection now, blocking the calling thread up to the configuration's connect timeout.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/connectionFailed`` when the server
    ///   cannot be reached or refuses the connection.
    public init(configuration: PostgresConfiguration, logger: Logger) throws {
        var logger = logger
        logger[metadataKey: "postgres.target"] = "\(configuration.target)"
        let handle = try Self.connect(configuration)
        self.configuration = configuration
        self.logger = logger
        self.handle = handle
        self.noticeSink = NoticeSink(logger: logger)
        PQsetNoticeReceiver(handle, postgresNoticeReceiver, Unmanaged.passUnretained(noticeSink).toOpaque())
        logger.debug(
            "connected to PostgreSQL",
            metadata: ["postgres.backend_pid": "\(PQbackendPID(handle))"])
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's version as an integer (`150004` for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// The process id of the server backend serving this connection.
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether the connection is known to be unusable (libpq's `CONNECTION_BAD`, or a connection-level
    /// error was seen). A connection can also be broken without anyone knowing yet, until it is used.
    public var isBroken: Bool { needsReset || PQstatus(handle) != CONNECTION_OK }

    /// Closes the connection and opens it again with the same parameters (libpq's `PQreset`), blocking up to
    /// the connect timeout. Anything the session held (an open transaction, temporary tables, `SET`s other
    /// than the startup settings) is gone.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/connectionFailed`` when the server
    ///   cannot be reached; the connection stays broken and can be reset again later.
    public func reset() throws {
        preparedStatements = [:]
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            needsReset = true
            throw PostgresError(
                code: .connectionFailed,
                message: "could not reconnect to \(configuration.target): \(Self.cleaned(PQerrorMessage(handle))); "
                    + "check that the server is running and reachable")
        }
        needsReset = false
        timedOut = false
        logger.info(
            "reconnected to PostgreSQL", metadata: ["postgres.backend_pid": "\(PQbackendPID(handle))"])
    }

    /// Reconnects if the connection is broken, including when the server closed it while it sat idle
    /// (seen without a round trip: pending input on the socket is read first). Returns whether it reset.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/connectionFailed`` when reconnecting fails.
    @discardableResult
    public func resetIfBroken() throws -> Bool {
        guard isBroken || !idleSocketIsHealthy() else { return false }
        logger.info("the PostgreSQL connection is broken; reconnecting")
        try reset()
        return true
    }

    /// Turns a libpq message (several lines, tabs, a final newline) into one line.
    static func cleaned(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        let text = String(cString: message)
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A connection must stay on one thread at a time; it is deliberately not `Sendable`.
@available(*, unavailable)
extension PostgresConnection: Sendable {}
