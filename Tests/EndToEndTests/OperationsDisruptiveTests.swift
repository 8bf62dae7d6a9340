import APISimulator
import Foundation
import Operations
import Testing
import TestSupport
import World

/// `/readyz` of a worker process follows RabbitMQ going away and coming back.
@Suite(.serialized) struct OperationsDisruptiveTests {
    @Test func readyzGoes503WhileTheBrokerIsDownAndBackTo200() async throws {
        let world = try WorldGenerator.generate(.init(seed: 5, merchants: 10))
        try await EndToEndSystem.run(world: world, workers: 0) { system in
            let port = try freeLocalPort()
            let worker = try system.spawnWorkerProcess(instance: "readiness", environment: ["OPS_PORT": "\(port)"])
            defer {
                worker.terminate()
                worker.waitUntilExit()
            }
            try await OperationsEndToEndTests.waitUntilReady(port)
            try await LocalServers.stop(.rabbitmq)
            do {
                let down = try await Self.waitForReadyz(port, status: 503, timeout: .seconds(30))
                let object = try #require(JSONSerialization.jsonObject(with: Data(down.utf8)) as? [String: Any])
                let checks = try #require(object["checks"] as? [String: String])
                #expect(checks["rabbitmq"] != "ok")
                #expect(checks["postgresql"] == "ok")
                let health = try await OperationsProbe.get(port: port, path: "/healthz")
                #expect(health.status == 200, "a broker outage is not a stuck process: \(health.body)")
            } catch {
                try await LocalServers.start(.rabbitmq)
                throw error
            }
            try await LocalServers.start(.rabbitmq)
            try await Self.waitForReadyz(port, status: 200, timeout: .seconds(60))
            #expect(worker.isRunning, "the worker reconnected without a restart")
        }
    }

    @discardableResult
    static func waitForReadyz(_ port: Int, status: Int, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let answer = try await OperationsProbe.get(port: port, path: "/readyz")
            if answer.status == status { return answer.body }
            last = "\(answer.status) \(answer.body)"
            try await Task.sleep(for: .milliseconds(200))
        }
        throw EndToEndError("/readyz did not answer \(status) within \(timeout); last: \(last)")
    }
}
