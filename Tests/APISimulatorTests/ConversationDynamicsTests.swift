import APISimulator
import Foundation
import Testing
import World

/// Replies, follow-ups and the active list, with a clock the tests move by hand.
@Suite struct ConversationDynamicsTests {
    private func send(_ simulator: Simulator, _ id: String, _ message: String = "here is your answer") -> SimulatorReply {
        simulator.handle(.sendMessage, body: Data(json(["conversation_id": id, "message": message]).utf8), authorization: testToken)
    }

    @Test func sendMessageIsRecordedAndEchoed() throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        let reply = send(simulator, "754893", "your transfer failed")
        #expect(reply.status == 200)
        let messages = try #require(simulator.conversation("754893")?.messages)
        #expect(messages.count == 2)
        #expect(messages.last?.messageId == "754893-1")
        #expect(messages.last?.text == "your transfer failed")
        let info = simulator.handle(.conversationInfo, body: Data(#"{"conversation_id": "754893"}"#.utf8), authorization: testToken)
        #expect(String(decoding: info.body ?? Data(), as: UTF8.self).contains("your transfer failed"))
        let sent = simulator.sentMessages()
        #expect(sent.count == 1)
        #expect(sent.first?.conversationId == "754893")
        #expect(sent.first?.merchantId == "558392")
        #expect(sent.first?.inReplyTo == "754893-0")
        #expect(sent.first?.duplicate == false)
        #expect(send(simulator, "754893").status == 200)
        #expect(simulator.sentMessages().last?.duplicate == true)
        #expect(simulator.stats().duplicateReplies == 1)
        #expect(simulator.sentMessages(since: 1).count == 1)
        #expect(simulator.sentMessages(conversationId: "754894").isEmpty)
    }

    @Test func repliesAreNotEchoedWhenEchoIsOff() throws {
        var knobs = SimulatorKnobs()
        knobs.echoReplies = false
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        #expect(send(simulator, "754894").status == 200)
        #expect(simulator.conversation("754894")?.messages.count == 1)
        #expect(simulator.sentMessages().count == 1)
        #expect(simulator.sentMessages().first?.messageId == nil)
    }

    @Test func theClientWritesAFollowUpAfterTheFirstReply() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.followUpShare = 1
        knobs.followUpDelaySeconds = 5
        knobs.closeAfterSeconds = 0
        let world = try committedOriginalWorld()
        let simulator = try makeSimulator(world, knobs: knobs, clock: clock)
        _ = send(simulator, "754895")
        clock.advance(by: 4)
        #expect(simulator.conversation("754895")?.messages.count == 2)
        #expect(simulator.activeConversationIds().contains("754895"), "not closed while a follow-up is due")
        clock.advance(by: 1)
        let messages = try #require(simulator.conversation("754895")?.messages)
        #expect(messages.count == 3)
        #expect(messages.last?.messageId == "754895-2")
        #expect(messages.last?.text == world.conversations[2].truth?.followUp)
        #expect(simulator.stats().followUpsWritten == 1)
        clock.advance(by: 100)
        #expect(simulator.activeConversationIds().contains("754895"), "never closed while a client message is unanswered")
        _ = send(simulator, "754895")
        #expect(simulator.sentMessages().last?.inReplyTo == "754895-2")
        #expect(simulator.sentMessages().last?.duplicate == false)
        clock.advance(by: 10)
        #expect(simulator.conversation("754895")?.messages.count == 4, "one follow-up only")
        #expect(!simulator.activeConversationIds().contains("754895"))
    }

    @Test func noFollowUpWhenTheShareIsZero() throws {
        let clock = ManualClock()
        let simulator = try makeSimulator(try committedOriginalWorld(), clock: clock)
        _ = send(simulator, "754895")
        clock.advance(by: 3600)
        #expect(simulator.conversation("754895")?.messages.count == 2)
    }

    @Test func aConversationLeavesTheActiveListAfterItsReply() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.closeAfterSeconds = 10
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        #expect(simulator.activeConversationIds().count == 5)
        _ = send(simulator, "754893")
        clock.advance(by: 9)
        #expect(simulator.activeConversationIds().contains("754893"))
        clock.advance(by: 2)
        #expect(simulator.activeConversationIds() == ["754894", "754895", "754896", "754897"])
        clock.advance(by: 10_000)
        #expect(simulator.activeConversationIds().count == 4, "unanswered conversations stay")
        let stats = simulator.stats()
        #expect(stats.closedConversations == 1)
        #expect(stats.awaitingReply == 4)
        // Still answered by conversation_info, and a late reply is flagged.
        _ = send(simulator, "754893")
        #expect(simulator.sentMessages().last?.conversationWasActive == false)
        simulator.reset()
        #expect(simulator.activeConversationIds().count == 5)
        #expect(simulator.sentMessages().isEmpty)
    }

    @Test func conversationsArriveOverTimeUnderTheCap() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.maxActive = 10
        knobs.initialActive = 3
        knobs.arrivalPerSecond = 2
        knobs.closeAfterSeconds = 0
        let world = try WorldGenerator.generate(.init(seed: 3, merchants: 40, conversations: 50))
        let simulator = try makeSimulator(world, knobs: knobs, clock: clock)
        let ids = world.conversations.map(\.conversationId)
        #expect(simulator.activeConversationIds() == Array(ids[0..<3]))
        clock.advance(by: 1)
        #expect(simulator.activeConversationIds() == Array(ids[0..<5]))
        clock.advance(by: 10)
        #expect(simulator.activeConversationIds() == Array(ids[0..<10]), "capped")
        #expect(simulator.stats().pendingConversations == 40)
        for id in ids[0..<4] { _ = send(simulator, id) }
        clock.advance(by: 0.1)
        #expect(simulator.activeConversationIds() == Array(ids[4..<14]), "closed ones leave, waiting ones fill the room")
        clock.advance(by: 1000)
        #expect(simulator.stats().activeConversations == 10)
    }

    @Test func allConversationsAreActiveAtStartByDefault() throws {
        let world = try WorldGenerator.generate(.init(seed: 4, merchants: 30))
        let simulator = try makeSimulator(world)
        #expect(simulator.activeConversationIds() == world.conversations.map(\.conversationId))
        let reply = simulator.handle(.conversations, body: Data(), authorization: testToken)
        let object = try #require(try JSONSerialization.jsonObject(with: reply.body ?? Data()) as? [String: Any])
        #expect((object["conversation_ids"] as? [Int])?.count == 30)
    }
}
