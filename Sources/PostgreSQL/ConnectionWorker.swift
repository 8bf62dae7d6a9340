import CLibPQ
import Logging

/// A pool thread's state: its connection (opened on first use, reopened when broken) and the loop that
/// runs the pool's jobs on it. Lives and dies on its own thread, so it needs no locking.
final class ConnectionWorker {
    private let pool: ConnectionPool
    private let logger: Logger
    private var connection: PostgresConnection?

    init(pool: ConnectionPool, index: Int) {
        self.pool = pool
        var logger = pool.logger
        logger[metadataKey: "postgres.connection"] = "\(index)"
        self.logger = logger
    }

    /// Runs jobs until the pool closes, then closes the connection.
    func run() {
        while let job = pool.nextJob() {
            job(self)
        }
        connection = nil
        pool.workerExited()
    }

    /// Runs `body` on this thread's connection: opens it if needed, reopens it if it broke, and runs
    /// `body` again on a fresh connection (up to `connectionRetries` times) when it failed with a
    /// connection-level error, unless a `COMMIT` was in flight when the connection broke, or the server did
    /// not answer within the query timeout.
    ///
    /// After the query timeout the connection is closed at once (`PQfinish`; its socket is already shut
    /// down, so nothing waits for the server) and the next call opens a new one. The body is not run
    /// again: the server is probably still stalled (a second attempt would double the caller's wait, and
    /// then fail on `connect_timeout`), and a write may have been applied. The caller decides when to try
    /// again.
    func perform<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var retriesLeft = pool.configuration.connectionRetries
        while true {
            let connection = try readyConnection()
            connection.commitOutcomeUnknown = false
            do {
                let value = try body(connection)
                closeLeftoverTransaction(connection)
                if connection.timedOut { self.connection = nil }  // the body caught the timeout
                return value
            } catch {
                closeLeftoverTransaction(connection)
                if connection.timedOut {
                    self.connection = nil
                    throw error
                }
                let connectionLevel = connection.isBroken || (error as? PostgresError)?.isConnectionLevel == true
                guard connectionLevel, retriesLeft > 0, !connection.commitOutcomeUnknown else { throw error }
                retriesLeft -= 1
                connection.needsReset = true
                logger.info(
                    "PostgreSQL connection failed during a call; running it again on a fresh connection",
                    metadata: ["error.message": "\(error)"])
            }
        }
    }

    /// The thread's connection, opened or reopened if needed.
    private func readyConnection() throws -> PostgresConnection {
        if let connection {
            try connection.resetIfBroken()
            return connection
        }
        let connection = try PostgresConnection(configuration: pool.configuration, logger: logger)
        self.connection = connection
        return connection
    }

    /// Rolls back a transaction that a body opened with plain `BEGIN` and left open, so that the next caller
    /// gets a clean session.
    private func closeLeftoverTransaction(_ connection: PostgresConnection) {
        let status = PQtransactionStatus(connection.handle)
        guard status == PQTRANS_INTRANS || status == PQTRANS_INERROR else { return }
        logger.info("a PostgreSQL call left a transaction open; rolling it back")
        connection.rollbackQuietly()
    }
}
