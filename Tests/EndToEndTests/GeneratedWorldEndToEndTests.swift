import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// A generated world of a few hundred conversations, with several dispatchers and workers at once,
/// and with injected upstream faults.
@Suite struct GeneratedWorldEndToEndTests {
    static func world(seed: UInt64, merchants: Int) throws -> World {
        try WorldGenerator.generate(.init(seed: seed, merchants: merchants))
    }

    @Test func everyConversationGetsExactlyOneReplyWithTwoDispatchersAndTwoWorkers() async throws {
        let world = try Self.world(seed: 11, merchants: 300)
        let expected = Set(world.conversations.filter { !$0.messages.isEmpty }.map(\.conversationId))
        try await EndToEndSystem.run(world: world, dispatchers: 2, workers: 2) { system in
            try await system.waitUntil(timeout: .seconds(120), "a reply in each of \(expected.count) conversations") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))  // more than two re-check periods
            let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
            let repeated = counts.filter { $0.value != 1 }
            #expect(repeated.isEmpty, "conversations with more than one reply: \(repeated.prefix(10))")
            #expect(system.simulator.stats().duplicateReplies == 0)
            #expect(Set(counts.keys) == expected)
            assertNoReplyCarriesAnotherMerchantsIDs(system.sent, world: world)
            try await assertRoutingFollowsTheClientsIntent(system, world: world)
        }
    }

    @Test func injectedUpstreamFaultsStillGiveExactlyOneReplyEach() async throws {
        let world = try Self.world(seed: 23, merchants: 120)
        var knobs = SimulatorKnobs()
        knobs.errorShare = 0.1
        knobs.wrongShapeShare = 0.05
        knobs.hangShare = 0.01
        knobs.hangSeconds = 4
        knobs.jitterMilliseconds = 20
        let expected = Set(world.conversations.filter { !$0.messages.isEmpty }.map(\.conversationId))
        try await EndToEndSystem.run(world: world, knobs: knobs, dispatchers: 1, workers: 2) { system in
            try await system.waitUntil(timeout: .seconds(150), "a reply in each of \(expected.count) conversations") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))
            let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
            let repeated = counts.filter { $0.value != 1 }
            #expect(repeated.isEmpty, "conversations with more than one reply: \(repeated.prefix(10))")
            #expect(system.simulator.stats().duplicateReplies == 0)
            let faults = system.simulator.stats().endpoints.values.reduce(0) { $0 + $1.injectedErrors + $1.injectedWrongShapes }
            #expect(faults > 0, "the simulator injected no fault: the test proves nothing")
            assertNoReplyCarriesAnotherMerchantsIDs(system.sent, world: world)
        }
    }

    /// Every sale or chip id a reply mentions belongs to the conversation's merchant.
    func assertNoReplyCarriesAnotherMerchantsIDs(_ sent: [SentMessage], world: World) {
        var owner: [String: String] = [:]
        for sale in world.sales {
            owner[sale.idSale] = sale.merchantId
            if let chip = sale.chipId { owner[chip] = sale.merchantId }
        }
        let merchantOf = Dictionary(world.conversations.map { ($0.conversationId, $0.merchantId) }) { first, _ in first }
        for reply in sent {
            let tokens = reply.message.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            for token in tokens {
                if let merchant = owner[token] {
                    #expect(
                        merchant == merchantOf[reply.conversationId],
                        "conversation \(reply.conversationId) got \(token) of merchant \(merchant)")
                }
            }
        }
    }

    /// The resolver recorded in the reply ledger matches the intent the generator wrote the client with.
    func assertRoutingFollowsTheClientsIntent(_ system: EndToEndSystem, world: World) async throws {
        let rows = try await system.query("SELECT DISTINCT conversation_id, resolver FROM responder.replies")
        let resolverOf = Dictionary(try rows.map { (try $0.decode(String.self, "conversation_id"), try $0.decode(String.self, "resolver")) }) { a, _ in a }
        var wrong: [String] = []
        var total = 0
        for conversation in world.conversations {
            guard let truth = conversation.truth, let resolver = resolverOf[conversation.conversationId] else { continue }
            total += 1
            let expected = truth.intent == .unknown ? "handoff" : truth.intent.rawValue
            if resolver != expected {
                wrong.append("\(conversation.conversationId) [\(conversation.subject)] \(expected)→\(resolver): \(conversation.messages.first?.text.prefix(90) ?? "")")
            }
        }
        let accuracy = Double(total - wrong.count) / Double(max(total, 1))
        print("routing: \(total - wrong.count)/\(total) conversations routed to their true intent")
        for line in wrong.prefix(20) { print("  misrouted: \(line)") }
        #expect(total > 0)
        #expect(accuracy >= 0.95, "routing accuracy \(accuracy)")
    }
}
