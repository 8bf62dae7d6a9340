import CLibPQ
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PostgresConnection {
    /// Runs one statement (or script) with libpq's asynchronous calls, under the configuration's
    /// ``PostgresConfiguration/queryTimeout``, and returns its last result as ``consume(_:sql:)`` does.
    ///
    /// `send` queues the statement (`PQsendQueryParams` or `PQsendQuery`). Then: `PQflush` until it is
    /// sent, and `poll()` on the socket with the time left, `PQconsumeInput`, `PQisBusy`, `PQgetResult`
    /// until it returns NULL (keeping the last result, as `PQexec` does). The calling thread blocks in
    /// `poll()`, never longer than the deadline. When the deadline passes, the connection is abandoned
    /// (see ``abandon(after:sql:)``).
    func runWithDeadline(_ sql: String, send: () -> Int32) throws -> PostgresResult {
        guard !needsReset else {
            throw PostgresError(
                code: .connectionLost,
                message: "the connection to \(configuration.target) is broken (an earlier error or timeout); "
                    + "it is reopened on its next use through the client, or by resetIfBroken() "
                    + "(statement: \(Self.excerpt(sql)))")
        }
        // Non-blocking mode: sending never waits for a full socket buffer (and neither does PQfinish's
        // goodbye message), so every wait below is a poll() bounded by the deadline.
        if PQisnonblocking(handle) == 0, PQsetnonblocking(handle, 1) != 0 {
            throw failure(result: nil, sql: sql)
        }
        let deadline = ContinuousClock.now + configuration.queryTimeout
        guard send() == 1 else { throw failure(result: nil, sql: sql) }
        try flush(until: deadline, sql: sql)
        var last: OpaquePointer?
        do {
            results: while true {
                while PQisBusy(handle) == 1 {
                    try waitForSocket(POLLIN, until: deadline, sql: sql)
                    if PQconsumeInput(handle) == 0, PQisBusy(handle) == 1 { throw ioFailure(sql: sql) }
                }
                guard let result = PQgetResult(handle) else { break }
                if let last { PQclear(last) }
                last = result
                let status = PQresultStatus(result)
                if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH
                    || PQstatus(handle) == CONNECTION_BAD
                {
                    break results
                }
            }
        } catch {
            if let last { PQclear(last) }
            throw error
        }
        return try consume(last, sql: sql)
    }

    /// Sends what libpq has queued, waiting for the socket to accept more when it is full.
    private func flush(until deadline: ContinuousClock.Instant, sql: String) throws {
        while true {
            switch PQflush(handle) {
            case 0:
                return
            case 1:
                // The server may be waiting for us to read before it reads more (libpq's advice: read too).
                let events = try waitForSocket(POLLIN | POLLOUT, until: deadline, sql: sql)
                if events & Int16(POLLIN) != 0, PQconsumeInput(handle) == 0 { throw ioFailure(sql: sql) }
            default:
                throw ioFailure(sql: sql)
            }
        }
    }

    /// The error of a failed read or write on the socket: the connection cannot be trusted any more.
    private func ioFailure(sql: String) -> PostgresError {
        let error = failure(result: nil, sql: sql)
        guard !error.isConnectionLevel else { return error }
        needsReset = true
        return PostgresError(
            code: .connectionLost,
            message: "talking to \(configuration.target) failed: \(error.message); "
                + "the connection is reopened on its next use")
    }

    /// Waits, up to `deadline`, until the socket is ready for `events`; returns the events that happened.
    /// Throws the client timeout (and abandons the connection) when the deadline passes first.
    @discardableResult
    private func waitForSocket(_ events: Int32, until deadline: ContinuousClock.Instant, sql: String) throws -> Int16 {
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw failure(result: nil, sql: sql) }
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw abandon(after: configuration.queryTimeout, sql: sql) }
            var descriptor = pollfd(fd: socket, events: Int16(events), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: remaining.roundedUpMilliseconds))
            if ready > 0 { return descriptor.revents }
            if ready < 0 && errno != EINTR {
                let reason = String(cString: strerror(errno))
                needsReset = true
                throw PostgresError(
                    code: .connectionLost,
                    message: "waiting for \(configuration.target) failed: poll(): \(reason); "
                        + "the connection is reopened on its next use (statement: \(Self.excerpt(sql)))")
            }
        }
    }

    /// Gives up on the connection after the server did not answer in time, and returns the error to throw.
    ///
    /// The socket is shut down at once (no round trip, nothing that waits for the server: no cancel
    /// request either, which would itself wait on a stopped server), and the connection is marked for reset,
    /// so libpq closes it (`PQreset`/`PQfinish`) before its next use. A server that still runs sees the
    /// connection end and stops the statement within ``PostgresConfiguration/clientConnectionCheckInterval``
    /// (rolling back its transaction), or when it next writes to the connection.
    func abandon(after timeout: Duration, sql: String) -> PostgresError {
        needsReset = true
        timedOut = true
        let socket = PQsocket(handle)
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
        logger.warning(
            "PostgreSQL did not answer within the query timeout; closing the connection",
            metadata: [
                "postgres.backend_pid": "\(PQbackendPID(handle))", "postgres.timeout": "\(timeout.shortDescription)",
            ])
        return PostgresError(
            code: .timeout,
            message: "\(configuration.target) did not answer within \(timeout.shortDescription) (query timeout); "
                + "the connection was closed and is reopened on its next use. The server may be stalled or "
                + "unreachable; a write in flight may or may not have been applied "
                + "(statement: \(Self.excerpt(sql)))")
    }
}
