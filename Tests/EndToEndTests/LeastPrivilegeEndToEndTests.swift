import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// The service runs as its own role (db/roles.sql): it answers, and cannot touch the business tables.
@Suite struct LeastPrivilegeEndToEndTests {
    @Test func theServiceAnswersAsItsOwnRoleThatOnlyReadsTheBusinessTables() async throws {
        let world = try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
        try await EndToEndSystem.run(world: world, workers: 1, serviceRole: true) { system in
            try await system.waitUntil(timeout: .seconds(30), "five replies") { $0.count >= 5 }
            let owner = try await system.query(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'responder' AND tablename = 'replies'")
            #expect(try owner.first?.decode(String.self, "tableowner") == EndToEndSystem.serviceRoleName)
            let role = PostgresClient(
                configuration: try PostgresConfiguration(
                    url: system.environment["DATABASE_URL"] ?? "", poolSize: 1, connectionRetries: 0),
                logger: quietLogger)
            await #expect(throws: PostgresError.self) { try await role.query("UPDATE sales SET status = status") }
            await #expect(throws: PostgresError.self) { try await role.query("CREATE SCHEMA forbidden") }
            let readable = try await role.query("SELECT count(*)::bigint AS n FROM receipt")
            #expect(try readable.first?.decode(Int.self, "n") ?? 0 > 0)
            await role.close()
        }
    }
}
