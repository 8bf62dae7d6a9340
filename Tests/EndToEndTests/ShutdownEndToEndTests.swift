import APISimulator
import Foundation
import Operations
import Testing
import TestSupport
import World

/// SIGTERM to a worker process busy with `WORKER_CONCURRENCY` jobs: it exits 0 within its grace,
/// finishing what it can and handing the rest back; every conversation is still answered once.
@Suite(.serialized) struct ShutdownEndToEndTests {
    static func jobsInFlight(_ port: Int) async throws -> Double {
        PrometheusText(try await OperationsProbe.get(port: port, path: "/metrics").body).sum("autoresponder_jobs_in_flight")
    }

    @Test(arguments: [(graceMs: 15_000, handsBack: false), (graceMs: 1_000, handsBack: true)])
    func sigtermWithFullConcurrencyExitsCleanlyAndLosesNothing(graceMs: Int, handsBack: Bool) async throws {
        let world = try WorldGenerator.generate(.init(seed: 71, merchants: 90))
        let conversations = world.conversations.filter { !$0.messages.isEmpty }.count
        var knobs = SimulatorKnobs()
        knobs.latencyMilliseconds = 700  // a job takes a few seconds: 32 of them stay in flight
        knobs.closeAfterSeconds = nil
        let environment = ["HTTP_TIMEOUT_MS": "8000", "REPLY_CLAIM_TTL_MS": "20000"]
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 0, environment: environment) { system in
            let port = try freeLocalPort()
            let busy = try system.spawnWorkerProcess(
                instance: "busy",
                environment: ["OPS_PORT": "\(port)", "WORKER_CONCURRENCY": "32", "SHUTDOWN_GRACE_MS": "\(graceMs)"])
            try await waitFor(timeout: .seconds(60), "32 jobs in flight") {
                (try? await Self.jobsInFlight(port)) == 32
            }
            let before = system.sent.count
            let signalled = ContinuousClock.now
            kill(busy.processIdentifier, SIGTERM)
            try await waitFor(timeout: .seconds(40), "the worker to exit") { !busy.isRunning }
            let took = ContinuousClock.now - signalled
            #expect(busy.terminationReason == .exit && busy.terminationStatus == 0, "exit status \(busy.terminationStatus)")
            #expect(took < .milliseconds(graceMs) + .seconds(8), "it took \(took) with a grace of \(graceMs) ms")
            let finished = system.sent.count - before
            if handsBack { #expect(finished < 32, "with a 1 s grace, jobs were handed back") }
            // Another worker takes over what was handed back or never taken.
            let other = try system.spawnWorkerProcess(instance: "other", environment: ["WORKER_CONCURRENCY": "64"])
            defer {
                other.terminate()
                other.waitUntilExit()
            }
            try await system.waitUntil(timeout: .seconds(120), "a reply in each of \(conversations) conversations") {
                Set($0.map(\.conversationId)).count >= conversations
            }
            try await Task.sleep(for: .seconds(3))
            print("SIGTERM, grace \(graceMs) ms: exited 0 after \(took), \(finished) replies while stopping")
            #expect(system.simulator.stats().duplicateReplies == 0)
            #expect(system.sent.count == conversations)
        }
    }
}
