import Foundation
import PostgreSQL

/// What the service recorded of one conversation (`responder.conversations` and its ledger rows):
/// the console's conversation page.
public struct ConversationRecord: Sendable {
    /// The dispatcher's and the workers' row of the conversation.
    public struct State: Sendable {
        /// The conversation.
        public var conversationID: String
        /// The merchant, as the chats API showed it when a reply was claimed.
        public var merchantID: String?
        /// The subject label, likewise.
        public var subject: String?
        /// Whether it was in the chats API's active list at the last poll.
        public var active: Bool
        /// First and last seen in the active list.
        public var firstSeenAt: Date
        /// Last seen in the active list.
        public var lastSeenAt: Date
        /// When the dispatcher looks at it next.
        public var nextCheckAt: Date
        /// Jobs the dispatchers published for it.
        public var jobsPublished: Int
        /// Since when a client message waits for a reply (nil: none waits).
        public var waitingSince: Date?
        /// When a reply was last recorded as sent.
        public var lastReplyAt: Date?
        /// Failed jobs for ``failingKey`` (the latest client message).
        public var failedAttempts: Int
        /// The client message the failures were about.
        public var failingKey: String?
        /// The last failure's message.
        public var lastError: String?
        /// When it was parked after failed jobs, and why.
        public var parkedAt: Date?
        /// Why it was parked.
        public var parkedReason: String?
    }

    /// One ledger row: the reply recorded for one client message.
    public struct LedgerRow: Sendable {
        /// The client message.
        public var messageID: String
        /// `claimed`, `uncertain`, `sent` or `handed_off`.
        public var status: String
        /// The reply (one per group; the messages it answers share it).
        public var replyGroup: String
        /// The reply's text.
        public var replyText: String
        /// The resolvers of the reply (`telecom+receipt`), or `clarify`.
        public var resolver: String
        /// The route decision and its reason (rows written before the console: nil).
        public var route: String?
        /// The facts each resolver used (rows written before the console: nil).
        public var facts: String?
        /// The reply's language.
        public var language: String
        /// The job that claimed it, and the worker.
        public var jobID: String
        /// The worker that claimed it.
        public var claimedBy: String
        /// When it was claimed.
        public var claimedAt: Date
        /// Claims of this message (retries and take-overs add one each).
        public var attempts: Int
        /// When a post was tried whose outcome is unknown.
        public var triedAt: Date?
        /// When the chats API accepted it.
        public var sentAt: Date?
    }

    /// The conversation's row; nil when the dispatcher never recorded it.
    public var state: State?
    /// Its ledger rows, in claim order.
    public var ledger: [LedgerRow]
    /// Its hand-offs, open and resolved.
    public var handOffs: [HandOffRecord]

    /// Whether the service knows nothing of the conversation.
    public var isEmpty: Bool { state == nil && ledger.isEmpty && handOffs.isEmpty }
}

extension OperatorClient {
    /// Everything the service recorded of conversation `id` (three queries; at most
    /// ``listingLimit`` ledger rows).
    public func conversationRecord(_ id: String) async throws -> ConversationRecord {
        let state = try await database.query(
            """
            SELECT conversation_id, merchant_id, subject, active, first_seen_at, last_seen_at, next_check_at,
                   jobs_published, waiting_since, last_reply_at, failed_attempts, failing_key, last_error,
                   parked_at, parked_reason
            FROM responder.conversations WHERE conversation_id = $1
            """, [id]
        ).first.map(ConversationRecord.State.init(row:))
        let ledger = try await database.query(
            """
            SELECT message_id, status, reply_group, reply_text, resolver, route, facts, language, job_id, claimed_by,
                   claimed_at, attempts, tried_at, sent_at
            FROM responder.replies WHERE conversation_id = $1 ORDER BY claimed_at, message_id LIMIT $2
            """, [id, Self.listingLimit]
        ).map(ConversationRecord.LedgerRow.init(row:))
        return ConversationRecord(state: state, ledger: ledger, handOffs: try await handOffs(conversationID: id))
    }
}

extension ConversationRecord.State {
    init(row: PostgresRow) throws {
        conversationID = try row.decode(String.self, "conversation_id")
        merchantID = try row.decode(String?.self, "merchant_id")
        subject = try row.decode(String?.self, "subject")
        active = try row.decode(Bool.self, "active")
        firstSeenAt = try row.decode(Date.self, "first_seen_at")
        lastSeenAt = try row.decode(Date.self, "last_seen_at")
        nextCheckAt = try row.decode(Date.self, "next_check_at")
        jobsPublished = try row.decode(Int.self, "jobs_published")
        waitingSince = try row.decode(Date?.self, "waiting_since")
        lastReplyAt = try row.decode(Date?.self, "last_reply_at")
        failedAttempts = try row.decode(Int.self, "failed_attempts")
        failingKey = try row.decode(String?.self, "failing_key")
        lastError = try row.decode(String?.self, "last_error")
        parkedAt = try row.decode(Date?.self, "parked_at")
        parkedReason = try row.decode(String?.self, "parked_reason")
    }
}

extension ConversationRecord.LedgerRow {
    init(row: PostgresRow) throws {
        messageID = try row.decode(String.self, "message_id")
        status = try row.decode(String.self, "status")
        replyGroup = try row.decode(String.self, "reply_group")
        replyText = try row.decode(String.self, "reply_text")
        resolver = try row.decode(String.self, "resolver")
        route = try row.decode(String?.self, "route")
        facts = try row.decode(String?.self, "facts")
        language = try row.decode(String.self, "language")
        jobID = try row.decode(String.self, "job_id")
        claimedBy = try row.decode(String.self, "claimed_by")
        claimedAt = try row.decode(Date.self, "claimed_at")
        attempts = try row.decode(Int.self, "attempts")
        triedAt = try row.decode(Date?.self, "tried_at")
        sentAt = try row.decode(Date?.self, "sent_at")
    }
}
