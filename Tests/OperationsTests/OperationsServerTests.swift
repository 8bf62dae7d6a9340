import Foundation
import HTTP
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

@testable import Operations

/// The operations server over real HTTP on loopback.
@Suite struct OperationsServerTests {
    static let quiet = Logger(label: "ops-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs a server with `checks` on a free port while `body` runs.
    static func withServer(
        _ checks: HealthChecks, _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let port = try freeLocalPort()
        let server = OperationsServer(
            configuration: .init(host: "127.0.0.1", port: port, refreshInterval: .milliseconds(50), checkTimeout: .milliseconds(300)),
            checks: checks, logger: quiet)
        let group = ServiceGroup(services: [server], logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            try await waitUntilAnswering(port: port)
            try await body(port)
            await group.triggerGracefulShutdown()
        }
    }

    static func waitUntilAnswering(port: Int) async throws {
        for _ in 0..<100 {
            if (try? await OperationsProbe.get(port: port, path: "/healthz", timeout: .seconds(1))) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the operations server did not answer on \(port)")
    }

    @Test func healthzIsOKWhileEveryLoopMovesAnd503WhenOneIsStuck() async throws {
        let last = Mutex(ContinuousClock.now)
        let stuck = Mutex(false)
        let checks = HealthChecks(liveness: [
            .progress("loop", maximumSilence: .seconds(5)) { stuck.withLock { $0 } ? last.withLock { $0 } - .seconds(60) : .now }
        ])
        try await Self.withServer(checks) { port in
            let alive = try await OperationsProbe.get(port: port, path: "/healthz", timeout: .seconds(15))
            #expect(alive.status == 200)
            #expect(alive.body.contains("\"status\":\"alive\""))
            stuck.withLock { $0 = true }
            let dead = try await OperationsProbe.get(port: port, path: "/healthz", timeout: .seconds(15))
            #expect(dead.status == 503)
            #expect(dead.body.contains("\"loop\":\"no progress for"))
        }
    }

    @Test func readyzSaysWhichDependencyIsMissing() async throws {
        let brokerUp = Mutex(true)
        let checks = HealthChecks(readiness: [
            ReadinessCheck("rabbitmq") { brokerUp.withLock { $0 } ? .ok : .failing("connection refused") },
            ReadinessCheck("postgresql") { .ok },
        ])
        try await Self.withServer(checks) { port in
            try await Self.waitFor(port: port, status: 200)
            brokerUp.withLock { $0 = false }
            let down = try await Self.waitFor(port: port, status: 503)
            let object = try #require(JSONSerialization.jsonObject(with: Data(down.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "not ready")
            let checks = try #require(object["checks"] as? [String: String])
            #expect(checks == ["rabbitmq": "connection refused", "postgresql": "ok"])
            brokerUp.withLock { $0 = true }
            try await Self.waitFor(port: port, status: 200)
        }
    }

    @Test func aReadinessCheckThatHangsCountsAsFailingAndIsNotPiledUp() async throws {
        let started = Mutex(0)
        let checks = HealthChecks(readiness: [
            ReadinessCheck("postgresql") {
                started.withLock { $0 += 1 }
                try? await Task.sleep(for: .seconds(60))  // longer than the test, however loaded the machine
                return .ok
            }
        ])
        try await Self.withServer(checks) { port in
            let body = try await Self.waitFor(port: port, status: 503) { $0.contains("no answer") }
            #expect(body.contains("no answer"))
            try await Task.sleep(for: .seconds(1))
            #expect(started.withLock { $0 } == 1, "a hanging check must not be started again while it hangs")
        }
    }

    @Test func metricsExposeSwiftMetricsInPrometheusText() async throws {
        try await Self.withServer(HealthChecks()) { port in
            Counter(label: "ops_test_events_total", dimensions: [("kind", "a")]).increment(by: 3)
            let metrics = try await OperationsProbe.get(port: port, path: "/metrics", timeout: .seconds(15))
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("ops_test_events_total{kind=\"a\"} 3"))
        }
    }

    @discardableResult
    static func waitFor(
        port: Int, status: Int, body condition: (String) -> Bool = { _ in true }
    ) async throws -> String {
        var last = ""
        for _ in 0..<60 {
            let answer = try await OperationsProbe.get(port: port, path: "/readyz", timeout: .seconds(15))
            if answer.status == status && condition(answer.body) { return answer.body }
            last = "\(answer.status) \(answer.body)"
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("/readyz never answered \(status) as expected; last: \(last)")
        return last
    }
}
