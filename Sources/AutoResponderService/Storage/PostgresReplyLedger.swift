import AutoResponderCore
import Foundation
import PostgreSQL

/// The ``ReplyLedger`` in PostgreSQL: `responder.replies` (primary key `(conversation_id,
/// message_id)`), the failure and parking columns of `responder.conversations`, and
/// `responder.facts`. Every write that finishes a claim checks that the claim still owns its rows
/// (`reply_group` and `claimed_by`).
struct PostgresReplyLedger: ReplyLedger {
    let database: PostgresClient
    let instanceID: String
    let claimTTL: Duration
    /// The first re-check after a reply (follow-ups come early); later ones wait longer.
    var firstRecheck: Duration = .seconds(1)

    /// The name of the fact "the chats API echoes this service's replies".
    static let echoFact = "chats_api_echoes_replies"

    func state(of conversation: ConversationID) async throws -> LedgerState {
        // One round trip: the conversation's row (if any) joined with its ledger rows (if any).
        let rows = try await database.query(
            """
            SELECT c.failed_attempts, c.failing_key, c.parked_at, c.failing_since IS NOT NULL AS failing,
                   r.message_id, r.status, r.reply_group, r.reply_text, r.claimed_at, r.tried_at,
                   r.claim_expires_at > now() AS live
            FROM (SELECT $1::text AS id) AS k
            LEFT JOIN responder.conversations c ON c.conversation_id = k.id
            LEFT JOIN responder.replies r ON r.conversation_id = k.id
            ORDER BY r.claimed_at, r.message_id
            """, [conversation.rawValue])
        var state = LedgerState()
        var groups: [String: RecordedReply] = [:]
        var order: [String] = []
        for row in rows {
            state.failedAttempts = try row.decode(Int?.self, "failed_attempts") ?? 0
            state.failingKey = try row.decode(String?.self, "failing_key")
            state.parkedAt = try row.decode(Date?.self, "parked_at")
            state.isFailing = try row.decode(Bool?.self, "failing") ?? false || state.failedAttempts > 0
            guard let group = try row.decode(String?.self, "reply_group"),
                let id = try? MessageID(try row.decode(String.self, "message_id")),
                let status = RecordedReply.State(rawValue: try row.decode(String.self, "status"))
            else { continue }
            if groups[group] == nil {
                order.append(group)
                groups[group] = RecordedReply(
                    group: group, text: try row.decode(String.self, "reply_text"), state: status, answering: [],
                    claimedAt: try row.decode(Date.self, "claimed_at"), claimLive: try row.decode(Bool.self, "live"),
                    triedAt: try row.decode(Date?.self, "tried_at"))
            }
            groups[group]?.answering.append(id)
        }
        state.replies = order.compactMap { groups[$0] }
        return state
    }

