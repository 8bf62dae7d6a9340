import Foundation
import PostgreSQL

/// One hand-off, as `autoresponderctl handoffs` and the console list them: open until
/// ``resolvedAt`` is set.
public struct HandOffRecord: Codable, Sendable {
    /// The hand-off's id (for `handoffs resolve ID`).
    public var id: Int
    /// The conversation.
    public var conversationID: String
    /// The client message it answers.
    public var messageID: String
    /// The merchant, when known.
    public var merchantID: String?
    /// The upstream subject label.
    public var subject: String?
    /// Why the service handed it off (`unknown_subject`, `no_merchant_data`, ...).
    public var reason: String
    /// Details for the person (never the client's text).
    public var detail: String?
    /// When it was recorded.
    public var createdAt: Date
    /// When a person marked it resolved, and who.
    public var resolvedAt: Date?
    /// Who resolved it (`--by`, the console's signed-in operator).
    public var resolvedBy: String?
    /// The reply the service recorded for the message (the hand-off reply the client got), if any.
    public var reply: String?
    /// That reply's ledger status (`sent`, `claimed`, `uncertain`, `handed_off`).
    public var replyStatus: String?

    enum CodingKeys: String, CodingKey {
        case id
        case conversationID = "conversation_id"
        case messageID = "message_id"
        case merchantID = "merchant_id"
        case subject, reason, detail
        case createdAt = "created_at"
        case resolvedAt = "resolved_at"
        case resolvedBy = "resolved_by"
        case reply
        case replyStatus = "reply_status"
    }

    /// The columns ``init(row:)`` reads, from `responder.handoffs h` left-joined with `responder.replies r`.
    static let columns = """
        h.id, h.conversation_id, h.message_id, h.merchant_id, h.subject, h.reason, h.detail, h.created_at,
        h.resolved_at, h.resolved_by, r.reply_text, r.status AS reply_status
        """
    /// The tables ``columns`` come from.
    static let tables = """
        responder.handoffs h
        LEFT JOIN responder.replies r ON r.conversation_id = h.conversation_id AND r.message_id = h.message_id
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int.self, "id")
        conversationID = try row.decode(String.self, "conversation_id")
        messageID = try row.decode(String.self, "message_id")
        merchantID = try row.decode(String?.self, "merchant_id")
        subject = try row.decode(String?.self, "subject")
        reason = try row.decode(String.self, "reason")
        detail = try row.decode(String?.self, "detail")
        createdAt = try row.decode(Date.self, "created_at")
        resolvedAt = try row.decode(Date?.self, "resolved_at")
        resolvedBy = try row.decode(String?.self, "resolved_by")
        reply = try row.decode(String?.self, "reply_text")
        replyStatus = try row.decode(String?.self, "reply_status")
    }
}

extension OperatorClient {
    /// The most rows one listing reads, and the deepest offset it starts from.
    public static let listingLimit = 10_000

    /// Open hand-offs, oldest first: at most `limit`, after skipping `offset` (a page of them).
    public func openHandOffs(limit: Int = 100, offset: Int = 0) async throws -> [HandOffRecord] {
        try await database.query(
            """
            SELECT \(HandOffRecord.columns) FROM \(HandOffRecord.tables)
            WHERE h.resolved_at IS NULL ORDER BY h.created_at, h.id LIMIT $1 OFFSET $2
            """, [Self.bounded(limit), max(0, min(offset, Self.listingLimit))]
        ).map(HandOffRecord.init(row:))
    }

    /// How many hand-offs are open.
    public func openHandOffCount() async throws -> Int {
        try await database.query("SELECT count(*)::bigint AS n FROM responder.handoffs WHERE resolved_at IS NULL")
            .first?.decode(Int.self, "n") ?? 0
    }

    /// Every hand-off of a conversation, open or resolved, oldest first.
    public func handOffs(conversationID: String) async throws -> [HandOffRecord] {
        try await database.query(
            """
            SELECT \(HandOffRecord.columns) FROM \(HandOffRecord.tables)
            WHERE h.conversation_id = $1 ORDER BY h.created_at, h.id LIMIT $2
            """, [conversationID, Self.listingLimit]
        ).map(HandOffRecord.init(row:))
    }

    /// Marks the hand-off `id` resolved by `person`; false when there is no open hand-off with that id.
    public func resolveHandOff(id: Int, by person: String) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE responder.handoffs SET resolved_at = now(), resolved_by = $2
            WHERE id = $1 AND resolved_at IS NULL RETURNING id
            """, [id, person])
        return !rows.isEmpty
    }

    /// `limit` within 1 ... ``listingLimit``.
    static func bounded(_ limit: Int) -> Int { max(1, min(limit, listingLimit)) }
}
