/// A failure of the PostgreSQL wrapper: connecting, running a statement, decoding a value, or the pool.
///
/// ``code`` says which kind of failure it was (match on it, or on the `is…` helpers); ``sqlState`` is
/// the server's SQLSTATE when the server reported the error.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. Opaque so that kinds can be added without breaking callers.
    public let code: Code
    /// What failed and, where it helps, what to do. Never contains a password.
    public let message: String
    /// The server's five-character SQLSTATE (`23505`, `40001`, …), if the server sent one.
    public let sqlState: String?
    /// The server's detail line (e.g. which key violated a unique constraint), if any.
    public let detail: String?
    /// The server's hint, if any.
    public let hint: String?
    /// The constraint that was violated, if the server named one.
    public let constraint: String?

    /// Creates an error; the wrapper creates these, callers normally only read them.
    public init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
    }

    /// A unique constraint was violated (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// A serializable transaction could not be serialized (SQLSTATE 40001): run the transaction again.
    public var isSerializationFailure: Bool { sqlState == "40001" }

    /// A deadlock was detected and this transaction was chosen to fail (SQLSTATE 40P01): run it again.
    public var isDeadlock: Bool { sqlState == "40P01" }

    /// The server did not answer a statement within ``PostgresConfiguration/queryTimeout`` (code
    /// ``Code/timeout`` with no SQLSTATE, unlike the server's own `statement_timeout`): the client gave up
    /// and closed the connection. A write that was in flight may or may not have been applied.
    public var isClientTimeout: Bool { code == .timeout && sqlState == nil }

    /// The connection failed or was lost, not the statement: could not connect, the connection broke
    /// (libpq's `CONNECTION_BAD`), SQLSTATE class 08, the server shut the session down (57P01, 57P02,
    /// 57P03), or it did not answer in time (``isClientTimeout``: the client closed the connection).
    /// The same work may succeed on a new connection; a write that was in flight may or may not have
    /// been applied.
    public var isConnectionLevel: Bool {
        if code == .connectionFailed || code == .connectionLost || isClientTimeout { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// `PostgreSQL <code> [SQLSTATE]: message (detail) hint`.
    public var description: String {
        var text = "PostgreSQL \(code)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let detail { text += " (\(detail))" }
        if let hint { text += " Hint: \(hint)" }
        return text
    }
}

extension PostgresError {
    /// The kind of a ``PostgresError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The configuration is invalid (the URI does not parse, the pool size is below 1).
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A connection could not be opened (server down, wrong address, authentication failed).
        public static let connectionFailed = Code("connectionFailed")
        /// An open connection broke while in use (server restarted, network lost).
        public static let connectionLost = Code("connectionLost")
        /// The server rejected or failed a statement (syntax, constraint, permission, …): see ``sqlState``.
        public static let queryFailed = Code("queryFailed")
        /// A statement took too long: either the server cancelled it (`statement_timeout`, SQLSTATE 57014;
        /// nothing was applied, the connection is fine), or the server did not answer within the client's
        /// ``PostgresConfiguration/queryTimeout`` (no SQLSTATE, ``PostgresError/isClientTimeout``: the
        /// connection was closed and the outcome of a write is unknown).
        public static let timeout = Code("timeout")
        /// A parameter could not be sent (e.g. a string containing a NUL character).
        public static let encodingFailed = Code("encodingFailed")
        /// A column is missing or its value cannot be decoded as the requested type.
        public static let decodingFailed = Code("decodingFailed")
        /// The connection was used in a way that is not allowed (e.g. a transaction inside a transaction).
        public static let invalidUsage = Code("invalidUsage")
        /// The client was closed: no more work is accepted.
        public static let poolClosed = Code("poolClosed")
        /// Every connection of the pool stayed busy for longer than
        /// ``PostgresConfiguration/poolWaitTimeout``: the call was not run (so it is safe to try again later).
        /// The database may be stalled or overloaded, or the pool too small for the load.
        public static let poolTimeout = Code("poolTimeout")

        /// The code's name, e.g. `queryFailed`.
        public var description: String { name }
    }
}