    func claim(_ claim: ReplyClaim, jobID: String, takingOver: Set<String>) async throws -> ClaimOutcome {
        let takeOver = takingOver.sorted().joined(separator: ",")
        if claim.messageIDs.count == 1 { return try await claimOne(claim, jobID: jobID, takeOver: takeOver) }
        let ttl = Int(claimTTL.milliseconds)
        let instanceID = self.instanceID
        do {
            try await database.withTransaction { connection in
                for messageID in claim.messageIDs {
                    let rows = try connection.query(
                        """
                        INSERT INTO responder.replies AS r
                          (conversation_id, message_id, status, reply_group, reply_text, resolver, language,
                           job_id, claimed_by, claim_expires_at, route, facts)
                        VALUES ($1, $2, 'claimed', $3, $4, $5, $6, $7, $8, now() + $9::int * interval '1 millisecond',
                                $11, $12)
                        ON CONFLICT (conversation_id, message_id) DO UPDATE SET
                          status = 'claimed', reply_group = excluded.reply_group, reply_text = excluded.reply_text,
                          resolver = excluded.resolver, language = excluded.language, job_id = excluded.job_id,
                          route = excluded.route, facts = excluded.facts,
                          claimed_by = excluded.claimed_by, claimed_at = now(), tried_at = NULL,
                          claim_expires_at = excluded.claim_expires_at, attempts = r.attempts + 1
                        WHERE (r.status = 'claimed' AND r.claim_expires_at <= now())
                           OR (r.status = 'uncertain' AND r.reply_group = ANY (string_to_array($10, ',')))
                        RETURNING message_id
                        """,
                        [
                            claim.conversationID.rawValue, messageID.rawValue, claim.group, claim.text, claim.resolver,
                            claim.language, jobID, instanceID, ttl, takeOver, claim.route, claim.facts,
                        ])
                    if rows.isEmpty {
                        let existing = try connection.query(
                            "SELECT status FROM responder.replies WHERE conversation_id = $1 AND message_id = $2",
                            [claim.conversationID.rawValue, messageID.rawValue])
                        let status = try existing.first?.decode(String.self, "status")
                        throw ClaimRefused(outcome: status == "sent" || status == "handed_off" ? .alreadySent : .heldByAnother)
                    }
                }
                if let since = claim.waitingSince {
                    try connection.query(
                        """
                        UPDATE responder.conversations SET waiting_since = $2
                        WHERE conversation_id = $1 AND (waiting_since IS NULL OR waiting_since > $2)
                        """, [claim.conversationID.rawValue, since])
                }
                if claim.merchantID != nil || claim.subject != nil {
                    try connection.query(
                        """
                        UPDATE responder.conversations
                        SET merchant_id = coalesce($2::text, merchant_id), subject = coalesce($3::text, subject)
                        WHERE conversation_id = $1
                          AND (merchant_id IS DISTINCT FROM coalesce($2::text, merchant_id)
                               OR subject IS DISTINCT FROM coalesce($3::text, subject))
                        """, [claim.conversationID.rawValue, claim.merchantID, claim.subject.map { String($0.prefix(500)) }])
                }
            }
            return .claimed
        } catch let refused as ClaimRefused {
            return refused.outcome
        }
    }

    /// The usual claim, of one client message, in one statement (no transaction: it is atomic alone):
    /// the ledger row, and the conversation's waiting time, merchant and subject when they change.
    private func claimOne(_ claim: ReplyClaim, jobID: String, takeOver: String) async throws -> ClaimOutcome {
        let rows = try await database.query(
            """
            WITH claimed AS (
              INSERT INTO responder.replies AS r
                (conversation_id, message_id, status, reply_group, reply_text, resolver, language,
                 job_id, claimed_by, claim_expires_at, route, facts)
              VALUES ($1, $2, 'claimed', $3, $4, $5, $6, $7, $8, now() + $9::int * interval '1 millisecond', $11, $12)
              ON CONFLICT (conversation_id, message_id) DO UPDATE SET
                status = 'claimed', reply_group = excluded.reply_group, reply_text = excluded.reply_text,
                resolver = excluded.resolver, language = excluded.language, job_id = excluded.job_id,
                route = excluded.route, facts = excluded.facts,
                claimed_by = excluded.claimed_by, claimed_at = now(), tried_at = NULL,
                claim_expires_at = excluded.claim_expires_at, attempts = r.attempts + 1
              WHERE (r.status = 'claimed' AND r.claim_expires_at <= now())
                 OR (r.status = 'uncertain' AND r.reply_group = ANY (string_to_array($10, ',')))
              RETURNING message_id
            ), conversation AS (
              UPDATE responder.conversations SET
                waiting_since = CASE WHEN $13::timestamptz IS NOT NULL AND (waiting_since IS NULL OR waiting_since > $13)
                                THEN $13 ELSE waiting_since END,
                merchant_id = coalesce($14::text, merchant_id), subject = coalesce($15::text, subject)
              WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM claimed)
                AND (($13::timestamptz IS NOT NULL AND (waiting_since IS NULL OR waiting_since > $13))
                     OR merchant_id IS DISTINCT FROM coalesce($14::text, merchant_id)
                     OR subject IS DISTINCT FROM coalesce($15::text, subject))
            )
            SELECT (SELECT count(*) FROM claimed)::bigint AS claimed,
                   (SELECT status FROM responder.replies WHERE conversation_id = $1 AND message_id = $2) AS before
            """,
            [
                claim.conversationID.rawValue, claim.messageIDs[0].rawValue, claim.group, claim.text, claim.resolver,
                claim.language, jobID, instanceID, Int(claimTTL.milliseconds), takeOver, claim.route, claim.facts,
                claim.waitingSince, claim.merchantID, claim.subject.map { String($0.prefix(500)) },
            ])
        guard let row = rows.first else {
            throw PostgresError(code: .queryFailed, message: "claiming a reply returned no row; nothing was claimed")
        }
        if try row.decode(Int.self, "claimed") == 1 { return .claimed }
        // Refused: the row as it was before this statement says why.
        let before = try row.decode(String?.self, "before")
        return before == "sent" || before == "handed_off" ? .alreadySent : .heldByAnother
    }

