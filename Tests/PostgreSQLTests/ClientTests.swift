import Foundation
import PostgreSQL
import Testing

@Suite("The pooled async client")
struct ClientTests {
    @Test func poolAnswersManyConcurrentQueries() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 4), logger: TestDatabase.logger)
        let answers = try await withThrowingTaskGroup(of: (Int, Int, Int32).self) { group in
            for value in 0..<200 {
                group.addTask {
                    let row = try await client.query(
                        "select $1::int * 2 as doubled, pg_backend_pid() as pid", [value])[0]
                    return (value, try row.decode(Int.self, "doubled"), try row.decode(Int32.self, "pid"))
                }
            }
            var answers: [(Int, Int, Int32)] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        await client.close()
        #expect(answers.count == 200)
        #expect(answers.allSatisfy { $0.1 == $0.0 * 2 })
        #expect(Set(answers.map(\.0)) == Set(0..<200))
        let backends = Set(answers.map(\.2))
        #expect(backends.count <= 4)
    }

    @Test func transactionOnTheClientCommitsOrRollsBack() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 2), logger: TestDatabase.logger)
        let table = TestDatabase.uniqueTable("pg_client_tx")
        try await client.execute("create table \(table) (id int primary key)")
        await #expect(throws: PlannedFailure.self) {
            try await client.withTransaction { connection in
                try connection.query("insert into \(table) values ($1)", [1])
                throw PlannedFailure()
            }
        }
        let inserted = try await client.withTransaction(isolation: .repeatableRead) { connection in
            try connection.query("insert into \(table) values ($1), ($2)", [2, 3]).affectedRows
        }
        #expect(inserted == 2)
        let ids = try await client.query("select id from \(table) order by id").map { try $0.decode(Int.self, "id") }
        #expect(ids == [2, 3])
        try await client.execute("drop table \(table)")
        await client.close()
    }

    @Test func bodyIsRunAgainOnAFreshConnectionAfterItsConnectionDies() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1), logger: TestDatabase.logger)
        let table = TestDatabase.uniqueTable("pg_retry")
        try await client.execute("create table \(table) (id int primary key)")
        let attempts = Counter()
        let pids = try await client.withTransaction { connection -> [Int32] in
            let attempt = attempts.increment()
            try connection.query("insert into \(table) values ($1)", [7])
            if attempt == 1 {
                // The server ends this session, as a restart would, in the middle of the transaction.
                try connection.query("select pg_terminate_backend(pg_backend_pid())")
            }
            return [connection.backendPID]
        }
        #expect(attempts.current == 2)
        #expect(pids.count == 1)
        let count = try await client.query("select count(*) as n from \(table)")[0].decode(Int.self, "n")
        #expect(count == 1)
        try await client.execute("drop table \(table)")
        await client.close()
    }

    @Test func withoutRetriesTheConnectionErrorSurfacesAndTheNextCallReconnects() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1, connectionRetries: 0),
            logger: TestDatabase.logger)
        let first = try await client.query("select pg_backend_pid() as pid")[0].decode(Int32.self, "pid")
        do {
            try await client.query("select pg_terminate_backend(pg_backend_pid())")
            Issue.record("terminating the session should fail the call")
        } catch let error as PostgresError {
            #expect(error.isConnectionLevel)
            #expect(error.code == .connectionLost)
        }
        let second = try await client.query("select pg_backend_pid() as pid")[0].decode(Int32.self, "pid")
        #expect(second != first)
        await client.close()
    }

    @Test func transactionLeftOpenByABodyIsRolledBackBeforeTheNextCaller() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1), logger: TestDatabase.logger)
        let table = TestDatabase.uniqueTable("pg_leftover")
        try await client.execute("create table \(table) (id int)")
        try await client.withConnection { connection in
            try connection.query("begin")
            try connection.query("insert into \(table) values ($1)", [1])
        }
        let row = try await client.query("select count(*) as n from \(table)")[0]
        #expect(try row.decode(Int.self, "n") == 0)
        try await client.execute("drop table \(table)")
        await client.close()
    }

    @Test func closedClientRefusesWork() async throws {
        let client = PostgresClient(configuration: try TestDatabase.configuration(), logger: TestDatabase.logger)
        try await client.query("select 1")
        await client.close()
        do {
            try await client.query("select 1")
            Issue.record("a closed client should refuse work")
        } catch let error as PostgresError {
            #expect(error.code == .poolClosed)
        }
    }

    @Test func waitingCallerCanBeCancelled() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 1), logger: TestDatabase.logger)
        // One connection (poolSize 1), so the advisory lock it takes is released by the same session.
        let holder = PostgresClient(configuration: try TestDatabase.configuration(poolSize: 1), logger: TestDatabase.logger)
        let marker = TestDatabase.uniqueTable("busy")
        let key = Int64.random(in: 1...Int64.max)
        // The client's only connection stays busy until the holder releases the lock: no timing involved
        // (a fixed pg_sleep could end before a slow observer first looked, and the wait below never ended).
        try await holder.query("select pg_advisory_lock($1)", [key])
        let busy = Task { try await client.query("select pg_advisory_xact_lock($1), '\(marker)'", [key]) }
        // Wait until the only connection is blocked on that lock.
        while try await holder.query(
            "select count(*) as n from pg_stat_activity where query like $1 and wait_event_type = 'Lock'",
            ["%pg_advisory_xact_lock($1), '\(marker)'%"])[0].decode(Int.self, "n") == 0
        {
            try await Task.sleep(for: .milliseconds(20))
        }
        let waiting = Task { try await client.query("select 1") }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        try await holder.query("select pg_advisory_unlock($1)", [key])
        _ = try await busy.value
        await client.close()
        await holder.close()
    }

    @Test func unreachableServerGivesATypedErrorThroughTheClient() async throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://postgres@127.0.0.1:1/nowhere", poolSize: 2, connectTimeout: .seconds(2))
        let client = PostgresClient(configuration: configuration, logger: TestDatabase.logger)
        do {
            try await client.query("select 1")
            Issue.record("the query should fail")
        } catch let error as PostgresError {
            #expect(error.code == .connectionFailed)
            #expect(error.isConnectionLevel)
        }
        await client.close()
    }
}
