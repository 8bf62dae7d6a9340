import AutoResponderCore
import PostgreSQL

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
    }

    let database: PostgresClient
    /// How often a parked conversation is looked at (for a new client message).
    let parkedRecheck: Duration

    /// Records the active list and returns the conversations due a job now (claimed: the next poll,
    /// by any dispatcher, will not return them again before `recheck` has passed).
    func claimDue(active: [ConversationID], recheck: Duration) async throws -> [Due] {
        guard !active.isEmpty else { return [] }
        // Validated ids never hold a comma, so the list travels as one bound text parameter.
        let list = active.map(\.rawValue).joined(separator: ",")
        let rows = try await database.query(
            """
            INSERT INTO responder.conversations AS c (conversation_id, next_check_at, active, jobs_published)
            SELECT id, now() + $2::bigint * interval '1 millisecond', true, 1
            FROM unnest(string_to_array($1, ',')) AS id
            ON CONFLICT (conversation_id) DO UPDATE SET
              next_check_at = now()
                + (CASE WHEN c.parked_at IS NULL THEN $2::bigint ELSE $3::bigint END) * interval '1 millisecond',
              active = true, last_seen_at = now(), jobs_published = c.jobs_published + 1
            WHERE c.next_check_at <= now() OR NOT c.active
            RETURNING conversation_id, (xmax = 0) AS inserted
            """, [list, recheck.milliseconds, parkedRecheck.milliseconds])
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
