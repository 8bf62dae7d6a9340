import AMQP
import APISimulator
import AutoResponderService
import Foundation
import ServiceLifecycle
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
            let expectedQueues = JobTopology(
                prefix: prefix, retryDelays: try ServiceConfiguration(environment: system.environment).retryDelays
            ).allQueues
            #expect(Set(queues.map(\.name)) == Set(expectedQueues), "\(queues.map(\.name))")
            for queue in queues {
                #expect(queue.type == "quorum", "\(queue.name) is \(queue.type)")
                #expect(queue.members?.count == 3, "\(queue.name) has replicas on \(queue.members ?? [])")
            }

            let watcher = ConnectionWatcher(system.clients)
            let sampling = Task { await watcher.sample() }
            let clock = ContinuousClock()
            let stopped = clock.now
            let repliesBefore = system.sent.count
            if how == "kill-node" { try await ClusterControl.killNode(1) } else { try await ClusterControl.stopNode(1) }
            let stopTook = clock.now - stopped
            // New jobs are consumed and answered through nodes 2 and 3 while node 1 is down, and the
            // dispatcher publishes re-checks through them.
            try await system.waitUntil(timeout: .seconds(120), "replies through the other nodes") {
                $0.count >= repliesBefore + 60
            }
            try await waitFor(timeout: .seconds(60), "every client to be connected again") {
                watcher.moves(since: stopped).allSatisfy { $0.lostAfter == nil || $0.backAfter != nil }
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
            #expect(moves.filter { $0.client.hasSuffix("consumer") }.allSatisfy { $0.lostAfter != nil }, "\(moves)")
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

/// Watches, every 10 ms, whether the dispatchers' AMQP publishers and the workers' AMQP consumers are
/// connected (a consumer: consuming), and records for each when it first lost its connection and when
/// it was connected again — to another node. A dispatcher's publisher reconnects when it next
/// publishes (at a poll with due conversations, or a readiness check of `/readyz`); a worker's consumer
/// reconnects with backoff, once its jobs in flight are finished.
final class ConnectionWatcher: Sendable {
    struct Move: CustomStringConvertible {
        let client: String
        /// From the stop command to the moment it was seen disconnected.
        let lostAfter: Duration?
        /// From the stop command to the moment it was seen connected again.
        let backAfter: Duration?

        var description: String {
            guard let lostAfter else { return "\(client): never seen disconnected" }
            guard let backAfter else { return "\(client): lost its connection \(lostAfter.formatted) after the stop began, not back" }
            return "\(client): lost its connection \(lostAfter.formatted) after the stop began, "
                + "connected to another node \((backAfter - lostAfter).formatted) later"
        }
    }

    private let clients: [(name: String, isConnected: @Sendable () -> Bool)]
    private let state = Mutex<(stopped: Bool, lost: [String: ContinuousClock.Instant], back: [String: ContinuousClock.Instant])>(
        (false, [:], [:]))

    init(_ processes: [(instance: String, services: [any Service])]) {
        var clients: [(name: String, isConnected: @Sendable () -> Bool)] = []
        for (instance, services) in processes {
            for service in services {
                if instance.hasPrefix("dispatcher"), let publisher = service as? AMQPPublisher {
                    clients.append(("\(instance) publisher", { publisher.status.isConnected }))
                }
                if let consumer = service as? AMQPConsumer {
                    clients.append(("\(instance) consumer", { consumer.status.isConnected }))
                }
            }
        }
        self.clients = clients
    }

    /// Samples until ``stop()``.
    func sample() async {
        while !state.withLock({ $0.stopped }) {
            let now = ContinuousClock.now
            for (name, isConnected) in clients {
                let connected = isConnected()
                state.withLock { state in
                    if !connected, state.lost[name] == nil { state.lost[name] = now }
                    if connected, state.lost[name] != nil, state.back[name] == nil { state.back[name] = now }
                }
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    func stop() { state.withLock { $0.stopped = true } }

    func moves(since start: ContinuousClock.Instant) -> [Move] {
        state.withLock { state in
            clients.map { name, _ in
                Move(client: name, lostAfter: state.lost[name].map { $0 - start }, backAfter: state.back[name].map { $0 - start })
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
