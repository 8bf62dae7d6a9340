import Foundation
import Testing

@testable import AutoResponderCore

/// The reconciliation of a conversation with the ledger: whose echo is whose, what is still pending.
@Suite struct ReplyReconcilerTests {
    static func message(_ id: String, _ text: String, at seconds: TimeInterval) -> ChatMessage {
        ChatMessage(id: try! MessageID(id), text: text, createdAt: Date(timeIntervalSince1970: seconds))
    }

    static func conversation(_ messages: [ChatMessage]) -> Conversation {
        Conversation(id: try! ConversationID("1"), merchantID: try! MerchantID("9"), subject: "late delivery", messages: messages)
    }

    static func reply(
        _ group: String, _ text: String, _ state: RecordedReply.State, answering: [String], claimedAt: TimeInterval,
        live: Bool = false
    ) -> RecordedReply {
        RecordedReply(
            group: group, text: text, state: state, answering: answering.map { try! MessageID($0) },
            claimedAt: Date(timeIntervalSince1970: claimedAt), claimLive: live,
            triedAt: state == .uncertain ? Date(timeIntervalSince1970: claimedAt + 1) : nil)
    }

    static let handOff = "Thanks for writing. A person from our team will follow up here shortly."

    @Test func anExpiredClaimWhoseOwnEchoIsThereWasPosted() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-0", "where is my machine", at: 100), Self.message("1-1", "Sale 1: on its way", at: 106)]),
            replies: [Self.reply("g1", "Sale 1: on its way", .claimed, answering: ["1-0"], claimedAt: 105)])
        #expect(result.confirmed.map(\.group) == ["g1"])
        #expect(result.plan.pending.isEmpty)
        #expect(result.plan.echoes.map(\.rawValue) == ["1-1"])
        #expect(result.echoOf[try! MessageID("1-1")] == "g1")
        #expect(!result.sawOwnEcho, "only a reply recorded as sent proves that the chats API echoes")
    }

    @Test func aFollowUpWhoseReplyRepeatsAnEarlierOneIsNotHealedByTheEarlierEcho() {
        // 1-0 answered by g1 (sent, echoed as 1-1); the follow-up 1-2's reply g2 has the same text and
        // its post failed: the earlier echo must not make g2 look posted.
        let result = ReplyReconciler.reconcile(
            Self.conversation([
                Self.message("1-0", "hello?", at: 100), Self.message("1-1", Self.handOff, at: 106),
                Self.message("1-2", "hello??", at: 200),
            ]),
            replies: [
                Self.reply("g1", Self.handOff, .sent, answering: ["1-0"], claimedAt: 105),
                Self.reply("g2", Self.handOff, .claimed, answering: ["1-2"], claimedAt: 201),
            ])
        #expect(result.confirmed.isEmpty)
        #expect(result.plan.pending.map(\.id.rawValue) == ["1-2"])
        #expect(result.sawOwnEcho)
    }

    @Test func twoEqualRepliesEachTakeTheirOwnEcho() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([
                Self.message("1-0", "hello?", at: 100), Self.message("1-1", Self.handOff, at: 106),
                Self.message("1-2", "hello??", at: 200), Self.message("1-3", Self.handOff, at: 203),
            ]),
            replies: [
                Self.reply("g1", Self.handOff, .sent, answering: ["1-0"], claimedAt: 105),
                Self.reply("g2", Self.handOff, .uncertain, answering: ["1-2"], claimedAt: 201),
            ])
        #expect(result.confirmed.map(\.group) == ["g2"])
        #expect(result.echoOf[try! MessageID("1-3")] == "g2")
        #expect(result.plan.pending.isEmpty)
    }

    @Test func anEchoAlreadyTakenByAnotherReplyDoesNotCountTwice() {
        // Echo lag: g1's echo comes after the follow-up; it is g1's (claimed first), not g2's.
        let result = ReplyReconciler.reconcile(
            Self.conversation([
                Self.message("1-0", "hello?", at: 100), Self.message("1-2", "hello??", at: 104),
                Self.message("1-1", Self.handOff, at: 106),
            ]),
            replies: [
                Self.reply("g1", Self.handOff, .sent, answering: ["1-0"], claimedAt: 103),
                Self.reply("g2", Self.handOff, .uncertain, answering: ["1-2"], claimedAt: 105),
            ])
        #expect(result.confirmed.isEmpty)
        #expect(result.unconfirmed.map(\.group) == ["g2"])
    }

    @Test func anEchoWrittenBeforeTheClaimIsNotItsEcho() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-0", "hi", at: 100), Self.message("1-1", "same words", at: 110)]),
            replies: [Self.reply("g1", "same words", .claimed, answering: ["1-0"], claimedAt: 500)])
        #expect(result.confirmed.isEmpty)
        #expect(result.plan.pending.map(\.id.rawValue) == ["1-0"])
    }

    @Test func anUncertainPostWithoutEchoHoldsItsMessagesForThePolicy() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-0", "where is my money", at: 100), Self.message("1-3", "and the chip?", at: 300)]),
            replies: [Self.reply("g1", "Your transfer...", .uncertain, answering: ["1-0"], claimedAt: 105)])
        #expect(result.unconfirmed.map(\.group) == ["g1"])
        #expect(result.plan.pending.map(\.id.rawValue) == ["1-3"], "the held message is not pending; the new one is")
    }

    @Test func aLiveClaimIsNeitherConfirmedNorHeld() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-0", "hi", at: 100), Self.message("1-1", "answer", at: 106)]),
            replies: [Self.reply("g1", "answer", .claimed, answering: ["1-0"], claimedAt: 105, live: true)])
        #expect(result.confirmed.isEmpty, "its worker is still posting and will record it")
        #expect(result.plan.pending.map(\.id.rawValue) == ["1-0"], "a claim attempt finds it held")
    }

    @Test func sentAndHandedOffMessagesAreAnswered() {
        let result = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-0", "a", at: 100), Self.message("1-1", "b", at: 200)]),
            replies: [
                Self.reply("g1", "r1", .sent, answering: ["1-0"], claimedAt: 101),
                Self.reply("g2", "r2", .handedOff, answering: ["1-1"], claimedAt: 201),
            ])
        #expect(result.plan.pending.isEmpty)
        #expect(result.plan.clientMessages.count == 2)
    }

    @Test func aConversationWithoutClientMessagesIsPlannedOnceFromItsSubject() {
        let subject = Self.message("subject-only", "", at: 1000)
        let empty = ReplyReconciler.reconcile(Self.conversation([]), replies: [], subjectOnly: subject)
        #expect(empty.plan.pending == [subject])
        let answered = ReplyReconciler.reconcile(
            Self.conversation([Self.message("1-1", "r", at: 900)]),
            replies: [Self.reply("g", "r", .sent, answering: ["subject-only"], claimedAt: 800)], subjectOnly: subject)
        #expect(answered.plan.pending.isEmpty, "only our echo is there, and the subject reply was sent")
    }
}

