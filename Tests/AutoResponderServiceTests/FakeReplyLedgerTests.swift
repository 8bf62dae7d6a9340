import AutoResponderCore
import Foundation
import Testing

@testable import AutoResponderService

/// The fake ledger keeps ``PostgresReplyLedger``'s rules (the worker's tests rely on them).
@Suite struct FakeReplyLedgerTests {
    let store = LedgerStore()
    var w1: FakeReplyLedger { FakeReplyLedger(store: store, instanceID: "w1") }
    var w2: FakeReplyLedger { FakeReplyLedger(store: store, instanceID: "w2") }
    let conversation = try! ConversationID("c1")

    func claim(_ messages: [String], group: String) -> ReplyClaim {
        ReplyClaim(
            conversationID: conversation, messageIDs: messages.map { try! MessageID($0) }, group: group, text: "reply \(group)",
            resolver: "telecom", language: "english", waitingSince: nil)
    }

    @Test func aClaimTakesEveryMessageOrNone() async throws {
        #expect(try await w2.claim(claim(["m2"], group: "b"), jobID: "j", takingOver: []) == .claimed)
        #expect(try await w1.claim(claim(["m1", "m2"], group: "a"), jobID: "j", takingOver: []) == .heldByAnother)
        #expect(store.row("c1", "m1") == nil, "m1 was not kept")
        #expect(store.row("c1", "m2")?.group == "b")
    }

    @Test func sentAndHandedOffMessagesAreAlreadyAnswered() async throws {
        let a = claim(["m1"], group: "a")
        _ = try await w1.claim(a, jobID: "j", takingOver: [])
        #expect(try await w1.markSent(a))
        #expect(try await w2.claim(claim(["m1"], group: "b"), jobID: "j", takingOver: ["a"]) == .alreadySent)
        let c = claim(["m3"], group: "c")
        _ = try await w1.claim(c, jobID: "j", takingOver: [])
        #expect(try await w1.markUncertain(c))
        try await w1.handOver(conversation, group: "c")
        #expect(try await w2.claim(claim(["m3"], group: "d"), jobID: "j", takingOver: ["c"]) == .alreadySent)
    }

    @Test func anUncertainGroupIsTakenOverOnlyWhenNamed() async throws {
        let a = claim(["m1"], group: "a")
        _ = try await w1.claim(a, jobID: "j", takingOver: [])
        #expect(try await w1.markUncertain(a))
        store.age(by: 3600)  // uncertain rows do not expire
        #expect(try await w2.claim(claim(["m1"], group: "b"), jobID: "j", takingOver: []) == .heldByAnother)
        #expect(try await w2.claim(claim(["m1"], group: "b"), jobID: "j", takingOver: ["x"]) == .heldByAnother)
        #expect(try await w2.claim(claim(["m1"], group: "b"), jobID: "j", takingOver: ["a"]) == .claimed)
        #expect(store.row("c1", "m1")?.triedAt == nil)
        #expect(store.row("c1", "m1")?.attempts == 2)
    }

    @Test func writesThatFinishAClaimCheckThatItIsStillOwned() async throws {
        let a = claim(["m1"], group: "a")
        _ = try await w1.claim(a, jobID: "j", takingOver: [])
        store.age(by: 61)
        #expect(try await w2.claim(claim(["m1"], group: "b"), jobID: "j", takingOver: []) == .claimed)
        #expect(try await w1.markSent(a) == false)
        #expect(try await w1.markUncertain(a) == false)
        try await w1.release(a)
        let row = try #require(store.row("c1", "m1"))
        #expect(row.status == .claimed)
        #expect(row.group == "b")
        #expect(row.expiresAt > Date())
    }

    @Test func stateGroupsRowsWithLiveness() async throws {
        let a = claim(["m1", "m2"], group: "a")
        _ = try await w1.claim(a, jobID: "j", takingOver: [])
        var state = try await w1.state(of: conversation)
        #expect(state.replies.map(\.group) == ["a"])
        #expect(state.replies.first?.answering.map(\.rawValue) == ["m1", "m2"])
        #expect(state.replies.first?.claimLive == true)
        store.age(by: 61)
        state = try await w1.state(of: conversation)
        #expect(state.replies.first?.claimLive == false)
        #expect(state.replies.first?.mayBeUnrecordedPost == true)
    }

    @Test func failuresCountPerLatestClientMessage() async throws {
        #expect(try await w1.recordFailure(conversation, key: "m1", error: "e", counts: true, putOffRecheck: .seconds(1)).attempts == 1)
        #expect(try await w1.recordFailure(conversation, key: "m1", error: "e", counts: true, putOffRecheck: .seconds(1)).attempts == 2)
        #expect(try await w1.recordFailure(conversation, key: nil, error: "e", counts: true, putOffRecheck: .seconds(1)).attempts == 3)
        #expect(store.conversation("c1")?.failingKey == "m1")
        #expect(try await w1.recordFailure(conversation, key: "m2", error: "e", counts: true, putOffRecheck: .seconds(1)).attempts == 1)
        let deferral = try await w1.recordFailure(conversation, key: "m2", error: "e", counts: false, putOffRecheck: .seconds(1))
        #expect(deferral.attempts == 1, "a deferral is not counted")
        #expect(try await w1.park(conversation, reason: "r", recheckAfter: .seconds(300)))
        #expect(try await !w1.park(conversation, reason: "r", recheckAfter: .seconds(300)), "parked once")
        #expect(try await w1.state(of: conversation).parkedAt != nil)
        try await w1.unpark(conversation)
        let state = try await w1.state(of: conversation)
        #expect(state.parkedAt == nil)
        #expect(state.failedAttempts == 0)
    }
}
