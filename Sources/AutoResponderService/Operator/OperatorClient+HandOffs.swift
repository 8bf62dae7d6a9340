import Foundation
import PostgreSQL

/// One open hand-off, as `autoresponderctl handoffs` lists it.
public struct OpenHandOff: Codable, Sendable {
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

    enum CodingKeys: String, CodingKey {
        case id
        case conversationID = "conversation_id"
        case messageID = "message_id"
        case merchantID = "merchant_id"
        case subject, reason, detail
        case createdAt = "created_at"
    }
}

extension OperatorClient {
    /// Open hand-offs, oldest first (at most `limit`).
    public func openHandOffs(limit: Int = 100) async throws -> [OpenHandOff] {
        let rows = try await database.query(
            """
            SELECT id, conversation_id, message_id, merchant_id, subject, reason, detail, created_at
            FROM responder.handoffs WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT $1
            """, [max(1, min(limit, 10_000))])
        return try rows.map { row in
            OpenHandOff(
                id: try row.decode(Int.self, "id"), conversationID: try row.decode(String.self, "conversation_id"),
                messageID: try row.decode(String.self, "message_id"),
                merchantID: try row.decode(String?.self, "merchant_id"), subject: try row.decode(String?.self, "subject"),
                reason: try row.decode(String.self, "reason"), detail: try row.decode(String?.self, "detail"),
                createdAt: try row.decode(Date.self, "created_at"))
        }
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
}
