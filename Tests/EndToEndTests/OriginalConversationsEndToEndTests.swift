import APISimulator
import Foundation
import Testing
import TestSupport
import World

/// The assignment's five conversations, answered by the whole system with the facts of each merchant.
@Suite struct OriginalConversationsEndToEndTests {
    static func originalWorld() throws -> World {
        try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
    }

    @Test func theFiveConversationsGetTheRightFacts() async throws {
        let world = try Self.originalWorld()
        try await EndToEndSystem.run(world: world) { system in
            try await system.waitUntil(timeout: .seconds(30), "five replies") { $0.count >= 5 }
            // Re-checks of the same active conversations must not add replies.
            try await Task.sleep(for: .seconds(2.5))
            let sent = system.sent
            let byConversation = Dictionary(grouping: sent, by: \.conversationId)
            #expect(sent.count == 5)
            #expect(byConversation.count == 5)
            #expect(system.simulator.stats().duplicateReplies == 0)

            func reply(_ id: String) -> String { byConversation[id]?.first?.message ?? "" }
            // Bank receipt: failed transfer, its description and value, and the previous day's total.
            let receipt = reply("754893")
            for fact in ["failed", "bank's API is unavailable", "R$ 177.40", "matches"] {
                #expect(receipt.contains(fact), "receipt reply lacks \(fact): \(receipt)")
            }
            // Late delivery: sale, tracking status, forecast, street and city.
            let delivery = reply("754895")
            for fact in ["123456", "On delivery route", "01/12/2021", "Rua Professor Patrocínio Filho", "Belo Horizonte"] {
                #expect(delivery.contains(fact), "delivery reply lacks \(fact): \(delivery)")
            }
            // Address question whose zip the logistics API does not know: status and forecast still given.
            let unknownZip = reply("754897")
            for fact in ["123458", "In transit between distribution centers", "01/03/2022"] {
                #expect(unknownZip.contains(fact), "reply lacks \(fact): \(unknownZip)")
            }
            // Delivery-date question labelled `check delivery address`: the forecast of the merchant's sale.
            let tracking = try #require(world.tracking.first { $0.id == "123457" })
            let forecast = reply("754896")
            for fact in ["123457", tracking.status, tracking.deliveryForecast] {
                #expect(forecast.contains(fact), "reply lacks \(fact): \(forecast)")
            }
            // Chip: the merchant's own chip, its status and (not active) the reason.
            let chip = try #require(world.chips.first { $0.id == "CHIP37649" })
            let telecom = reply("754894")
            #expect(telecom.contains("CHIP37649"))
            #expect(telecom.contains(chip.status))
            if chip.status != "active" { #expect(telecom.contains(chip.description)) }
            // No reply carries another merchant's sale or chip.
            #expect(!telecom.contains("CHIP37648"))
            #expect(!delivery.contains("123458") && !unknownZip.contains("123456"))
        }
    }

    @Test func aFollowUpMessageGetsExactlyOneMoreReply() async throws {
        var knobs = SimulatorKnobs()
        knobs.followUpShare = 1
        knobs.followUpDelaySeconds = 0.3
        try await EndToEndSystem.run(world: try Self.originalWorld(), knobs: knobs) { system in
            try await system.waitUntil(timeout: .seconds(40), "ten replies") { $0.count >= 10 }
            try await Task.sleep(for: .seconds(2.5))
            let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
            #expect(counts.count == 5)
            #expect(counts.values.allSatisfy { $0 == 2 }, "replies per conversation: \(counts)")
            #expect(system.simulator.stats().duplicateReplies == 0)
            #expect(system.simulator.stats().followUpsWritten == 5)
        }
    }

    @Test(arguments: [true, false])
    func repliesAreNotAnsweredWhetherOrNotTheChatsAPIEchoesThem(echo: Bool) async throws {
        var knobs = SimulatorKnobs()
        knobs.echoReplies = echo
        try await EndToEndSystem.run(world: try Self.originalWorld(), knobs: knobs) { system in
            try await system.waitUntil(timeout: .seconds(30), "five replies") { $0.count >= 5 }
            try await Task.sleep(for: .seconds(2.5))  // more than two re-check periods
            #expect(system.sent.count == 5)
            #expect(system.simulator.stats().duplicateReplies == 0)
            if echo {
                // The echoed replies are in the conversations, and were recognised as ours.
                let conversation = try #require(system.simulator.conversation("754893"))
                #expect(conversation.messages.count == 2)
            }
        }
    }

    @Test func aConversationWithNoMessageGetsOneReplyFromItsSubject() async throws {
        var world = try Self.originalWorld()
        world.conversations.append(
            Conversation(conversationId: "754999", merchantId: "530364", subject: "connection problem", messages: []))
        try await EndToEndSystem.run(world: world) { system in
            try await system.waitUntil(timeout: .seconds(30), "six replies") { $0.count >= 6 }
            try await Task.sleep(for: .seconds(2.5))
            let replies = system.sent.filter { $0.conversationId == "754999" }
            #expect(replies.count == 1)
            #expect(replies.first?.message.contains("CHIP37649") == true, "\(replies.first?.message ?? "")")
            #expect(system.sent.count == 6)
        }
    }
}
