import APISimulator
import Foundation
import Testing
import TestSupport
import World

/// The whole system over `amqps://`: the dispatcher and the worker reach the TLS-only node of
/// scripts/tls-broker.sh (started here if needed) with `AMQP_TLS_CA_FILE` and a client certificate,
/// and the five original conversations are answered.
@Suite struct TLSEndToEndTests {
    @Test func theServiceRunsOverTLS() async throws {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/tls-broker.sh").path
        try await LocalServers.run(["/bin/bash", script, "start"])
        let certificates = TestEnvironment.repositoryRoot.appendingPathComponent(".run/tls/certs")
        let port = ProcessInfo.processInfo.environment["TLS_BROKER_PORT"] ?? "5711"
        let environment = [
            "AMQP_URL": "amqps://guest:guest@localhost:\(port)/%2f",
            "AMQP_TLS_CA_FILE": certificates.appendingPathComponent("ca.pem").path,
            "AMQP_TLS_CERT_FILE": certificates.appendingPathComponent("client.pem").path,
            "AMQP_TLS_KEY_FILE": certificates.appendingPathComponent("client.key").path,
        ]
        let world = try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
        try await EndToEndSystem.run(world: world, environment: environment) { system in
            try await system.waitUntil(timeout: .seconds(60), "five replies over TLS") { $0.count >= 5 }
            #expect(Set(system.sent.map(\.conversationId)).count == 5)
            #expect(system.simulator.stats().duplicateReplies == 0)
        }
    }
}
