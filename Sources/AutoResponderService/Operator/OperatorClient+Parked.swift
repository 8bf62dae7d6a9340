import AMQP
import AutoResponderCore
import Foundation
import PostgreSQL

/// A conversation parked after its failed attempts, as `autoresponderctl parked` lists it.
public struct ParkedConversation: Codable, Sendable {
    /// The conversation.
    public var conversationID: String
    /// When it was parked.
    public var parkedAt: Date
    /// Why (the last failure).
    public var reason: String
    /// Failed attempts counted.
    public var attempts: Int
    /// Whether the chats API still lists it as active.
    public var active: Bool

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id"
        case parkedAt = "parked_at"
        case reason, attempts, active
    }
}

extension OperatorClient {
    /// Parked conversations, oldest first.
    public func parkedConversations(limit: Int = 100) async throws -> [ParkedConversation] {
        let rows = try await database.query(
            """
            SELECT conversation_id, parked_at, coalesce(parked_reason, '') AS reason, failed_attempts, active
            FROM responder.conversations WHERE parked_at IS NOT NULL ORDER BY parked_at, conversation_id LIMIT $1
            """, [max(1, min(limit, 10_000))])
        return try rows.map { row in
            ParkedConversation(
                conversationID: try row.decode(String.self, "conversation_id"),
                parkedAt: try row.decode(Date.self, "parked_at"), reason: try row.decode(String.self, "reason"),
                attempts: try row.decode(Int.self, "failed_attempts"), active: try row.decode(Bool.self, "active"))
        }
    }

    /// Takes conversations out of the park and publishes a job for each (`ids` empty: every parked
    /// one). Returns the released conversations.
    public func releaseParked(ids: [String]) async throws -> [String] {
        let targets = ids.isEmpty ? try await parkedConversations(limit: 10_000).map(\.conversationID) : ids
        var released: [String] = []
        for raw in targets {
            guard let id = try? ConversationID(raw) else { continue }
            guard try await release(id) else { continue }
            try await broker.publish(try topology.message(for: Job(conversationID: id.rawValue, reason: "released")))
            released.append(id.rawValue)
        }
        return released
    }

    /// Takes one conversation out of the park (its failures forgotten, due for a re-check now);
    /// false when it was not parked.
    @discardableResult
    func release(_ id: ConversationID) async throws -> Bool {
        try await PostgresReplyLedger(database: database, instanceID: "autoresponderctl", claimTTL: .seconds(60))
            .unpark(id, dueNow: true)
    }
}
