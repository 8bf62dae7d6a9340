import AutoResponderCore
import Foundation
import Synchronization
import Testing

@testable import AutoResponderService

/// A job's ordinary life: claimed and replied, held by another worker, already answered, a claim
/// lost while posting, and jobs that cannot be done.
@Suite struct JobProcessorReplyTests {
    @Test func aNewMessageIsClaimedAnsweredWithItsFactsAndRecordedSent() async throws {
        let world = try World()
        let outcome = await world.job()
        #expect(outcome.isReplied(), "\(outcome)")
        #expect(outcome.resolver == "telecom")
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: World.chipFacts)
        let row = try #require(world.row("m1"))
        #expect(row.status == .sent)
        #expect(row.claimedBy == "w1")
        #expect(row.text == world.delivered.first)
        #expect(world.conversationRow?.lastReplyAt != nil)
        #expect(world.handOffs.all.isEmpty)
    }

    @Test func aConversationAlreadyAnsweredHasNothingToDo() async throws {
        let world = try World()
        await world.job()
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.count == 1, "the second job must not post")
    }

    @Test func aFollowUpIsAnsweredAloneAndOnce() async throws {
        let world = try World()
        await world.job()
        world.clientWrites("it still does not connect", id: "m2")
        let outcome = await world.job()
        #expect(outcome.isReplied(), "\(outcome)")
        #expect(world.delivered.count == 2)
        #expect(world.row("m2")?.status == .sent)
        #expect(world.row("m1")?.group != world.row("m2")?.group, "m1 was answered by the first reply, not again")
    }

    @Test func messagesHeldByAnotherWorkersLiveClaimAreDeferred() async throws {
        let world = try World()
        #expect(try await world.otherClaims(["m1"]) == .claimed)
        let outcome = await world.job()
        #expect(outcome.label == "deferred", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
        #expect(world.row("m1")?.claimedBy == "w2")
        #expect(world.conversationRow?.failedAttempts == 0, "a deferral is not a failure")
    }

    @Test func anExpiredClaimOfAStoppedWorkerWithoutEchoIsTakenOver() async throws {
        let world = try World()
        #expect(try await world.otherClaims(["m1"]) == .claimed)
        world.age(by: 61)  // the claim TTL is 60 s; w2 never posted
        let outcome = await world.job()
        #expect(outcome.isReplied(), "\(outcome)")
        #expect(world.delivered.count == 1)
        #expect(world.row("m1")?.claimedBy == "w1")
        #expect(world.row("m1")?.status == .sent)
    }

    @Test func anExpiredClaimWhoseEchoIsThereIsRecordedSentNotPostedAgain() async throws {
        let world = try World()
        let text = "the other worker's reply"
        #expect(try await world.otherClaims(["m1"], text: text) == .claimed)
        world.clientWrites(text, id: "echo-of-w2")  // w2 posted, then stopped before recording it
        world.age(by: 61)
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
        #expect(world.row("m1")?.status == .sent)
    }

    @Test func messagesAnsweredBetweenTheReadAndTheClaimAreNotAnsweredAgain() async throws {
        let world = try World()
        let store = world.store
        store.beforeNextClaim {
            // w2 answered m1 after w1 read the ledger, before w1 claims.
            store.tables.withLock { tables in
                tables.replies[LedgerStore.Key(conversation: World.conversationID, message: "m1")] = LedgerStore.Row(
                    status: .sent, group: "w2-group", text: "w2's reply", resolver: "telecom", jobID: "j2",
                    claimedBy: "w2", claimedAt: Date(), expiresAt: Date().addingTimeInterval(60), sentAt: Date())
            }
        }
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
        #expect(world.row("m1")?.group == "w2-group")
    }

    @Test func aClaimLostWhilePostingIsAnIncidentNeverAReply() async throws {
        let world = try World()
        let other = world.other
        let store = world.store
        world.chats.onNextSend { _ in
            // w1 stalls past its TTL while posting; w2 takes the expired claim over.
            store.age(by: 61)
            let taken = try? await other.claim(
                ReplyClaim(
                    conversationID: try ConversationID(World.conversationID), messageIDs: [try MessageID("m1")],
                    group: "w2-group", text: "w2's reply", resolver: "telecom", language: "english", waitingSince: nil),
                jobID: "j2", takingOver: [])
            #expect(taken == .claimed)
        }
        let outcome = await world.job()
        #expect(outcome.label == "lost_claim", "\(outcome)")
        #expect(!outcome.isReplied())
        #expect(outcome.resolver == "telecom")
        #expect(world.delivered.count == 1)
        let row = try #require(world.row("m1"))
        #expect(row.claimedBy == "w2", "w1's markSent must not touch w2's row")
        #expect(row.status == .claimed)
    }

    @Test func aLookupFailureThatRetryingCannotMendIsHandedOffWithAReply() async throws {
        let world = try World()
        world.telecom.fail(UpstreamError(code: .rejected, upstream: "telecom /chip_status", message: "answered 401"))
        let outcome = await world.job()
        #expect(outcome.isReplied(handedOff: true), "\(outcome)")
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: [World.handOffPhrase])
        #expect(world.handOffs.reasons(in: World.conversationID) == ["m1": "upstream_failure"])
        #expect(world.row("m1")?.status == .sent)
    }

    @Test func aRetryableLookupFailureIsCountedAndRetriedWithoutAClaim() async throws {
        let world = try World()
        world.telecom.fail(UpstreamError(code: .unavailable, upstream: "telecom /chip_status", message: "503"))
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
        #expect(world.row("m1") == nil)
        #expect(world.conversationRow?.failedAttempts == 1)
        #expect(world.conversationRow?.failingKey == "m1")
        // The retry succeeds, and the success forgets the failures.
        #expect(await world.job().isReplied())
        #expect(world.conversationRow?.failedAttempts == 0)
    }

    @Test func aHandOffThatCannotBeRecordedReleasesTheClaimAndPostsNothing() async throws {
        let world = try World()
        world.telecom.fail(UpstreamError(code: .rejected, upstream: "telecom /chip_status", message: "answered 401"))
        world.handOffs.fail()
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        #expect(world.chats.posts.isEmpty, "a hand-off reply is posted only once its hand-off is recorded")
        let row = try #require(world.row("m1"))
        #expect(row.status == .claimed)
        #expect(row.expiresAt <= Date(), "the claim is released for the retry")
        #expect(world.conversationRow?.failedAttempts == 1)
        #expect(await world.job().isReplied(), "the retry answers (the telecom API answers now)")
        expect(world.delivered.first, contains: World.chipFacts)
    }

    @Test func aConversationTheChatsAPIDoesNotKnowIsDropped() async throws {
        let world = try World()
        let outcome = await world.job("c404")
        #expect(outcome.label == "dropped", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
    }

    @Test func aJobWithAnInvalidConversationIDIsDropped() async throws {
        let world = try World()
        let outcome = await world.job("not valid!")
        #expect(outcome.label == "dropped", "\(outcome)")
        #expect(world.store.operations.isEmpty, "nothing is read or written for an invalid id")
    }

    @Test func aLedgerThatCannotBeReadIsRetriedAndNothingIsPosted() async throws {
        let world = try World()
        world.store.fail(.state)
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        #expect(world.chats.posts.isEmpty)
    }
}
