import Foundation
import PostgreSQL

/// One conversation in a listing (a merchant's conversations in the console).
public struct ConversationSummary: Sendable {
    /// The conversation.
    public var conversationID: String
    /// Its subject label, when a reply recorded it.
    public var subject: String?
    /// Whether it was in the active list at the last poll (nil: known only from a hand-off).
    public var active: Bool?
    /// When it was last seen in the active list.
    public var lastSeenAt: Date?
    /// When a reply was last recorded as sent.
    public var lastReplyAt: Date?
    /// Whether it is parked after failed jobs.
    public var parked: Bool
    /// Its hand-offs no person has resolved yet.
    public var openHandOffs: Int
}

extension OperatorClient {
    /// The conversations of merchant `merchantID` the service knows (from its conversations and its
    /// hand-offs), most recently seen first: at most `limit` after skipping `offset`.
    public func conversations(ofMerchant merchantID: String, limit: Int, offset: Int) async throws
        -> [ConversationSummary]
    {
        try await database.query(
            """
            WITH ids AS (\(Self.merchantConversationIDs))
            SELECT i.conversation_id, c.subject, c.active, c.last_seen_at, c.last_reply_at,
                   c.parked_at IS NOT NULL AS parked,
                   (SELECT count(*) FROM responder.handoffs h
                    WHERE h.conversation_id = i.conversation_id AND h.resolved_at IS NULL)::bigint AS open_handoffs
            FROM ids i LEFT JOIN responder.conversations c ON c.conversation_id = i.conversation_id
            ORDER BY c.last_seen_at DESC NULLS LAST, i.conversation_id LIMIT $2 OFFSET $3
            """, [merchantID, Self.bounded(limit), max(0, min(offset, Self.listingLimit))]
        ).map { row in
            ConversationSummary(
                conversationID: try row.decode(String.self, "conversation_id"), subject: try row.decode(String?.self, "subject"),
                active: try row.decode(Bool?.self, "active"), lastSeenAt: try row.decode(Date?.self, "last_seen_at"),
                lastReplyAt: try row.decode(Date?.self, "last_reply_at"), parked: try row.decode(Bool.self, "parked"),
                openHandOffs: try row.decode(Int.self, "open_handoffs"))
        }
    }

    /// How many conversations of merchant `merchantID` the service knows.
    public func conversationCount(ofMerchant merchantID: String) async throws -> Int {
        try await database.query(
            "WITH ids AS (\(Self.merchantConversationIDs)) SELECT count(*)::bigint AS n FROM ids", [merchantID]
        ).first?.decode(Int.self, "n") ?? 0
    }

    /// Whether the service has a row for conversation `id`.
    public func knowsConversation(_ id: String) async throws -> Bool {
        try await !database.query(
            """
            SELECT 1 FROM responder.conversations WHERE conversation_id = $1
            UNION ALL SELECT 1 FROM responder.handoffs WHERE conversation_id = $1 LIMIT 1
            """, [id]
        ).isEmpty
    }

    /// The ids of merchant `$1`'s conversations.
    private static let merchantConversationIDs = """
        SELECT conversation_id FROM responder.conversations WHERE merchant_id = $1
        UNION SELECT conversation_id FROM responder.handoffs WHERE merchant_id = $1
        """
}
