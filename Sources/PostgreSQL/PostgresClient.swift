import Logging
import ServiceLifecycle

/// A small pool of PostgreSQL connections for async code.
///
/// Each connection lives on a thread of its own (libpq blocks; its calls never run on Swift's cooperative
/// pool): a call waits, without blocking any thread, until a connection is free, runs there, and resumes
/// the caller from that thread. Waiting callers are served in arrival order. Connections open lazily,
/// on first use, at most ``PostgresConfiguration/poolSize`` of them.
///
/// **Recovery.** A connection found broken (the server restarted, the network failed) is reopened before
/// its next use. When a call fails with a connection-level error (``PostgresError/isConnectionLevel``),
/// the client runs it again on a fresh connection, up to ``PostgresConfiguration/connectionRetries``
/// times (default once). Bodies must therefore be safe to run twice: a transaction body is (the broken
/// transaction was rolled back by the server), except when the connection broke during `COMMIT`, which is
/// never retried (its outcome is unknown). A single write through ``query(_:_:)`` that was in flight when
/// the connection broke may have been applied: make such writes idempotent (`on conflict do nothing`) or
/// set `connectionRetries` to 0.
///
/// **Stalls.** A server that stops answering without closing its connections (stopped with SIGSTOP,
/// stuck, cut off by the network) makes no call hang: a statement gives up after
/// ``PostgresConfiguration/queryTimeout`` and fails with ``PostgresError/Code/timeout`` with no SQLSTATE
/// (``PostgresError/isClientTimeout``, connection-level). Its connection is closed and reopened by the
/// next call (which waits at most ``PostgresConfiguration/connectTimeout`` to do so). Such a call is
/// **not** run again by the client (the server is probably still stalled, and a write may have been
/// applied): the caller retries later, with its own backoff; a `COMMIT` that timed out says that its
/// outcome is unknown. Callers queued behind the stuck connections fail with
/// ``PostgresError/Code/poolTimeout`` after ``PostgresConfiguration/poolWaitTimeout``, without having run.
/// TCP keepalives (``PostgresConfiguration/keepalive``) find connections whose peer vanished.
///
/// **Lifecycle.** Run it as a swift-service-lifecycle service (``run()``), before the services that use
/// it in the same group, or call ``close()`` before dropping it; dropping it without closing ends the
/// threads without waiting for them.
public final class PostgresClient: Service, Sendable {
    /// The client's configuration.
    public let configuration: PostgresConfiguration
    private let pool: ConnectionPool

    /// Creates the client. Connects nothing yet: the first call opens the first connection.
    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.pool = ConnectionPool(configuration: configuration, logger: logger)
    }

    deinit {
        pool.shutdown()
    }

    /// Runs as a swift-service-lifecycle service: waits for the graceful shutdown (or cancellation) of
    /// its group, then closes (see ``close()``). Connections open on demand meanwhile.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Runs `body` with a connection of the pool, on that connection's thread, and returns its value.
    ///
    /// `body` blocks its thread while it runs statements; it must not keep the connection after returning.
    /// It may run more than once (see the type's "Recovery" notes).
    ///
    /// - Throws: what `body` throws; ``PostgresError`` with code ``PostgresError/Code/connectionFailed``
    ///   when no connection can be opened, ``PostgresError/Code/poolTimeout`` when no connection came free
    ///   within ``PostgresConfiguration/poolWaitTimeout`` (`body` did not run),
    ///   ``PostgresError/Code/poolClosed`` after ``close()``; `CancellationError` when the task is
    ///   cancelled while waiting for a connection.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let job = PoolJob()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                pool.submit(
                    job,
                    run: { worker in continuation.resume(with: Result { try worker.perform(body) }) },
                    fail: { error in continuation.resume(throwing: error) })
            }
        } onCancel: {
            pool.cancel(job)
        }
    }

    /// Runs `body` in a transaction on a connection of the pool: `COMMIT` when it returns, `ROLLBACK` when
    /// it throws. See ``PostgresConnection/withTransaction(isolation:readOnly:_:)`` and, for retries, the
    /// type's "Recovery" notes.
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel? = nil, readOnly: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try connection.withTransaction(isolation: isolation, readOnly: readOnly, body)
        }
    }

    /// Runs one statement with bound parameters on a connection of the pool (see
    /// ``PostgresConnection/query(_:_:)``): `try await client.query("select … where id = $1", [id])`.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> PostgresResult {
        try await withConnection { connection in try connection.query(sql, parameters) }
    }

    /// Runs a multi-statement SQL script with no parameters (schema set-up; see
    /// ``PostgresConnection/execute(_:)``). **Never put user input in `sql`.**
    public func execute(_ sql: String) async throws {
        try await withConnection { connection in try connection.execute(sql) }
    }

    /// Stops accepting calls (they fail with ``PostgresError/Code/poolClosed``), fails the waiting ones,
    /// lets running ones finish, closes the connections and returns when their threads have ended.
    public func close() async {
        await pool.close()
    }
}
