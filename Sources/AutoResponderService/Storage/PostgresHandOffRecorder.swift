import AutoResponderCore
import PostgreSQL

/// Hand-offs recorded for a person in `responder.handoffs`, one row per client message (idempotent).
struct PostgresHandOffRecorder: HandOffRecorder {
    let database: PostgresClient

    func record(_ handOff: HandOff) async throws {
        try await database.withTransaction { connection in
            for messageID in handOff.messageIDs {
                try connection.query(
                    """
                    INSERT INTO responder.handoffs (conversation_id, message_id, merchant_id, subject, reason, detail)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (conversation_id, message_id) DO NOTHING
                    """,
                    [
                        handOff.conversationID.rawValue, messageID.rawValue, handOff.merchantID?.rawValue,
                        handOff.subject, handOff.reason.rawValue, handOff.detail,
                    ])
            }
        }
    }
}
