import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct ConversationPlannerTests {
    func message(_ id: String, _ text: String, at seconds: TimeInterval) -> ChatMessage {
        ChatMessage(id: try! MessageID(id), text: text, createdAt: Date(timeIntervalSince1970: seconds))
    }

    func conversation(_ messages: [ChatMessage]) -> Conversation {
        Conversation(id: try! ConversationID("1"), merchantID: try! MerchantID("9"), subject: "", messages: messages)
    }

    @Test func aNewConversationNeedsAReplyToEveryClientMessage() {
        let plan = ConversationPlanner.plan(
            conversation([message("1-1", "second", at: 20), message("1-0", "first", at: 10)]), answered: [], sentReplies: [])
        #expect(plan.pending.map(\.id.rawValue) == ["1-0", "1-1"])
        #expect(plan.needsReply)
    }

    @Test func answeredMessagesAreNotAnsweredAgain() throws {
        let plan = ConversationPlanner.plan(
            conversation([message("1-0", "where is my machine", at: 10)]), answered: [try MessageID("1-0")],
            sentReplies: ["Hi! Here is the latest…"])
        #expect(plan.pending.isEmpty)
        #expect(!plan.needsReply)
        #expect(plan.clientMessages.count == 1)
    }

    @Test func echoesOfOurRepliesAreIgnoredEvenWithOtherWhitespace() throws {
        let reply = "Hi! Here is the latest on your order:\n\nSale 123456\n- Tracking status: On delivery route"
        let echo = "Hi!  Here is the latest on your order: Sale 123456 - Tracking status: On delivery route  "
        let plan = ConversationPlanner.plan(
            conversation([message("1-0", "where is my machine", at: 10), message("1-1", echo, at: 11)]),
            answered: [try MessageID("1-0")], sentReplies: [reply])
        #expect(plan.pending.isEmpty)
        #expect(plan.echoes.map(\.rawValue) == ["1-1"])
    }

    @Test func aNewFollowUpAfterOurReplyIsPending() throws {
        let reply = "Hi! Here is the latest on your order."
        let plan = ConversationPlanner.plan(
            conversation([
                message("1-0", "where is my machine", at: 10), message("1-1", reply, at: 11),
                message("1-2", "and what is the address?", at: 30),
            ]),
            answered: [try MessageID("1-0")], sentReplies: [reply])
        #expect(plan.pending.map(\.id.rawValue) == ["1-2"])
        #expect(plan.clientMessages.map(\.id.rawValue) == ["1-0", "1-2"])
    }

    @Test func sameTimestampOrdersByIdNaturally() {
        let plan = ConversationPlanner.plan(
            conversation([message("1-10", "c", at: 5), message("1-2", "b", at: 5), message("1-1", "a", at: 5)]),
            answered: [], sentReplies: [])
        #expect(plan.pending.map(\.id.rawValue) == ["1-1", "1-2", "1-10"])
    }

    @Test func aRepeatedMessageIdIsPlannedOnce() {
        let plan = ConversationPlanner.plan(
            conversation([message("1-0", "a", at: 5), message("1-0", "a", at: 5)]), answered: [], sentReplies: [])
        #expect(plan.pending.count == 1)
    }

    @Test func aClientTextThatIsNotExactlyOurReplyIsTheClients() {
        let plan = ConversationPlanner.plan(
            conversation([message("1-0", "Hi! Here is the latest on your order. Thanks!", at: 10)]), answered: [],
            sentReplies: ["Hi! Here is the latest on your order."])
        #expect(plan.pending.count == 1)
    }
}
