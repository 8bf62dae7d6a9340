import APISimulator
import Foundation
import Operations
import Synchronization
import Testing
import TestSupport
import World

/// The whole system on a three-node RabbitMQ cluster (scripts/cluster.sh, started here if needed):
/// the queues are quorum queues with a replica on each node; 500 conversations are answered while
/// the node every process is connected to (node 1, first in AMQP_URL, which also leads the queues it
/// declared) is stopped mid-run — cleanly, or killed as in a crash — and started again. Nothing is
/// lost, nothing is answered twice, and the test prints how long the service took to move to another
/// node.
/// (`make test` runs `*DisruptiveTests` alone, after the others; `make test-cluster` runs this one.)
@Suite(.serialized) struct ClusterDisruptiveTests {
    static let conversations = 500

    @Test(.timeLimit(.minutes(10)), arguments: ["stop-node", "kill-node"])
    func fiveHundredConversationsWhileANodeStopsAndStartsAgain(_ how: String) async throws {
        try await ClusterControl.start()
        let (world, expected) = try Self.world(answering: Self.conversations)
        var knobs = SimulatorKnobs()
        knobs.latencyMilliseconds = 30  // a run of several seconds, so that the node stops mid-run
        let environment = ["AMQP_URL": ClusterControl.amqpURL, "WORKER_CONCURRENCY": "4"]
        try await EndToEndSystem.run(world: world, knobs: knobs, dispatchers: 1, workers: 2, environment: environment) {
            system in
            try await system.waitUntil(timeout: .seconds(120), "the first 100 replies") { $0.count >= 100 }
            let prefix = system.environment["AMQP_PREFIX"] ?? ""
            let queues = try ClusterControl.queues(prefix: prefix)
            #expect(queues.count == 3, "\(queues.map(\.name))")
            for queue in queues {
                #expect(queue.type == "quorum", "\(queue.name) is \(queue.type)")
                #expect(queue.members?.count == 3, "\(queue.name) has replicas on \(queue.members ?? [])")
            }

            let watcher = ReadinessWatcher(system.checks)
            let sampling = Task { await watcher.sample() }
            let clock = ContinuousClock()
            let stopped = clock.now
            let repliesBefore = system.sent.count
            if how == "kill-node" { try await ClusterControl.killNode(1) } else { try await ClusterControl.stopNode(1) }
            let stopTook = clock.now - stopped
            // New jobs are consumed and answered through nodes 2 and 3 while node 1 is down.
            try await system.waitUntil(timeout: .seconds(120), "replies through the other nodes") {
                $0.count >= repliesBefore + 60
            }
            watcher.stop()
            await sampling.value
            let repliesWhileDown = system.sent.count - repliesBefore
            try await ClusterControl.startNode(1)

            try await system.waitUntil(timeout: .seconds(180), "a reply in each of \(expected.count) conversations") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))  // more than two re-check periods: no late duplicate
            let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
            let repeated = counts.filter { $0.value != 1 }
            let lost = expected.subtracting(counts.keys)
            #expect(repeated.isEmpty, "conversations answered more than once: \(repeated.prefix(10))")
            #expect(lost.isEmpty, "conversations never answered: \(lost.prefix(10))")
            #expect(system.simulator.stats().duplicateReplies == 0)

