import AutoResponderCore
import Foundation
import Testing

@testable import AutoResponderService

/// Persistent failures up to `JOB_MAX_ATTEMPTS` (transient ones up to `RETRY_BUDGET_MS`), then the
/// park: one hand-off reply when it can be posted, the hand-off record, no more jobs but a look for a
/// new client message.
@Suite struct JobProcessorParkingTests {
    /// An answer that is never valid: a persistent failure, bounded by count.
    static let down = UpstreamError(code: .invalidResponse, upstream: "telecom /chip_status", message: "503-shaped garbage")

    /// A world whose telecom API answers garbage, after `JOB_MAX_ATTEMPTS` (3) jobs: parked.
    static func parked(handOffReplyFails: Bool = false, messages: [String] = ["my machine does not connect"]) async throws
        -> World
    {
        let world = try World(messages: messages, maxAttempts: 3)
        world.telecom.failAlways(down)
        #expect(await world.job().label == "retried")
        #expect(await world.job().label == "retried")
        #expect(world.conversationRow?.failedAttempts == 2)
        if handOffReplyFails { world.chats.script(.fail(SendFailure.connectionRefused)) }
        let outcome = await world.job()
        guard case .parked(let reason, let attempts) = outcome else {
            Issue.record("expected parked, got \(outcome)")
            return world
        }
        #expect(attempts == 3)
        #expect(reason.contains("looking up the facts"))
        return world
    }

