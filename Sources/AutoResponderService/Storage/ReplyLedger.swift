import AutoResponderCore
import Foundation
import PostgreSQL

/// The reply ledger (`responder.replies`): at most one reply per (conversation, client message),
/// across redeliveries, crashes, restarts and any number of workers.
///
/// Protocol of a worker: ``claim(_:jobID:)`` the messages a reply answers (one transaction; fails if
/// another worker holds a live claim or already sent), post the reply, then ``markSent(_:)``. If posting
/// fails, ``release(_:)`` expires the claim at once so that a retry may take over. A worker that dies
/// holding a claim blocks the messages until the claim expires (`REPLY_CLAIM_TTL_MS`); whoever takes
/// over first checks whether the chats API echoed the claimed reply (then it was posted: mark it sent).
struct ReplyLedger: Sendable {
    /// One row of the ledger.
    struct Entry: Sendable {
        enum Status: String, Sendable { case claimed, sent }
        let messageID: MessageID
        let status: Status
        let group: String
        let replyText: String
        let claimLive: Bool
    }

    /// What a claim found.
    enum ClaimOutcome: Sendable, Equatable {
        /// This worker holds the messages: post, then mark sent.
        case claimed
        /// Another worker holds a live claim on one of the messages: try later.
        case heldByAnother
        /// One of the messages was answered meanwhile: nothing to do.
        case alreadySent
    }

    /// A reply about to be posted, as the ledger records it.
    struct Claim: Sendable {
        let conversationID: ConversationID
        let messageIDs: [MessageID]
        /// Identifies the reply (one per claim): the messages it answers share it.
        let group: String
        let text: String
        let resolver: String
        let language: String
        /// When the oldest client message the reply answers was written (the conversation waits
        /// since then; `autoresponderctl status` shows it).
        let waitingSince: Date?
    }

    let database: PostgresClient
    let instanceID: String
    let claimTTL: Duration

    /// The ledger's rows for a conversation.
    func entries(for conversation: ConversationID) async throws -> [Entry] {
        let rows = try await database.query(
            """
            SELECT message_id, status, reply_group, reply_text, claim_expires_at > now() AS live
            FROM responder.replies WHERE conversation_id = $1
            """, [conversation.rawValue])
        return try rows.compactMap { row in
            guard let id = try? MessageID(try row.decode(String.self, "message_id")),
                let status = Entry.Status(rawValue: try row.decode(String.self, "status"))
            else { return nil }
            return Entry(
                messageID: id, status: status, group: try row.decode(String.self, "reply_group"),
                replyText: try row.decode(String.self, "reply_text"), claimLive: try row.decode(Bool.self, "live"))
        }
    }

    /// Claims every message of `claim`, or none of them.
    func claim(_ claim: Claim, jobID: String) async throws -> ClaimOutcome {
        let ttl = Int(claimTTL.milliseconds)
        let instanceID = self.instanceID
        do {
            try await database.withTransaction { connection in
                for messageID in claim.messageIDs {
                    let rows = try connection.query(
                        """
                        INSERT INTO responder.replies AS r
                          (conversation_id, message_id, status, reply_group, reply_text, resolver, language,
                           job_id, claimed_by, claim_expires_at)
                        VALUES ($1, $2, 'claimed', $3, $4, $5, $6, $7, $8, now() + $9::int * interval '1 millisecond')
                        ON CONFLICT (conversation_id, message_id) DO UPDATE SET
                          reply_group = excluded.reply_group, reply_text = excluded.reply_text,
                          resolver = excluded.resolver, language = excluded.language, job_id = excluded.job_id,
                          claimed_by = excluded.claimed_by, claimed_at = now(),
                          claim_expires_at = excluded.claim_expires_at, attempts = r.attempts + 1
                        WHERE r.status = 'claimed' AND r.claim_expires_at <= now()
                        RETURNING message_id
                        """,
                        [
                            claim.conversationID.rawValue, messageID.rawValue, claim.group, claim.text, claim.resolver,
                            claim.language, jobID, instanceID, ttl,
                        ])
                    if rows.isEmpty {
                        let existing = try connection.query(
                            "SELECT status FROM responder.replies WHERE conversation_id = $1 AND message_id = $2",
                            [claim.conversationID.rawValue, messageID.rawValue])
                        let sent = try existing.first?.decode(String.self, "status") == "sent"
                        throw ClaimRefused(outcome: sent ? .alreadySent : .heldByAnother)
                    }
                }
                if let since = claim.waitingSince {
                    try connection.query(
                        """
                        UPDATE responder.conversations SET waiting_since = $2
                        WHERE conversation_id = $1 AND (waiting_since IS NULL OR waiting_since > $2)
                        """, [claim.conversationID.rawValue, since])
                }
            }
            return .claimed
        } catch let refused as ClaimRefused {
            return refused.outcome
        }
    }

    /// Records that the chats API accepted the reply of `group` (and that the conversation no longer
    /// waits), in one statement.
    func markSent(_ claim: Claim) async throws {
        try await database.query(
            """
            WITH sent AS (
              UPDATE responder.replies SET status = 'sent', sent_at = now()
              WHERE conversation_id = $1 AND reply_group = $2 RETURNING 1
            )
            UPDATE responder.conversations SET waiting_since = NULL, last_reply_at = now()
            WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM sent)
            """, [claim.conversationID.rawValue, claim.group])
    }

    /// Records that a conversation has client messages waiting since `since` (a job that could not
    /// answer them yet), unless an earlier time is recorded.
    func markWaiting(_ conversation: ConversationID, since: Date) async throws {
        try await database.query(
            """
            UPDATE responder.conversations SET waiting_since = $2
            WHERE conversation_id = $1 AND (waiting_since IS NULL OR waiting_since > $2)
            """, [conversation.rawValue, since])
    }

    /// Records that a reply group found echoed in the conversation was posted (by a worker that died
    /// before it could mark it).
    func markEchoedSent(conversation: ConversationID, group: String) async throws {
        try await database.query(
            """
            UPDATE responder.replies SET status = 'sent', sent_at = now()
            WHERE conversation_id = $1 AND reply_group = $2 AND status = 'claimed'
            """, [conversation.rawValue, group])
    }

    /// Expires this worker's claim at once (posting failed), so that a retry can take it over.
    func release(_ claim: Claim) async throws {
        try await database.query(
            """
            UPDATE responder.replies SET claim_expires_at = now()
            WHERE conversation_id = $1 AND reply_group = $2 AND status = 'claimed'
            """, [claim.conversationID.rawValue, claim.group])
    }
}

/// Rolls a claim transaction back and says why.
private struct ClaimRefused: Error {
    let outcome: ReplyLedger.ClaimOutcome
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
