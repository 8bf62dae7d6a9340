import AutoResponderCore
import Foundation
import Synchronization

@testable import AutoResponderService

/// ``ReplyLedger`` in memory, statement for statement what ``PostgresReplyLedger`` does:
/// - a claim takes every message or none (a transaction): a message with no row, with an expired
///   `claimed` row, or with an `uncertain` row of a group named in `takingOver`; any other row refuses
///   (`sent`/`handed_off` → already sent, else held by another);
/// - writes that finish a claim touch only rows this instance still holds (`claimed_by`, `reply_group`);
/// - `state` groups rows by reply group in `claimed_at, message_id` order, with `live` computed now.
struct FakeReplyLedger: ReplyLedger {
    let store: LedgerStore
    /// This worker's `claimed_by`.
    let instanceID: String
    var claimTTL: Duration = .seconds(60)

    private typealias Key = LedgerStore.Key

    func state(of conversation: ConversationID) async throws -> LedgerState {
        try store.enter(.state)
        let now = Date()
        return store.tables.withLock { tables in
            var state = LedgerState()
            if let row = tables.conversations[conversation.rawValue] {
                state.failedAttempts = row.failedAttempts
                state.failingKey = row.failingKey
                state.parkedAt = row.parkedAt
                state.isFailing = row.failingSince != nil || row.failedAttempts > 0
            }
            let rows = tables.replies.filter { $0.key.conversation == conversation.rawValue }
                .sorted { lhs, rhs in
                    lhs.value.claimedAt != rhs.value.claimedAt
                        ? lhs.value.claimedAt < rhs.value.claimedAt : lhs.key.message < rhs.key.message
                }
            var groups: [String: RecordedReply] = [:]
            var order: [String] = []
            for (key, row) in rows {
                guard let id = try? MessageID(key.message) else { continue }
                if groups[row.group] == nil {
                    order.append(row.group)
                    groups[row.group] = RecordedReply(
                        group: row.group, text: row.text, state: row.status, answering: [], claimedAt: row.claimedAt,
                        claimLive: row.expiresAt > now, triedAt: row.triedAt)
                }
                groups[row.group]?.answering.append(id)
            }
            state.replies = order.compactMap { groups[$0] }
            return state
        }
    }

    func claim(_ claim: ReplyClaim, jobID: String, takingOver: Set<String>) async throws -> ClaimOutcome {
        try store.enter(.claim)
        store.takeBeforeClaimHook()?()
        let now = Date()
        let expires = now.addingTimeInterval(claimTTL.timeInterval)
        let instanceID = self.instanceID
        return store.tables.withLock { tables in
            var copy = tables  // the transaction: committed only if every message is claimed
            for message in claim.messageIDs {
                let key = Key(conversation: claim.conversationID.rawValue, message: message.rawValue)
                var row = LedgerStore.Row(
                    status: .claimed, group: claim.group, text: claim.text, resolver: claim.resolver, jobID: jobID,
                    claimedBy: instanceID, claimedAt: now, expiresAt: expires)
                if let existing = copy.replies[key] {
                    let expired = existing.status == .claimed && existing.expiresAt <= now
                    let takenOver = existing.status == .uncertain && takingOver.contains(existing.group)
                    guard expired || takenOver else {
                        return existing.status == .sent || existing.status == .handedOff ? .alreadySent : .heldByAnother
                    }
                    row.attempts = existing.attempts + 1
                }
                copy.replies[key] = row
            }
            if let since = claim.waitingSince, var conversation = copy.conversations[claim.conversationID.rawValue],
                conversation.waitingSince.map({ $0 > since }) ?? true
            {
                conversation.waitingSince = since
                copy.conversations[claim.conversationID.rawValue] = conversation
            }
            tables = copy
            return .claimed
        }
    }

    func markSent(_ claim: ReplyClaim) async throws -> Bool {
        try store.enter(.markSent)
        let owned = update(claim.conversationID, group: claim.group, ownedOnly: true, where: [.claimed, .uncertain]) {
            $0.status = .sent
            $0.sentAt = Date()
        }
        if owned > 0 { repliedTo(claim.conversationID) }
        return owned == claim.messageIDs.count
    }

    func markUncertain(_ claim: ReplyClaim) async throws -> Bool {
        try store.enter(.markUncertain)
        let owned = update(claim.conversationID, group: claim.group, ownedOnly: true, where: [.claimed]) {
            $0.status = .uncertain
            $0.triedAt = Date()
        }
        return owned == claim.messageIDs.count
    }

    func release(_ claim: ReplyClaim) async throws {
        try store.enter(.release)
        update(claim.conversationID, group: claim.group, ownedOnly: true, where: [.claimed]) { $0.expiresAt = Date() }
    }

    func confirmEchoed(_ conversation: ConversationID, group: String) async throws {
        try store.enter(.confirmEchoed)
        let now = Date()
        var confirmed = 0
        store.tables.withLock { tables in
            for (key, row) in tables.replies where key.conversation == conversation.rawValue && row.group == group {
                guard row.status == .uncertain || (row.status == .claimed && row.expiresAt <= now) else { continue }
                tables.replies[key]!.status = .sent
                tables.replies[key]!.sentAt = now
                confirmed += 1
            }
        }
        if confirmed > 0 { repliedTo(conversation) }
    }

