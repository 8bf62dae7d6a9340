import AutoResponderCore
import Foundation
import Testing

@testable import AutoResponderService

/// A `/send_message` that fails: provably without effect (the claim is released, the retry posts),
/// or with an unknown outcome (the claim stays, `uncertain`, and nothing is posted blindly).
@Suite struct JobProcessorSendFailureTests {
    @Test(arguments: [SendFailure.connectionRefused, SendFailure.tooManyRequests])
    func aPostThatProvablyHadNoEffectReleasesTheClaimAndIsRetried(_ error: UpstreamError) async throws {
        let world = try World()
        world.chats.script(.fail(error))
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        let row = try #require(world.row("m1"))
        #expect(row.status == .claimed)
        #expect(row.claimedBy == "w1")
        #expect(row.expiresAt <= Date(), "released: a retry may take the message at once")
        #expect(world.conversationRow?.failedAttempts == 1)
        #expect(world.conversationRow?.failingKey == "m1")

        let retry = await world.job()
        #expect(retry.isReplied(), "\(retry)")
        #expect(world.chats.posts.count == 2)
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: World.chipFacts)
        #expect(world.row("m1")?.status == .sent)
        #expect(world.row("m1")?.attempts == 2)
        #expect(world.conversationRow?.failedAttempts == 0, "a success forgets the failures")
    }

    @Test(arguments: [SendFailure.timeout, SendFailure.serverError])
    func aPostWithAnUnknownOutcomeKeepsTheClaimUncertainAndIsNotPostedBlindly(_ error: UpstreamError) async throws {
        let world = try World()
        world.chats.echoes = false
        world.chats.script(.fail(error))
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        let row = try #require(world.row("m1"))
        #expect(row.status == .uncertain)
        #expect(row.triedAt != nil)
        #expect(world.conversationRow?.failedAttempts == 1)

        // The retry comes before the settle time: it reads the conversation back and waits.
        let retry = await world.job()
        #expect(retry.label == "deferred", "\(retry)")
        #expect(world.chats.posts.count == 1, "nothing is posted again before the settle time")
        #expect(world.row("m1")?.status == .uncertain)
        #expect(world.row("m1")?.group == row.group)
    }

    @Test func aPostThatHadNoEffectAndWasNotEvenClaimedBackIsCountedOnce() async throws {
        // The release itself fails (the database is down): the claim then expires by its TTL.
        let world = try World()
        world.chats.script(.fail(SendFailure.connectionRefused))
        world.store.fail(.release)
        let outcome = await world.job()
        #expect(outcome.label == "retried", "\(outcome)")
        #expect(world.row("m1")?.expiresAt ?? .distantPast > Date(), "still held until its TTL")
        #expect(await world.job().label == "deferred", "a live claim holds the message")
        world.age(by: 61)
        #expect(await world.job().isReplied())
        #expect(world.delivered.count == 1)
    }
}