@Suite struct AmbiguousSendPolicyTests {
    let reply = RecordedReply(
        group: "g", text: "t", state: .uncertain, answering: [], claimedAt: Date(timeIntervalSince1970: 100),
        triedAt: Date(timeIntervalSince1970: 101))

    @Test func recheckWaitsOutTheSettleTimeThenPostsAgainOnlyWithEchoEvidence() {
        let policy = AmbiguousSendPolicy(mode: .recheck, settle: .seconds(10))
        #expect(policy.decide(reply, chatsAPIEchoes: true, now: Date(timeIntervalSince1970: 105)) == .waitUntil(Date(timeIntervalSince1970: 111)))
        #expect(policy.decide(reply, chatsAPIEchoes: true, now: Date(timeIntervalSince1970: 111)) == .postAgain)
        #expect(policy.decide(reply, chatsAPIEchoes: false, now: Date(timeIntervalSince1970: 105)) == .waitUntil(Date(timeIntervalSince1970: 111)))
        #expect(policy.decide(reply, chatsAPIEchoes: false, now: Date(timeIntervalSince1970: 115)) == .waitUntil(Date(timeIntervalSince1970: 131)))
        #expect(policy.decide(reply, chatsAPIEchoes: false, now: Date(timeIntervalSince1970: 200)) == .handOff)
    }

    @Test func handoffModeNeverPostsAgain() {
        let policy = AmbiguousSendPolicy(mode: .handoff, settle: .seconds(10))
        #expect(policy.decide(reply, chatsAPIEchoes: true, now: Date(timeIntervalSince1970: 500)) == .handOff)
    }
}
