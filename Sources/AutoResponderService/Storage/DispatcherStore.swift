import AutoResponderCore
import PostgreSQL
import Resilience

/// The dispatcher's state (`responder.conversations`): which active conversations are due a job.
///
/// Shared by every dispatcher through the database, so a restarted dispatcher, or two at once, neither
/// lose nor duplicate work: a conversation is due when it is new, when it comes back to the active
/// list, or when its re-check time has come; claiming it moves the re-check time forward atomically.
struct DispatcherStore: Sendable {
    /// A conversation due a job, and why.
    struct Due: Sendable, Equatable {
        let conversationID: ConversationID
        let isNew: Bool
        /// The conversation as a worker last saw it (see ``Job/fingerprint``).
        var fingerprint: String? = nil
    }

    let database: PostgresClient
    /// How often a parked conversation is looked at (for a new client message).
    let parkedRecheck: Duration

    /// Records the active list and returns the conversations due a job now (claimed: the next poll,
    /// by any dispatcher, will not return them again before their next look, per `policy`).
    /// - Parameters:
    ///   - rechecks: false while the jobs queue is backed up: only new and reactivated conversations.
    ///   - pushed: events are being pushed: looks wait ``RecheckPolicy/whilePushed``.
    func claimDue(active: [ConversationID], policy: RecheckPolicy, rechecks: Bool, pushed: Bool) async throws -> [Due] {
        guard !active.isEmpty else { return [] }
        // Validated ids never hold a comma, so the list travels as one bound text parameter.
        let list = active.map(\.rawValue).joined(separator: ",")
        let rows = try await database.query(
            """
            INSERT INTO responder.conversations AS c (conversation_id, next_check_at, active, jobs_published)
            SELECT id, now() + $2::bigint * interval '1 millisecond', true, 1
            FROM unnest(string_to_array($1, ',')) AS id
            ON CONFLICT (conversation_id) DO UPDATE SET
              next_check_at = now() + (CASE
                WHEN c.parked_at IS NOT NULL THEN $3::bigint
                WHEN $6::boolean THEN $5::bigint
                ELSE least($2::bigint * power(2, least(c.recheck_step, 30))::bigint, $4::bigint) END)
                * interval '1 millisecond',
              recheck_step = c.recheck_step + 1,
              active = true, last_seen_at = now(), jobs_published = c.jobs_published + 1
            WHERE (c.next_check_at <= now() AND $7::boolean) OR NOT c.active
            RETURNING conversation_id, (xmax = 0) AS inserted, c.fingerprint
            """,
            [
                list, policy.first.milliseconds, parkedRecheck.milliseconds, policy.maximum.milliseconds,
                policy.whilePushed.milliseconds, pushed, rechecks,
            ])
        return try rows.compactMap { row in
            guard let id = try? ConversationID(try row.decode(String.self, "conversation_id")) else { return nil }
            return Due(
                conversationID: id, isNew: try row.decode(Bool.self, "inserted"),
                fingerprint: try row.decode(String?.self, "fingerprint"))
        }
    }

    /// Claims conversations at once, whatever their re-check time (an event said they changed): they
    /// are active, their looks start over, and they are returned to be published.
    func claimNow(_ ids: [ConversationID], policy: RecheckPolicy) async throws -> [Due] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.query(
            """
            INSERT INTO responder.conversations AS c (conversation_id, next_check_at, active, jobs_published)
            SELECT id, now() + $2::bigint * interval '1 millisecond', true, 1
            FROM unnest(string_to_array($1, ',')) AS id
            ON CONFLICT (conversation_id) DO UPDATE SET
              next_check_at = now() + $2::bigint * interval '1 millisecond', recheck_step = 0,
              active = true, last_seen_at = now(), jobs_published = c.jobs_published + 1
            RETURNING conversation_id, (xmax = 0) AS inserted
            """, [ids.map(\.rawValue).joined(separator: ","), policy.first.milliseconds])
        return try rows.compactMap { row in
            guard let id = try? ConversationID(try row.decode(String.self, "conversation_id")) else { return nil }
            return Due(conversationID: id, isNew: try row.decode(Bool.self, "inserted"))
        }
    }

    /// Marks conversations that left the active list (they are due again at once if they come back).
    func markInactive(except active: [ConversationID]) async throws {
        try await database.query(
            """
            UPDATE responder.conversations SET active = false
            WHERE active AND NOT (conversation_id = ANY (string_to_array($1, ',')))
            """, [active.map(\.rawValue).joined(separator: ",")])
    }

    /// Makes conversations due again at once (their jobs could not be published).
    func release(_ ids: [ConversationID]) async throws {
        guard !ids.isEmpty else { return }
        try await database.query(
            """
            UPDATE responder.conversations SET next_check_at = now(), jobs_published = jobs_published - 1
            WHERE conversation_id = ANY (string_to_array($1, ','))
            """, [ids.map(\.rawValue).joined(separator: ",")])
    }
}