    func handOver(_ conversation: ConversationID, group: String) async throws {
        try store.enter(.handOver)
        update(conversation, group: group, ownedOnly: false, where: [.uncertain]) { $0.status = .handedOff }
    }

    func markWaiting(_ conversation: ConversationID, since: Date) async throws {
        store.tables.withLock { tables in
            guard let current = tables.conversations[conversation.rawValue] else { return }
            if current.waitingSince.map({ $0 > since }) ?? true {
                tables.conversations[conversation.rawValue]!.waitingSince = since
            }
        }
    }

    func recordFailure(
        _ conversation: ConversationID, key: String?, error: String, counts: Bool, putOffRecheck: Duration
    ) async throws -> FailureRecord {
        try store.enter(.recordFailure)
        let now = Date()
        let count = counts ? 1 : 0
        return store.tables.withLock { tables in
            guard var row = tables.conversations[conversation.rawValue] else {
                tables.conversations[conversation.rawValue] = LedgerStore.ConversationRow(
                    failedAttempts: count, failingKey: key, failingSince: now, lastError: error,
                    nextCheckAt: now.addingTimeInterval(putOffRecheck.timeInterval))
                return FailureRecord(attempts: count, failingFor: .zero)
            }
            let sameKey = key == nil || row.failingKey == key
            row.failedAttempts = sameKey ? row.failedAttempts + count : count
            row.failingSince = sameKey ? (row.failingSince ?? now) : now
            row.failingKey = key ?? row.failingKey
            row.lastError = error
            row.nextCheckAt = max(row.nextCheckAt, now.addingTimeInterval(putOffRecheck.timeInterval))
            tables.conversations[conversation.rawValue] = row
            return FailureRecord(
                attempts: row.failedAttempts, failingFor: .seconds(now.timeIntervalSince(row.failingSince ?? now)))
        }
    }

    func clearFailures(_ conversation: ConversationID) async throws {
        store.tables.withLock { tables in
            guard var row = tables.conversations[conversation.rawValue],
                row.failedAttempts > 0 || row.failingSince != nil
            else { return }
            row.failedAttempts = 0
            row.failingKey = nil
            row.failingSince = nil
            row.lastError = nil
            tables.conversations[conversation.rawValue] = row
        }
    }

    func park(_ conversation: ConversationID, reason: String, recheckAfter: Duration) async throws -> Bool {
        try store.enter(.park)
        let now = Date()
        return store.tables.withLock { tables in
            // An UPDATE ... WHERE parked_at IS NULL
            guard var row = tables.conversations[conversation.rawValue], row.parkedAt == nil else { return false }
            row.parkedAt = now
            row.parkedReason = reason
            row.nextCheckAt = now.addingTimeInterval(recheckAfter.timeInterval)
            tables.conversations[conversation.rawValue] = row
            return true
        }
    }

    func unpark(_ conversation: ConversationID) async throws {
        try store.enter(.unpark)
        store.tables.withLock { tables in
            guard var row = tables.conversations[conversation.rawValue] else { return }
            row.parkedAt = nil
            row.parkedReason = nil
            row.failedAttempts = 0
            row.failingKey = nil
            row.failingSince = nil
            row.lastError = nil
            tables.conversations[conversation.rawValue] = row
        }
    }

    func recordFingerprint(_ conversation: ConversationID, _ fingerprint: String) async throws {
        store.tables.withLock { tables in tables.fingerprints[conversation.rawValue] = fingerprint }
    }

    func recordEchoEvidence() async throws {
        store.tables.withLock { $0.echoObservedAt = Date() }
    }

    func echoEvidence() async throws -> Date? {
        store.tables.withLock { $0.echoObservedAt }
    }

    /// Updates the rows of a reply group whose status is in `statuses` (and, when `ownedOnly`, that
    /// this instance holds); returns how many.
    @discardableResult
    private func update(
        _ conversation: ConversationID, group: String, ownedOnly: Bool, where statuses: Set<RecordedReply.State>,
        _ change: (inout LedgerStore.Row) -> Void
    ) -> Int {
        store.tables.withLock { tables in
            var count = 0
            for (key, row) in tables.replies
            where key.conversation == conversation.rawValue && row.group == group && statuses.contains(row.status)
                && (!ownedOnly || row.claimedBy == instanceID)
            {
                change(&tables.replies[key]!)
                count += 1
            }
            return count
        }
    }

    /// `waiting_since = NULL, last_reply_at = now()` on the conversation's row, if there is one.
    private func repliedTo(_ conversation: ConversationID) {
        store.tables.withLock { tables in
            guard tables.conversations[conversation.rawValue] != nil else { return }
            tables.conversations[conversation.rawValue]!.waitingSince = nil
            tables.conversations[conversation.rawValue]!.lastReplyAt = Date()
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
