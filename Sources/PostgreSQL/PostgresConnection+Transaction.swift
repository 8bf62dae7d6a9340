import CLibPQ
import Logging

extension PostgresConnection {
    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when `body` returns, `ROLLBACK` when it throws
    /// (the error is rethrown).
    ///
    /// - Parameters:
    ///   - isolation: the isolation level; `nil` keeps the session's default (read committed).
    ///   - readOnly: start a `READ ONLY` transaction.
    /// - Throws: what `body` throws; ``PostgresError`` when `BEGIN` or `COMMIT` fail (a commit may fail
    ///   with a serialization failure or a deferred constraint; a connection-level failure of `COMMIT`,
    ///   including the client's query timeout, means its outcome is unknown, and says so);
    ///   ``PostgresError/Code/invalidUsage`` when a transaction is already open, or `body` ended the
    ///   transaction itself; ``PostgresError/Code/queryFailed`` when a statement failed inside `body` and
    ///   `body` caught that error (the transaction is then aborted and is rolled back, not committed).
    public func withTransaction<T>(
        isolation: PostgresIsolationLevel? = nil, readOnly: Bool = false,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError(
                code: isBroken ? .connectionLost : .invalidUsage,
                message: isBroken
                    ? "the connection to \(configuration.target) is broken; reconnect before starting a transaction"
                    : "a transaction is already open on this connection; transactions do not nest")
        }
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL \(isolation.sql)" }
        if readOnly { begin += " READ ONLY" }
        try query(begin)
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        switch PQtransactionStatus(handle) {
        case PQTRANS_INTRANS:
            do {
                try query("COMMIT")
            } catch let error as PostgresError where error.isConnectionLevel {
                // Lost, or no answer within the query timeout: the server may have committed or not.
                commitOutcomeUnknown = true
                let what =
                    error.isClientTimeout ? "COMMIT got no answer in time" : "the connection was lost during COMMIT"
                throw PostgresError(
                    code: error.code,
                    message: "\(what), so the transaction may or may not have committed; it is not run again "
                        + "automatically: check before running it again (\(error.message))",
                    sqlState: error.sqlState)
            }
            return value
        case PQTRANS_INERROR:
            rollbackQuietly()
            throw PostgresError(
                code: .queryFailed,
                message: "a statement failed inside the transaction and the error was caught, so the transaction "
                    + "was rolled back instead of committed; let the error propagate, or use a savepoint")
        case PQTRANS_IDLE:
            throw PostgresError(
                code: .invalidUsage,
                message: "the transaction body ended the transaction itself (COMMIT or ROLLBACK); "
                    + "let withTransaction end it")
        default:
            throw failure(result: nil, sql: "COMMIT")
        }
    }

    /// Rolls back the open transaction, if the connection still works; a failure is only logged (the
    /// server rolls back an unfinished transaction when the connection closes).
    func rollbackQuietly() {
        guard !isBroken else { return }
        do {
            try query("ROLLBACK")
        } catch {
            logger.debug("PostgreSQL rollback failed", metadata: ["error.message": "\(error)"])
        }
    }
}
