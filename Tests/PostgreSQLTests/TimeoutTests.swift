import Foundation
import PostgreSQL
import Testing

/// The client-side deadlines against the real server: the pool wait timeout and the query timeout.
@Suite("Timeouts: waiting for the pool, waiting for the server")
struct TimeoutTests {
    private let clock = ContinuousClock()

    @Test func callerWaitingForABusyPoolFailsWithATypedPoolTimeout() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 2, poolWaitTimeout: .milliseconds(500)),
            logger: TestDatabase.logger)
        let holder = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1), logger: TestDatabase.logger)
        let marker = TestDatabase.uniqueTable("pool_busy")
        let key = Int64.random(in: 1...Int64.max)
        // Both connections of the client wait on a lock the holder keeps: no timing involved.
        try await holder.query("select pg_advisory_lock($1)", [key])
        let busy = (0..<2).map { _ in
            Task { try await client.query("select pg_advisory_xact_lock($1), '\(marker)'", [key]) }
        }
        try await waitForLockWaiters(marker: marker, count: 2, observer: holder)

        // Two more callers, 250 ms apart: each fails after its own wait of 500 ms, not before.
        async let early = timedFailure { try await client.query("select 1") }
        try await Task.sleep(for: .milliseconds(250))
        async let late = timedFailure { try await client.query("select 2") }
        for (error, waited) in await [early, late] {
            #expect(error?.code == .poolTimeout, "\(String(describing: error))")
            #expect(error?.isConnectionLevel == false)
            #expect(error?.message.contains("all 2 connections") == true, "\(String(describing: error))")
            #expect(waited >= .milliseconds(450) && waited < .seconds(15), "waited \(waited)")
        }

        try await holder.query("select pg_advisory_unlock($1)", [key])
        for task in busy { _ = try await task.value }
        // Connections came free: the pool serves again.
        #expect(try await client.query("select 1 as one")[0].decode(Int.self, "one") == 1)
        await client.close()
        await holder.close()
    }

    @Test func statementLongerThanTheQueryTimeoutIsAbandonedAndItsConnectionReplaced() async throws {
        // No statement timeout: only the client's deadline can end this statement.
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1, queryTimeout: .seconds(1)),
            logger: TestDatabase.logger)
        let before = try await client.query("select pg_backend_pid() as pid")[0].decode(Int32.self, "pid")
        let attempts = Counter()
        let start = clock.now
        do {
            try await client.withConnection { connection in
                attempts.increment()
                try connection.query("select pg_sleep(30)")
            }
            Issue.record("the statement should have run into the query timeout")
        } catch let error as PostgresError {
            #expect(error.code == .timeout)
            #expect(error.isClientTimeout && error.isConnectionLevel && error.sqlState == nil)
            #expect(error.message.contains("may or may not have been applied"), "\(error)")
        }
        let waited = clock.now - start
        // Far below the statement's 30 s (a loaded machine may add seconds to the 1 s deadline).
        #expect(waited >= .milliseconds(950) && waited < .seconds(20), "waited \(waited)")
        #expect(attempts.current == 1, "a call that timed out must not be run again by the client")

        // The next call gets a new connection, and works.
        let after = try await client.query("select pg_backend_pid() as pid")[0].decode(Int32.self, "pid")
        #expect(after != before)
        // The server stops the abandoned statement (client_connection_check_interval) instead of sleeping on.
        var gone = false
        let giveUp = clock.now + .seconds(45)
        while !gone && clock.now < giveUp {
            gone = try await client.query("select count(*) as n from pg_stat_activity where pid = $1", [before])[0]
                .decode(Int.self, "n") == 0
            if !gone { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(gone, "the backend of the abandoned statement should end")
        await client.close()
    }

    @Test func commitThatTimesOutSaysItsOutcomeIsUnknownAndIsNotRunAgain() async throws {
        let setup = try TestDatabase.connect()
        let table = TestDatabase.uniqueTable("pg_slow_commit")
        // A deferred constraint trigger runs at COMMIT: here it makes COMMIT take 3 s.
        try setup.execute(
            """
            create table \(table) (id int primary key);
            create function \(table)_slow() returns trigger language plpgsql as
              $$ begin perform pg_sleep(3); return null; end $$;
            create constraint trigger \(table)_slow after insert on \(table)
              deferrable initially deferred for each row execute function \(table)_slow();
            """)
        defer { _ = try? setup.execute("drop table \(table); drop function \(table)_slow()") }

        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1, queryTimeout: .seconds(1)),
            logger: TestDatabase.logger)
        let attempts = Counter()
        do {
            try await client.withTransaction { connection in
                attempts.increment()
                try connection.query("insert into \(table) values ($1)", [1])
            }
            Issue.record("COMMIT should have run into the query timeout")
        } catch let error as PostgresError {
            #expect(error.isClientTimeout)
            #expect(error.message.contains("may or may not have committed"), "\(error)")
        }
        #expect(attempts.current == 1)
        #expect(try await client.query("select 1 as one")[0].decode(Int.self, "one") == 1)
        await client.close()
    }

    @Test func standaloneConnectionStaysBrokenAfterATimeoutUntilReset() throws {
        let connection = try TestDatabase.connect(queryTimeout: .milliseconds(500))
        #expect {
            try connection.query("select pg_sleep(10)")
        } throws: { error in
            (error as? PostgresError)?.isClientTimeout == true
        }
        #expect(connection.isBroken)
        // Later statements fail at once with a connection-level error, not on a half-read connection.
        #expect {
            try connection.query("select 1")
        } throws: { error in
            (error as? PostgresError)?.code == .connectionLost
        }
        #expect(try connection.resetIfBroken())
        #expect(try connection.query("select 2 as two")[0].decode(Int.self, "two") == 2)
    }

    @Test func queryTimeoutCoversAWholeScript() throws {
        // The server sends a script's results together at its end, so the deadline is the script's.
        let connection = try TestDatabase.connect(queryTimeout: .milliseconds(700))
        try connection.execute("select pg_sleep(0.1); select pg_sleep(0.1)")
        #expect {
            try connection.execute("select pg_sleep(0.5); select pg_sleep(0.5)")
        } throws: { error in
            (error as? PostgresError)?.isClientTimeout == true
        }
    }

    @Test func sessionCarriesTheConnectionCheckInterval() throws {
        let connection = try TestDatabase.connect()
        let value = try connection.query("show client_connection_check_interval")[0].decode(String.self, at: 0)
        #expect(value == "2s")
    }

    /// The ``PostgresError`` a call failed with (nil if it succeeded or failed otherwise), and its duration.
    private func timedFailure(_ call: () async throws -> Void) async -> (PostgresError?, Duration) {
        let start = clock.now
        do {
            try await call()
            return (nil, clock.now - start)
        } catch {
            return (error as? PostgresError, clock.now - start)
        }
    }

    /// Waits until `count` sessions whose query contains `marker` wait on a lock (at most 60 s).
    private func waitForLockWaiters(marker: String, count: Int, observer: PostgresClient) async throws {
        let giveUp = clock.now + .seconds(60)
        while try await observer.query(
            "select count(*) as n from pg_stat_activity where query like $1 and wait_event_type = 'Lock'",
            ["%'\(marker)'%"])[0].decode(Int.self, "n") < count
        {
            guard clock.now < giveUp else {
                Issue.record("the sessions never waited on the lock")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
