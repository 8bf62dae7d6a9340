import AutoResponderCore
import Foundation
import Synchronization
import Testing

@testable import AutoResponderService

/// The job after a post of unknown outcome: the echo found (recorded as sent), not found before the
/// settle time (wait), after it with echo evidence (posted again, once), without evidence or in
/// `AMBIGUOUS_SEND=handoff` (handed to a person, nothing posted).
@Suite struct JobProcessorUncertainTests {
    /// A world whose first post of `m1`'s reply ends with an unknown outcome; `posted` says whether
    /// it really was posted (and echoed).
    static func afterAnUnknownOutcome(
        posted: Bool, echoEvidence: Bool, policy: AmbiguousSendPolicy = .init(mode: .recheck, settle: .seconds(10))
    ) async throws -> (World, LedgerStore.Row) {
        let world = try World(policy: policy)
        if echoEvidence { world.store.tables.withLock { $0.echoObservedAt = Date() } }
        world.chats.script(posted ? .postThenFail(SendFailure.timeout) : .fail(SendFailure.timeout))
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        let row = try #require(world.row("m1"))
        #expect(row.status == .uncertain)
        return (world, row)
    }

    @Test func theEchoOfTheUncertainPostRecordsItSentAndNothingIsPostedAgain() async throws {
        let (world, first) = try await Self.afterAnUnknownOutcome(posted: true, echoEvidence: false)
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.count == 1)
        #expect(world.delivered.count == 1)
        let row = try #require(world.row("m1"))
        #expect(row.status == .sent)
        #expect(row.group == first.group, "the uncertain reply itself is recorded, not a new one")
        #expect(world.store.operations.contains(.confirmEchoed))
        #expect(world.conversationRow?.failedAttempts == 0)
    }

    @Test func noEchoBeforeTheSettleTimeDefersEvenWithEchoEvidence() async throws {
        let (world, _) = try await Self.afterAnUnknownOutcome(posted: false, echoEvidence: true)
        world.age(by: 5)  // SEND_SETTLE_MS is 10 s
        let outcome = await world.job()
        #expect(outcome.label == "deferred", "\(outcome)")
        #expect(world.chats.posts.count == 1)
        #expect(world.row("m1")?.status == .uncertain)
        #expect(world.handOffs.all.isEmpty)
        #expect(world.conversationRow?.failedAttempts == 1, "waiting for an echo is not a failure")
    }

    @Test func afterTheSettleTimeWithEchoEvidenceItIsPostedAgainExactlyOnce() async throws {
        let (world, first) = try await Self.afterAnUnknownOutcome(posted: false, echoEvidence: true)
        world.age(by: 11)
        let outcome = await world.job()
        #expect(outcome.isReplied(), "\(outcome)")
        #expect(world.chats.posts.count == 2)
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: World.chipFacts)
        let row = try #require(world.row("m1"))
        #expect(row.status == .sent)
        #expect(row.claimedBy == "w1")
        #expect(row.group != first.group, "the uncertain group was taken over by the new reply")
        #expect(row.attempts == 2)

        // Later jobs see the reply: no third post.
        #expect(await world.job().label == "nothing_to_do")
        world.age(by: 60)
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.chats.posts.count == 2)
    }

    @Test func afterTheSettleTimeWithoutEchoEvidenceItIsHandedOffAndNothingIsPosted() async throws {
        let (world, first) = try await Self.afterAnUnknownOutcome(posted: false, echoEvidence: false)
        world.age(by: 11)
        #expect(await world.job().label == "deferred", "a fresh deployment gets two more settle times to learn")
        world.age(by: 20)
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.count == 1, "without evidence that echoes work, posting again could duplicate")
        #expect(world.handOffs.reasons(in: World.conversationID) == ["m1": "send_outcome_unknown"])
        let row = try #require(world.row("m1"))
        #expect(row.status == .handedOff)
        #expect(row.group == first.group)
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.chats.posts.count == 1)
    }

    @Test func inHandoffModeItIsHandedOffEvenWithEchoEvidence() async throws {
        let (world, _) = try await Self.afterAnUnknownOutcome(
            posted: false, echoEvidence: true, policy: .init(mode: .handoff, settle: .seconds(10)))
        world.age(by: 11)
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.count == 1)
        #expect(world.handOffs.reasons(in: World.conversationID) == ["m1": "send_outcome_unknown"])
        #expect(world.row("m1")?.status == .handedOff)
    }

    @Test func aFollowUpWhoseReplyRepeatsTheEarlierOneIsNotHealedByTheEarlierEcho() async throws {
        // Nothing routes "hello": the hand-off reply, whose text is constant, answers both messages.
        let world = try World(messages: ["hello"], subject: "")
        #expect(await world.job().isReplied(handedOff: true))
        #expect(await world.job().label == "nothing_to_do")  // sees the echo: evidence recorded
        #expect(world.store.echoObservedAt != nil)
        world.clientWrites("hello again?", id: "m2")
        world.chats.script(.fail(SendFailure.serverError))
        #expect(await world.job().label == "retried")
        #expect(world.row("m2")?.status == .uncertain)

        let early = await world.job()
        #expect(early.label == "deferred", "the earlier reply's echo is not this reply's: \(early)")
        #expect(world.row("m2")?.status == .uncertain)
        world.age(by: 11)
        let outcome = await world.job()
        #expect(outcome.isReplied(handedOff: true), "\(outcome)")
        #expect(world.delivered.count == 2)
        #expect(world.delivered.allSatisfy { $0.contains(World.handOffPhrase) })
        #expect(world.row("m2")?.status == .sent)
    }
}
