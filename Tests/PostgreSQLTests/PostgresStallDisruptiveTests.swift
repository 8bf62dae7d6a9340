import Foundation
import PostgreSQL
import TestSupport
import Testing

/// Stalls the local PostgreSQL (SIGSTOP of the postmaster and its backends, then SIGCONT): `make test`
/// runs this suite alone, after the others. The server is resumed when the test ends, pass or fail (and by
/// a watchdog of scripts/servers.sh after 30 s at the latest).
@Suite(.serialized)
struct PostgresStallDisruptiveTests {
    private static let queryTimeout = Duration.seconds(2)
    private static let poolWaitTimeout = Duration.seconds(1)
    private static let connectTimeout = Duration.seconds(2)
    /// Room for a loaded machine on top of each deadline.
    private static let slack = Duration.seconds(3)

    @Test func stalledServerMakesCallsFailInTimeAndTheSameClientWorksAfterwards() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(
                poolSize: 2, queryTimeout: Self.queryTimeout, poolWaitTimeout: Self.poolWaitTimeout,
                connectTimeout: Self.connectTimeout),
            logger: TestDatabase.logger)
        let before = try await pids(client, count: 4)
        #expect(before.count == 2)

        let clock = ContinuousClock()
        let pausedAt = clock.now
        try await LocalServers.whilePaused(.postgres, atMost: .seconds(30)) {
            // One statement in flight on each connection, and a third caller queued behind them.
            async let first = outcome { try await client.query("select 1") }
            async let second = outcome { try await client.query("select 2") }
            try await Task.sleep(for: .milliseconds(200))
            async let third = outcome { try await client.query("select 3") }
            let inFlight = await [first, second]
            for (error, elapsed) in inFlight {
                #expect((error as? PostgresError)?.isClientTimeout == true, "\(String(describing: error))")
                #expect(elapsed < Self.queryTimeout + Self.slack, "gave up after \(elapsed)")
            }
            let (queuedError, queuedElapsed) = await third
            #expect((queuedError as? PostgresError)?.code == .poolTimeout, "\(String(describing: queuedError))")
            #expect(queuedElapsed < Self.poolWaitTimeout + Self.slack, "gave up after \(queuedElapsed)")

            // The connections were closed; reopening one against the stalled server fails within the
            // connect timeout, with a connection-level error.
            let (reopenError, reopenElapsed) = await outcome { try await client.query("select 4") }
            #expect((reopenError as? PostgresError)?.isConnectionLevel == true, "\(String(describing: reopenError))")
            #expect(reopenElapsed < Self.connectTimeout + Self.slack, "gave up after \(reopenElapsed)")

            // Keep the server stalled for about 5 s in all.
            let left = Duration.seconds(5) - (clock.now - pausedAt)
            if left > .zero { try await Task.sleep(for: left) }
        }

        // Resumed: the same client works again, on new connections, without being recreated.
        let sum = try await client.withTransaction { connection in
            try connection.query("select $1::int + $2::int as s", [40, 2])[0].decode(Int.self, "s")
        }
        #expect(sum == 42)
        let after = try await pids(client, count: 4)
        #expect(after.isDisjoint(with: before))
        await client.close()
    }

    /// The error a call ended with (nil if it succeeded) and how long it took.
    private func outcome(_ call: () async throws -> Void) async -> (error: (any Error)?, elapsed: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await call()
            return (nil, clock.now - start)
        } catch {
            return (error, clock.now - start)
        }
    }

    /// Backend pids seen by `count` concurrent queries.
    private func pids(_ client: PostgresClient, count: Int) async throws -> Set<Int32> {
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await client.query("select pg_backend_pid() as pid, pg_sleep(0.05)")[0].decode(
                        Int32.self, "pid")
                }
            }
            var pids = Set<Int32>()
            for try await pid in group { pids.insert(pid) }
            return pids
        }
    }
}
