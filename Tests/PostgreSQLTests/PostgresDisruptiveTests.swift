import Foundation
import PostgreSQL
import TestSupport
import Testing

/// Stops and restarts the local PostgreSQL: `make test` runs this suite alone, after the others.
/// (Through `LocalServers`, which runs scripts/servers.sh.)
@Suite(.serialized)
struct PostgresDisruptiveTests {
    @Test func clientAndConnectionRecoverAfterServerRestart() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 3), logger: TestDatabase.logger)
        let connection = try TestDatabase.connect()
        let before = try await pids(client, count: 6)
        #expect(!before.isEmpty)

        try await LocalServers.restart(.postgres)

        // Every pooled connection died with the server; each is reopened on its next use.
        let after = try await pids(client, count: 12)
        #expect(after.isDisjoint(with: before))
        let sum = try await client.withTransaction { connection in
            try connection.query("select $1::int + $2::int as s", [40, 2])[0].decode(Int.self, "s")
        }
        #expect(sum == 42)

        // A standalone connection sees it is broken before use and reconnects.
        #expect(try connection.resetIfBroken())
        #expect(try connection.query("select 1 as one")[0].decode(Int.self, "one") == 1)
        await client.close()
    }

    @Test func queryWhileServerIsStoppedFailsWithATypedConnectionError() async throws {
        let client = PostgresClient(
            configuration: try TestDatabase.configuration(poolSize: 2), logger: TestDatabase.logger)
        try await client.query("select 1")
        try await LocalServers.stop(.postgres)
        for _ in 0..<3 {
            do {
                try await client.query("select 1")
                Issue.record("a query with the server stopped should fail")
            } catch let error as PostgresError {
                #expect(error.isConnectionLevel)
                #expect(error.code == .connectionFailed || error.code == .connectionLost)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(throws: PostgresError.self) { try TestDatabase.connect() }
        try await LocalServers.start(.postgres)
        // Back up: the same client works again.
        let one = try await client.query("select 1 as one")[0].decode(Int.self, "one")
        #expect(one == 1)
        await client.close()
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