    @Test func failuresReachingMaxAttemptsParkWithOneHandOffReply() async throws {
        let world = try await Self.parked()
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: [World.handOffPhrase])
        #expect(world.handOffs.reasons(in: World.conversationID) == ["m1": "repeated_failure"])
        #expect(world.conversationRow?.parkedAt != nil)
        #expect(world.conversationRow?.parkedReason?.contains("503-shaped garbage") == true)
        #expect(world.row("m1")?.status == .sent, "the hand-off reply answers the message")
    }

    @Test func whenTheHandOffReplyCannotBePostedOnlyTheHandOffIsRecorded() async throws {
        let world = try await Self.parked(handOffReplyFails: true)
        #expect(world.delivered.isEmpty)
        #expect(world.handOffs.reasons(in: World.conversationID) == ["m1": "repeated_failure"])
        #expect(world.conversationRow?.parkedAt != nil)
        #expect(world.row("m1")?.status == .claimed)
        #expect(world.row("m1")?.expiresAt ?? .distantFuture <= Date(), "released: the due reply can be posted later")
        #expect(world.conversationRow?.failedAttempts == 3, "the hand-off reply's failure is not counted again")
    }

    @Test func aParkedConversationWithNothingNewHasNothingToDo() async throws {
        let world = try await Self.parked()
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
        #expect(world.chats.posts.count == 1)
        #expect(world.conversationRow?.parkedAt != nil)
        #expect(world.conversationRow?.failedAttempts == 3)
    }

    @Test func aParkedConversationGetsItsDueHandOffReplyOnItsNextLook() async throws {
        let world = try await Self.parked(handOffReplyFails: true)
        let outcome = await world.job()
        #expect(outcome.isReplied(handedOff: true), "\(outcome)")
        #expect(world.delivered.count == 1)
        expect(world.delivered.first, contains: [World.handOffPhrase])
        #expect(world.conversationRow?.parkedAt != nil, "still parked: a person follows up")
        #expect(await world.job().label == "nothing_to_do")
        #expect(world.delivered.count == 1)
    }

    @Test func aNewClientMessageUnparksAndIsAnswered() async throws {
        let world = try await Self.parked()
        world.telecom.failAlways(nil)
        world.clientWrites("is it fixed now?", id: "m2")
        let outcome = await world.job()
        #expect(outcome.isReplied(), "\(outcome)")
        #expect(world.conversationRow?.parkedAt == nil)
        #expect(world.conversationRow?.failedAttempts == 0)
        #expect(world.delivered.count == 2)
        expect(world.delivered.last, contains: World.chipFacts)
        #expect(world.row("m2")?.status == .sent)
        #expect(world.row("m1")?.group != world.row("m2")?.group, "m1 keeps its hand-off reply")
    }

    @Test func aFailureWhileParkedIsNotCounted() async throws {
        let world = try await Self.parked()
        world.chats.failReads(UpstreamError(code: .unavailable, upstream: "chats /conversation_info", message: "503"))
        let outcome = await world.job()
        #expect(outcome.label == "nothing_to_do", "a parked conversation is not retried: \(outcome)")
        #expect(world.conversationRow?.failedAttempts == 3)
        #expect(world.store.operations.filter { $0 == .recordFailure }.count == 3)
        #expect(world.chats.posts.count == 1)
    }

    @Test func aFailingDueHandOffReplyOfAParkedConversationIsNotRetriedInALoop() async throws {
        let world = try await Self.parked(handOffReplyFails: true)
        world.chats.script(.fail(SendFailure.badRequest))
        let outcome = await world.job()
        #expect(world.conversationRow?.failedAttempts == 3, "not counted")
        #expect(world.store.operations.filter { $0 == .recordFailure }.count == 3)
        #expect(outcome.label == "nothing_to_do", "\(outcome)")
    }

    @Test func aFailureRightAfterANewMessageUnparkedTheConversationIsCountedAndRetried() async throws {
        let world = try await Self.parked()
        world.clientWrites("hello? still nothing", id: "m2")  // the telecom API is still down
        let outcome = await world.job()
        #expect(world.conversationRow?.parkedAt == nil, "the new message took it out of the park")
        #expect(outcome.label == "retried", "\(outcome)")
        #expect(world.conversationRow?.failedAttempts == 1)
        #expect(world.conversationRow?.failingKey == "m2")
    }

    @Test func aParkedSubjectOnlyConversationIsUnparkedByItsFirstClientMessage() async throws {
        let world = try await Self.parked(messages: [])
        #expect(world.conversationRow?.failingKey == "subject-only")
        #expect(world.delivered.count == 1, "the hand-off reply answered the subject")
        world.telecom.failAlways(nil)
        world.clientWrites("my machine does not connect", id: "m1")
        let outcome = await world.job()
        #expect(outcome.isReplied(handedOff: false), "\(outcome)")
        #expect(world.conversationRow?.parkedAt == nil)
        expect(world.delivered.last, contains: World.chipFacts)
    }

    @Test func aConversationParkedBecauseItCouldNotBeReadIsUnparkedByANewClientMessage() async throws {
        // conversation_info fails on every attempt (e.g. over the size limit): parked with no key.
        let world = try World(maxAttempts: 3)
        let tooLarge = UpstreamError(code: .invalidResponse, upstream: "chats /conversation_info", message: "body too large")
        world.chats.failReads(tooLarge, tooLarge, tooLarge)
        #expect(await world.job().label == "retried")
        #expect(await world.job().label == "retried")
        #expect(await world.job().label == "parked")
        #expect(world.conversationRow?.failingKey == nil)
        #expect(world.handOffs.reasons(in: World.conversationID) == ["subject-only": "repeated_failure"])
        // Readable again: its next look gives the due hand-off reply.
        #expect(await world.job().isReplied(handedOff: true))
        world.clientWrites("any news?", id: "m2")
        let outcome = await world.job()
        #expect(outcome.isReplied(handedOff: false), "\(outcome)")
        #expect(world.conversationRow?.parkedAt == nil)
    }

    @Test func transientFailuresAreRetriedUntilTheBudgetIsSpentNotCountedOut() async throws {
        let world = try World(maxAttempts: 3, retryBudget: .seconds(300))
        world.telecom.failAlways(UpstreamError(code: .unavailable, upstream: "telecom /chip_status", message: "503"))
        for _ in 0..<5 {
            #expect(await world.job().label == "retried", "an outage costs time, not the answer")
        }
        #expect(world.conversationRow?.failedAttempts == 5)
        #expect(world.conversationRow?.parkedAt == nil)
        world.store.age(by: 301)  // the first failure is now older than RETRY_BUDGET_MS
        let outcome = await world.job()
        guard case .parked(let reason, _) = outcome else {
            Issue.record("expected parked, got \(outcome)")
            return
        }
        #expect(reason.contains("RETRY_BUDGET_MS"))
        expect(world.delivered.first, contains: [World.handOffPhrase])
    }

    @Test func theRetryDelayClimbsTheLadderAndHonoursRetryAfter() async throws {
        let world = try World(maxAttempts: 3, retryBudget: .seconds(300))
        world.telecom.failAlways(UpstreamError(code: .unavailable, upstream: "telecom /chip_status", message: "503"))
        let (firstOutcome, secondOutcome) = (await world.job(), await world.job())
        guard case .retry(_, let first) = firstOutcome, case .retry(_, let second) = secondOutcome else {
            Issue.record("expected two retries, got \(firstOutcome), \(secondOutcome)")
            return
        }
        #expect(first == .seconds(5))
        #expect(second == .seconds(30))
        var limited = UpstreamError(code: .throttled, upstream: "telecom", message: "429", isRetryable: true)
        limited.retryAfter = .seconds(42)
        world.telecom.failAlways(limited)
        let third = await world.job()
        guard case .deferred(_, let after) = third else {
            Issue.record("expected a deferral, got \(third)")
            return
        }
        #expect(after == .seconds(42), "Retry-After wins over the ladder")
        #expect(world.conversationRow?.failedAttempts == 2, "a deferral is not counted")
    }
}
