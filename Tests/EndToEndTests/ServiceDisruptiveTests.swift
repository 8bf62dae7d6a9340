import APISimulator
import Foundation
import Testing
import TestSupport
import World

/// The whole system while a server restarts or a worker process is killed: no job is lost, no
/// message is answered twice. (`make test` runs `*DisruptiveTests` suites alone, after the others.)
@Suite(.serialized) struct ServiceDisruptiveTests {
    static func slowWorld() throws -> (World, SimulatorKnobs) {
        let world = try WorldGenerator.generate(.init(seed: 31, merchants: 80))
        var knobs = SimulatorKnobs()
        knobs.latencyMilliseconds = 40  // so that the restart happens while jobs are in flight
        return (world, knobs)
    }

    static func expected(_ world: World) -> Set<String> {
        Set(world.conversations.filter { !$0.messages.isEmpty }.map(\.conversationId))
    }

    static func assertExactlyOneReplyEach(_ system: EndToEndSystem, expected: Set<String>) {
        let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
        let repeated = counts.filter { $0.value != 1 }
        #expect(repeated.isEmpty, "conversations with more than one reply: \(repeated.prefix(10))")
        #expect(Set(counts.keys) == expected)
        #expect(system.simulator.stats().duplicateReplies == 0)
    }

    @Test func aBrokerRestartLosesNoJob() async throws {
        let (world, knobs) = try Self.slowWorld()
        let expected = Self.expected(world)
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2) { system in
            try await system.waitUntil(timeout: .seconds(60), "the first replies") { $0.count >= 10 }
            try await LocalServers.restart(.rabbitmq)
            try await system.waitUntil(timeout: .seconds(120), "a reply in each conversation after the restart") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))
            Self.assertExactlyOneReplyEach(system, expected: expected)
        }
    }

    @Test func aDatabaseRestartLosesNoJob() async throws {
        let (world, knobs) = try Self.slowWorld()
        let expected = Self.expected(world)
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2) { system in
            try await system.waitUntil(timeout: .seconds(60), "the first replies") { $0.count >= 10 }
            try await LocalServers.restart(.postgres)
            try await system.waitUntil(timeout: .seconds(120), "a reply in each conversation after the restart") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))
            Self.assertExactlyOneReplyEach(system, expected: expected)
        }
    }

    @Test func aKilledWorkerProcessLosesNoJob() async throws {
        let (world, knobs) = try Self.slowWorld()
        let expected = Self.expected(world)
        // The in-process worker of the harness keeps working; two worker *processes* join it, and one
        // of them is killed with SIGKILL while it holds jobs.
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 1, environment: ["WORKER_CONCURRENCY": "4"]) {
            system in
            let victim = try system.spawnWorkerProcess(instance: "victim")
            let survivor = try system.spawnWorkerProcess(instance: "survivor")
            defer {
                survivor.terminate()
                survivor.waitUntilExit()
            }
            try await system.waitUntil(timeout: .seconds(60), "the first replies") { $0.count >= 10 }
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
            #expect(victim.terminationReason == .uncaughtSignal)
            try await system.waitUntil(timeout: .seconds(120), "a reply in each conversation after the kill") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))
            Self.assertExactlyOneReplyEach(system, expected: expected)
        }
    }

    /// PostgreSQL stalls (SIGSTOP) for 10 s in the middle of a run, then resumes: no job is lost, none
    /// is answered twice, and the workers carry on without a restart.
    @Test func aStalledDatabaseLosesNoJob() async throws {
        let (world, knobs) = try Self.slowWorld()
        let expected = Self.expected(world)
        let environment = ["DATABASE_STATEMENT_TIMEOUT_MS": "3000", "DATABASE_POOL_WAIT_MS": "3000", "RETRY_BUDGET_MS": "120000"]
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2, environment: environment) { system in
            try await system.waitUntil(timeout: .seconds(60), "the first replies") { $0.count >= 10 }
            let before = system.sent.count
            try await LocalServers.whilePaused(.postgres, atMost: .seconds(30)) {
                try await Task.sleep(for: .seconds(10))
            }
            try await system.waitUntil(timeout: .seconds(120), "a reply in each conversation after the stall") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))
            print("PostgreSQL stalled 10 s: \(before) replies before, \(system.sent.count) in all, "
                + "\(system.simulator.stats().duplicateReplies) duplicates")
            Self.assertExactlyOneReplyEach(system, expected: expected)
        }
    }
}