            let moves = watcher.moves(since: stopped)
            #expect(moves.contains { $0.lostAfter != nil }, "no process noticed node 1 stopping: \(moves)")
            #expect(moves.allSatisfy { $0.lostAfter == nil || $0.backAfter != nil }, "\(moves)")
            let gap = Self.longestGap(system.sent, from: stopped, clock: clock)
            print(
                """
                CLUSTER TEST (\(how) 1): \(expected.count) conversations, \(system.sent.count) replies, \
                \(repeated.count) answered twice, \(lost.count) lost; `cluster.sh \(how) 1` took \(stopTook.formatted), \
                \(repliesWhileDown) replies while node 1 was down
                """)
            for move in moves { print("CLUSTER TEST (\(how) 1): \(move)") }
            print("CLUSTER TEST (\(how) 1): longest time without a reply after the stop began: \(gap.formatted)")
        }
    }

    /// A generated world with at least `count` conversations that need a reply (exactly `count` when the
    /// generator gives every conversation a message), and those conversations' ids.
    static func world(answering count: Int) throws -> (World, Set<String>) {
        var size = count
        while true {
            let world = try WorldGenerator.generate(.init(seed: 47, merchants: size, conversations: size))
            let expected = Set(world.conversations.filter { !$0.messages.isEmpty }.map(\.conversationId))
            if expected.count >= count { return (world, expected) }
            size += count - expected.count
        }
    }

    /// The longest time between two replies (or between `start` and the first reply) in the replies
    /// recorded after `start`: how long the chats API heard nothing.
    static func longestGap(_ sent: [SentMessage], from start: ContinuousClock.Instant, clock: ContinuousClock) -> Duration {
        let startSeconds = Date().timeIntervalSince1970 - (clock.now - start).seconds
        let times = [startSeconds] + sent.map(\.at).filter { $0 >= startSeconds }.sorted()
        let longest = zip(times, times.dropFirst()).map { $1 - $0 }.max() ?? 0
        return .milliseconds(Int(longest * 1000))
    }
}

/// Evaluates the `rabbitmq` readiness check of every in-process dispatcher and worker every 20 ms
/// and records, for each, when it first failed and when it passed again. The dispatcher's check
/// reconnects its publisher itself when it finds it disconnected (as `/readyz` does every second): a
/// check that passes but takes more than 20 ms counts as lost at its start and back at its end.
final class ReadinessWatcher: Sendable {
    struct Move: CustomStringConvertible {
        let instance: String
        /// From the stop command to the first failing check.
        let lostAfter: Duration?
        /// From the stop command to the first passing check after that: connected to another node.
        let backAfter: Duration?

        var description: String {
            guard let lostAfter else {
                return "\(instance): its readiness check never failed (it reconnects on demand, within one check of 20 ms)"
            }
            guard let backAfter else { return "\(instance): lost its connection \(lostAfter.formatted) after the stop began, never back" }
            return "\(instance): lost its connection \(lostAfter.formatted) after the stop began, "
                + "connected to another node \((backAfter - lostAfter).formatted) later"
        }
    }

    private let checks: [(instance: String, check: ReadinessCheck)]
    private let state = Mutex<(stopped: Bool, lost: [String: ContinuousClock.Instant], back: [String: ContinuousClock.Instant])>(
        (false, [:], [:]))

    init(_ processes: [(instance: String, checks: HealthChecks)]) {
        checks = processes.flatMap { process in
            process.checks.readiness.filter { $0.name == "rabbitmq" }.map { (process.instance, $0) }
        }
    }

    func sample() async {
        while !state.withLock({ $0.stopped }) {
            for (instance, check) in checks {
                let began = ContinuousClock.now
                let ok = await check.evaluate().isOK
                let now = ContinuousClock.now
                state.withLock { state in
                    if !ok, state.lost[instance] == nil { state.lost[instance] = began }
                    if ok, state.lost[instance] == nil, now - began > .milliseconds(20) { state.lost[instance] = began }
                    if ok, state.lost[instance] != nil, state.back[instance] == nil { state.back[instance] = now }
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    func stop() { state.withLock { $0.stopped = true } }

    func moves(since start: ContinuousClock.Instant) -> [Move] {
        state.withLock { state in
            checks.map { instance, _ in
                Move(
                    instance: instance, lostAfter: state.lost[instance].map { $0 - start },
                    backAfter: state.back[instance].map { $0 - start })
            }
        }
    }
}

extension Duration {
    /// Seconds as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// `1.234 s`.
    var formatted: String { String(format: "%.3f s", seconds) }
}
