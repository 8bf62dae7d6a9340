import AMQP
import AutoResponderCore
import Foundation
import Logging
import Resilience
import Synchronization

@testable import AutoResponderService

/// The chats API's active list: scripted answers, the last one repeated.
final class FakeActiveList: ActiveConversationsSource {
    private let answers = Mutex<[Result<[String], UpstreamError>]>([])

    func answer(_ ids: [String]) { answers.withLock { $0.append(.success(ids)) } }
    func fail(_ error: UpstreamError) { answers.withLock { $0.append(.failure(error)) } }

    func activeConversations(logger: Logger) async throws(UpstreamError) -> [ConversationID] {
        let next = answers.withLock { $0.count > 1 ? $0.removeFirst() : $0.first ?? .success([]) }
        return try next.get().map { try! ConversationID($0) }
    }
}

/// ``DispatcherStore`` in memory: the same rules as its SQL (a conversation is due when new, when
/// back in the active list, or when its re-check time has come; claiming moves that time forward).
final class FakeDispatcherStore: DispatcherStoring {
    struct Row: Sendable, Equatable {
        var nextCheckAt: Date
        var active: Bool
        var jobsPublished: Int
        var parked = false
        var recheckStep = 0
        var fingerprint: String? = nil
    }

    private let rows = Mutex<[String: Row]>([:])
    private let failures = Mutex(0)
    let parkedRecheck: Duration
    private let releases = Mutex<[[String]]>([])

    /// The ids of each `release` call.
    var released: [[String]] { releases.withLock { $0 } }

    init(parkedRecheck: Duration = .seconds(300)) { self.parkedRecheck = parkedRecheck }

    /// The next `times` calls throw.
    func fail(times: Int = 1) { failures.withLock { $0 += times } }

    func row(_ id: String) -> Row? { rows.withLock { $0[id] } }

    /// Moves every re-check time `seconds` back.
    func age(by seconds: TimeInterval) {
        rows.withLock { rows in for id in rows.keys { rows[id]!.nextCheckAt -= seconds } }
    }

    private func enter() throws {
        let fails = failures.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fails { throw FakeDatabaseError(operation: .state) }
    }

    func claimDue(active: [ConversationID], policy: RecheckPolicy, rechecks: Bool, pushed: Bool) async throws
        -> [DispatcherStore.Due]
    {
        try enter()
        guard !active.isEmpty else { return [] }
        let now = Date()
        let parkedRecheck = self.parkedRecheck
        return rows.withLock { rows in
            active.compactMap { id in
                guard var row = rows[id.rawValue] else {
                    rows[id.rawValue] = Row(nextCheckAt: now + policy.first.timeInterval, active: true, jobsPublished: 1)
                    return DispatcherStore.Due(conversationID: id, isNew: true)
                }
                guard (row.nextCheckAt <= now && rechecks) || !row.active else { return nil }
                let wait = row.parked ? parkedRecheck : policy.wait(afterStep: row.recheckStep, pushed: pushed)
                row.nextCheckAt = now + wait.timeInterval
                row.recheckStep += 1
                row.active = true
                row.jobsPublished += 1
                rows[id.rawValue] = row
                return DispatcherStore.Due(conversationID: id, isNew: false, fingerprint: row.fingerprint)
            }
        }
    }

    func markInactive(except active: [ConversationID]) async throws {
        try enter()
        let keep = Set(active.map(\.rawValue))
        rows.withLock { rows in
            for id in rows.keys where rows[id]!.active && !keep.contains(id) { rows[id]!.active = false }
        }
    }

    func release(_ ids: [ConversationID]) async throws {
        try enter()
        releases.withLock { $0.append(ids.map(\.rawValue)) }
        let now = Date()
        rows.withLock { rows in
            for id in ids where rows[id.rawValue] != nil {
                rows[id.rawValue]!.nextCheckAt = now
                rows[id.rawValue]!.jobsPublished -= 1
            }
        }
    }
}

/// The broker: records confirmed publishes, or refuses the next ones.
final class FakePublisher: JobPublishing {
    private let published = Mutex<[AMQPMessage]>([])
    private let failures = Mutex(0)

    func fail(times: Int = 1) { failures.withLock { $0 += times } }

    func publish(_ messages: [AMQPMessage]) async throws(AMQPError) {
        let fails = failures.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fails { throw AMQPError(code: .connectionLost, message: "fake broker gone") }
        published.withLock { $0 += messages }
    }

    var messages: [AMQPMessage] { published.withLock { $0 } }

    /// The jobs published, decoded.
    var jobs: [Job] { messages.compactMap { try? Job.decode($0.body) } }
}
