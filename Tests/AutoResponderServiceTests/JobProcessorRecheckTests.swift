import AutoResponderCore
import Foundation
import Synchronization
import Testing

@testable import AutoResponderService

/// The cheap look of a re-check: a conversation unchanged since a worker last found nothing to do
/// costs one read of the chats API and nothing else.
@Suite struct JobProcessorRecheckTests {
    @Test func anUnchangedConversationIsDoneWithoutTheDatabase() async throws {
        let world = try World()
        #expect(await world.job().isReplied(handedOff: false))
        #expect(await world.job().label == "nothing_to_do")  // records the fingerprint (echo included)
        let fingerprint = try #require(world.store.tables.withLock { $0.fingerprints[World.conversationID] })
        let before = world.store.operations.count
        let outcome = await world.worker.process(
            Job(conversationID: World.conversationID, reason: "recheck", fingerprint: fingerprint), logger: quietLogger)
        #expect(outcome.label == "nothing_to_do")
        #expect(world.store.operations.count == before, "no ledger operation at all")
    }

    @Test func aNewMessageSinceTheFingerprintIsAnswered() async throws {
        let world = try World()
        #expect(await world.job().isReplied(handedOff: false))
        #expect(await world.job().label == "nothing_to_do")
        let fingerprint = try #require(world.store.tables.withLock { $0.fingerprints[World.conversationID] })
        world.clientWrites("and is the chip ok now?", id: "m9")
        let outcome = await world.worker.process(
            Job(conversationID: World.conversationID, reason: "recheck", fingerprint: fingerprint), logger: quietLogger)
        #expect(outcome.isReplied(handedOff: false), "\(outcome)")
    }

    @Test func fingerprintsChangeWithEveryMessage() throws {
        let id = try ConversationID("1")
        func conversation(_ ids: [String]) throws -> Conversation {
            Conversation(
                id: id, merchantID: nil, subject: "",
                messages: try ids.enumerated().map {
                    ChatMessage(id: try MessageID($0.element), text: "t", createdAt: Date(timeIntervalSince1970: Double($0.offset)))
                })
        }
        #expect(JobProcessor.fingerprint(of: try conversation(["a"])) == "1:a")
        #expect(JobProcessor.fingerprint(of: try conversation(["a", "b"])) == "2:b")
        #expect(JobProcessor.fingerprint(of: try conversation([])) == "0:")
    }
}
