import AutoResponderCore
import Foundation
import Testing

@testable import AutoResponderService

/// The fact "this chats API echoes our replies" (the evidence that makes posting again safe) is
/// recorded when, and only when, the echo of a reply recorded as sent is seen.
@Suite struct JobProcessorEchoEvidenceTests {
    @Test func theEchoOfASentReplyIsRecordedAsEvidence() async throws {
        let world = try World()
        #expect(await world.job().isReplied())
        #expect(world.store.echoObservedAt == nil, "the job that posted has not seen the echo yet")
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.store.echoObservedAt != nil)
        #expect(world.chats.posts.count == 1)
    }

    @Test func withoutEchoesNoEvidenceIsRecorded() async throws {
        let world = try World()
        world.chats.echoes = false
        #expect(await world.job().isReplied())
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.store.echoObservedAt == nil)
    }

    @Test func aClientMessageRepeatingAReplyBeforeItWasClaimedIsNoEvidence() async throws {
        // The client's own text equals the reply that will be sent: it is not an echo of it.
        let world = try World(messages: ["hello"], subject: "")
        world.chats.echoes = false
        #expect(await world.job().isReplied(handedOff: true))
        let reply = try #require(world.delivered.first)
        let earlier = ChatMessage(id: try MessageID("m0"), text: reply, createdAt: Date().addingTimeInterval(-3600))
        world.chats.append(earlier, to: World.conversationID)
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.store.echoObservedAt == nil)
    }

    @Test func theEvidenceIsWrittenOncePerProcessNotPerJob() async throws {
        let world = try World()
        await world.job()
        await world.job()
        let first = try #require(world.store.echoObservedAt)
        world.store.age(by: 5)
        await world.job()
        #expect(world.store.echoObservedAt == first.addingTimeInterval(-5), "refreshed hourly, not by every job")
    }
}