    func markSent(_ claim: ReplyClaim) async throws -> Bool {
        let rows = try await database.query(
            """
            WITH sent AS (
              UPDATE responder.replies SET status = 'sent', sent_at = now()
              WHERE conversation_id = $1 AND reply_group = $2 AND claimed_by = $3
                AND status IN ('claimed', 'uncertain')
              RETURNING message_id
            ), done AS (
              UPDATE responder.conversations
              SET waiting_since = NULL, last_reply_at = now(), recheck_step = 0,
                  next_check_at = least(next_check_at, now() + $4::bigint * interval '1 millisecond')
              WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM sent)
            )
            SELECT count(*)::bigint AS owned FROM sent
            """, [claim.conversationID.rawValue, claim.group, instanceID, firstRecheck.milliseconds])
        return try rows.first?.decode(Int.self, "owned") == claim.messageIDs.count
    }

    func markUncertain(_ claim: ReplyClaim) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE responder.replies SET status = 'uncertain', tried_at = now()
            WHERE conversation_id = $1 AND reply_group = $2 AND claimed_by = $3 AND status = 'claimed'
            RETURNING message_id
            """, [claim.conversationID.rawValue, claim.group, instanceID])
        return rows.count == claim.messageIDs.count
    }

    func release(_ claim: ReplyClaim) async throws {
        try await database.query(
            """
            UPDATE responder.replies SET claim_expires_at = now()
            WHERE conversation_id = $1 AND reply_group = $2 AND claimed_by = $3 AND status = 'claimed'
            """, [claim.conversationID.rawValue, claim.group, instanceID])
    }

    func confirmEchoed(_ conversation: ConversationID, group: String) async throws {
        try await database.query(
            """
            WITH sent AS (
              UPDATE responder.replies SET status = 'sent', sent_at = now()
              WHERE conversation_id = $1 AND reply_group = $2
                AND (status = 'uncertain' OR (status = 'claimed' AND claim_expires_at <= now()))
              RETURNING 1
            )
            UPDATE responder.conversations SET waiting_since = NULL, last_reply_at = now()
            WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM sent)
            """, [conversation.rawValue, group])
    }

    func handOver(_ conversation: ConversationID, group: String) async throws {
        try await database.query(
            """
            UPDATE responder.replies SET status = 'handed_off'
            WHERE conversation_id = $1 AND reply_group = $2 AND status = 'uncertain'
            """, [conversation.rawValue, group])
    }

    func recordFingerprint(_ conversation: ConversationID, _ fingerprint: String) async throws {
        try await database.query(
            """
            UPDATE responder.conversations SET fingerprint = $2
            WHERE conversation_id = $1 AND fingerprint IS DISTINCT FROM $2
            """, [conversation.rawValue, fingerprint])
    }

    func markWaiting(_ conversation: ConversationID, since: Date) async throws {
        try await database.query(
            """
            UPDATE responder.conversations SET waiting_since = $2
            WHERE conversation_id = $1 AND (waiting_since IS NULL OR waiting_since > $2)
            """, [conversation.rawValue, since])
    }

    func recordFailure(
        _ conversation: ConversationID, key: String?, error: String, counts: Bool, putOffRecheck: Duration
    ) async throws -> FailureRecord {
        let rows = try await database.query(
            """
            INSERT INTO responder.conversations AS c
              (conversation_id, next_check_at, failed_attempts, failing_key, failing_since, last_error)
            VALUES ($1, now() + $5::bigint * interval '1 millisecond', $4::int, $2, now(), $3)
            ON CONFLICT (conversation_id) DO UPDATE SET
              failed_attempts = CASE WHEN $2::text IS NULL OR c.failing_key IS NOT DISTINCT FROM $2::text
                                     THEN c.failed_attempts + $4::int ELSE $4::int END,
              failing_since = CASE WHEN ($2::text IS NULL OR c.failing_key IS NOT DISTINCT FROM $2::text)
                                        AND c.failing_since IS NOT NULL
                                   THEN c.failing_since ELSE now() END,
              failing_key = coalesce($2::text, c.failing_key), last_error = $3,
              next_check_at = greatest(c.next_check_at, now() + $5::bigint * interval '1 millisecond')
            RETURNING failed_attempts, (extract(epoch FROM now() - failing_since) * 1000)::bigint AS failing_ms
            """,
            [conversation.rawValue, key, String(error.prefix(2000)), counts ? 1 : 0, putOffRecheck.milliseconds])
        guard let row = rows.first else { return FailureRecord(attempts: counts ? 1 : 0, failingFor: .zero) }
        return FailureRecord(
            attempts: try row.decode(Int.self, "failed_attempts"),
            failingFor: .milliseconds(try row.decode(Int.self, "failing_ms")))
    }

    func clearFailures(_ conversation: ConversationID) async throws {
        try await database.query(
            """
            UPDATE responder.conversations
            SET failed_attempts = 0, failing_key = NULL, failing_since = NULL, last_error = NULL
            WHERE conversation_id = $1 AND (failed_attempts > 0 OR failing_since IS NOT NULL)
            """, [conversation.rawValue])
    }

    func park(_ conversation: ConversationID, reason: String, recheckAfter: Duration) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE responder.conversations
            SET parked_at = now(), parked_reason = $2,
                next_check_at = now() + $3::bigint * interval '1 millisecond'
            WHERE conversation_id = $1 AND parked_at IS NULL
            RETURNING conversation_id
            """, [conversation.rawValue, String(reason.prefix(2000)), recheckAfter.milliseconds])
        return !rows.isEmpty
    }

    func unpark(_ conversation: ConversationID) async throws {
        try await unpark(conversation, dueNow: false)
    }

    /// Takes the conversation out of the park; `dueNow` also makes the dispatcher re-check it at once
    /// (an operator's release). Returns false when it was not parked.
    @discardableResult
    func unpark(_ conversation: ConversationID, dueNow: Bool) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE responder.conversations
            SET parked_at = NULL, parked_reason = NULL, failed_attempts = 0, failing_key = NULL,
                failing_since = NULL, last_error = NULL, next_check_at = CASE WHEN $2 THEN now() ELSE next_check_at END
            WHERE conversation_id = $1 AND parked_at IS NOT NULL
            RETURNING conversation_id
            """, [conversation.rawValue, dueNow])
        return !rows.isEmpty
    }

    func recordEchoEvidence() async throws {
        try await database.query(
            """
            INSERT INTO responder.facts (name, value) VALUES ($1, 'true')
            ON CONFLICT (name) DO UPDATE SET value = 'true', observed_at = now()
            """, [Self.echoFact])
    }

    func echoEvidence() async throws -> Date? {
        let rows = try await database.query(
            "SELECT observed_at FROM responder.facts WHERE name = $1 AND value = 'true'", [Self.echoFact])
        return try rows.first?.decode(Date.self, "observed_at")
    }
}

/// Rolls a claim transaction back and says why.
private struct ClaimRefused: Error {
    let outcome: ClaimOutcome
}
