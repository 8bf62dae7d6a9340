import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// Answer quality through the whole system (real RabbitMQ and PostgreSQL, the simulator, a dispatcher
/// and a worker) on the original world with three conversations rewritten: one asks two things, one
/// switches topic in a colloquial Portuguese follow-up, one is torn between two topics and is asked
/// which one before getting the facts.
@Suite struct RoutingEndToEndTests {
    static func world() throws -> World {
        var world = try OriginalConversationsEndToEndTests.originalWorld()
        for index in world.conversations.indices {
            switch world.conversations[index].conversationId {
            case "754895":  // merchant 384923: sale 123456 on its way, and a receipt
                world.conversations[index].messages[0].text =
                    "hi! my machine hasn't arrived yet, and yesterday's money didn't land in my account either"
            case "754894":  // merchant 530364: chip CHIP37649, and sale 34853 (delivered)
                world.conversations[index].truth?.followUp = "ok, e a outra maquininha que eu comprei? quando chega?"
            case "754893":  // merchant 558392: a failed transfer of R$ 177.40
                world.conversations[index].subject = ""
                world.conversations[index].messages[0].text = "hi, I have a question about my order and my bank"
                world.conversations[index].truth?.followUp = "the money, yesterday's transfer"
            default: break
            }
        }
        return world
    }

    @Test func twoThingsOneSwitchAndOneQuestionAreAnsweredWithTheirFacts() async throws {
        var knobs = SimulatorKnobs()
        knobs.followUpShare = 1
        knobs.followUpDelaySeconds = 0.3
        try await EndToEndSystem.run(world: try Self.world(), knobs: knobs) { system in
            try await system.waitUntil(timeout: .seconds(40), "ten replies") { $0.count >= 10 }
            try await Task.sleep(for: .seconds(2.5))
            let sent = system.sent
            let byConversation = Dictionary(grouping: sent, by: \.conversationId)
            #expect(sent.count == 10)
            #expect(byConversation.values.allSatisfy { $0.count == 2 })
            #expect(system.simulator.stats().duplicateReplies == 0)
            func replies(_ id: String) -> [String] { byConversation[id]?.sorted { $0.sequence < $1.sequence }.map(\.message) ?? [] }
            func expect(_ text: String?, contains facts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
                for fact in facts {
                    #expect(text?.contains(fact) == true, "missing \(fact) in:\n\(text ?? "nothing")", sourceLocation: sourceLocation)
                }
            }

            // Two things in one message: one reply with the delivery and the transfer.
            let twoThings = replies("754895")
            expect(twoThings.first, contains: ["123456", "On delivery route", "transfer"])
            #expect(twoThings.first?.components(separatedBy: "Hi!").count == 2)

            // A chip conversation, then "and the other machine I bought? when does it arrive?": its delivery.
            let switched = replies("754894")
            expect(switched.first, contains: ["CHIP37649"])
            expect(switched.last, contains: ["34853"])
            #expect(switched.last?.contains("CHIP37649") == false)
            #expect(switched.last?.hasPrefix("Olá!") == true)

            // Torn between the order and the bank: a question, then the facts of the answer.
            let asked = replies("754893")
            #expect(asked.first?.hasSuffix("?") == true)
            expect(asked.first, contains: ["delivery of your card machine", "transfer of your sales"])
            #expect(asked.first?.contains("177") == false)
            expect(asked.last, contains: ["failed", "R$ 177.40"])

            // The ledger records the question as such, and every resolver of each reply (the
            // follow-up's id depends on the echoed replies: the last message of each conversation).
            let rows = try await system.query(
                "SELECT conversation_id, message_id, resolver FROM responder.replies ORDER BY claimed_at, message_id")
            var resolvers: [String: [String]] = [:]
            for row in rows {
                resolvers[try row.decode(String.self, "conversation_id"), default: []].append(
                    try row.decode(String.self, "resolver"))
            }
            #expect(resolvers["754893"] == ["clarify", "receipt"])
            #expect(resolvers["754894"] == ["telecom", "logistics"])
            #expect(["logistics+receipt", "receipt+logistics"].contains(resolvers["754895"]?.first ?? ""))
        }
    }
}
