import AMQP
import AutoResponderCore
import Foundation
import Resilience
import Testing

@testable import AutoResponderService

/// One poll of the dispatcher (``DispatcherService/poll(chats:store:publisher:topology:recheckInterval:logger:)``,
/// what `pollOnce` runs) over fakes of the chats API's active list, the store and the broker.
@Suite struct DispatcherServiceTests {
    let chats = FakeActiveList()
    let store = FakeDispatcherStore()
    let publisher = FakePublisher()
    let topology = JobTopology(prefix: "autoresponder", retryDelays: [.seconds(5)])

    static let recheck = RecheckPolicy(first: .seconds(30), maximum: .seconds(120), whilePushed: .seconds(300), backlogLimit: 100)

    func poll(backlog: Int? = nil) async {
        await DispatcherService.poll(
            chats: chats, store: store, publisher: publisher, topology: topology, recheck: Self.recheck,
            backlog: backlog, pushed: false, logger: quietLogger)
    }

    @Test func newConversationsArePublishedOnceAsConfirmedJobs() async throws {
        chats.answer(["c1", "c2"])
        await poll()
        #expect(publisher.jobs.map(\.conversationID) == ["c1", "c2"])
        #expect(publisher.jobs.allSatisfy { $0.reason == "new" && $0.attempt == 0 })
        #expect(publisher.messages.allSatisfy { $0.exchange == "autoresponder" && $0.routingKey == JobTopology.jobsKey })
        #expect(publisher.messages.allSatisfy { $0.mandatory && $0.persistent })
        #expect(Set(publisher.messages.compactMap(\.messageId)) == Set(publisher.jobs.map(\.jobID)))
        await poll()
        #expect(publisher.jobs.count == 2, "not due again before the re-check interval")
    }

    @Test func anActiveConversationIsRecheckedWhenItsTimeComes() async throws {
        chats.answer(["c1"])
        await poll()
        store.age(by: 31)
        await poll()
        #expect(publisher.jobs.map(\.reason) == ["new", "recheck"])
        #expect(store.row("c1")?.jobsPublished == 2)
    }

    @Test func aConversationBackInTheActiveListIsDueAtOnce() async throws {
        chats.answer(["c1"])
        chats.answer([])
        chats.answer(["c1"])
        await poll()
        await poll()
        #expect(store.row("c1")?.active == false)
        await poll()
        #expect(publisher.jobs.map(\.conversationID) == ["c1", "c1"])
        #expect(publisher.jobs.last?.reason == "recheck")
    }

    @Test func jobsTheBrokerDidNotConfirmAreDueAgainAtTheNextPoll() async throws {
        chats.answer(["c1", "c2"])
        publisher.fail()
        await poll()
        #expect(publisher.jobs.isEmpty)
        #expect(store.released == [["c1", "c2"]])
        await poll()
        #expect(publisher.jobs.map(\.conversationID) == ["c1", "c2"])
        #expect(publisher.jobs.allSatisfy { $0.reason == "recheck" }, "their rows exist now")
    }

    @Test func anUnreadableActiveListChangesNothing() async throws {
        chats.answer(["c1"])
        await poll()
        chats.fail(UpstreamError(code: .unavailable, upstream: "chats /conversations", message: "503"))
        chats.answer(["c1"])
        await poll()
        #expect(store.row("c1")?.active == true, "a failed read must not mark conversations inactive")
        #expect(publisher.jobs.count == 1)
    }

    @Test func aStoreThatFailsPublishesNothing() async throws {
        chats.answer(["c1"])
        store.fail()
        await poll()
        #expect(publisher.messages.isEmpty)
        await poll()
        #expect(publisher.jobs.map(\.conversationID) == ["c1"])
    }

    @Test func nothingDueNothingPublished() async throws {
        chats.answer([])
        await poll()
        #expect(publisher.messages.isEmpty)
    }

    @Test func reChecksWaitWhileTheJobsQueueIsBackedUpAndLooksSlowDown() async throws {
        chats.answer(["c1"])
        await poll()
        store.age(by: 31)
        await poll(backlog: 500)
        #expect(publisher.jobs.count == 1, "no re-check while 500 jobs wait")
        await poll(backlog: 10)
        #expect(publisher.jobs.count == 2)
        #expect(publisher.jobs.last?.reason == "recheck")
        store.age(by: 31)
        await poll(backlog: 10)
        #expect(publisher.jobs.count == 3)
        let next = try #require(store.row("c1")?.nextCheckAt)
        #expect(next.timeIntervalSinceNow > 50, "a look that found nothing doubles the wait: \(next.timeIntervalSinceNow)")
    }
}
