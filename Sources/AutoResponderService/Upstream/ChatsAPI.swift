import AutoResponderCore
import Foundation
import Logging

/// The chats API as the worker uses it (``ChatsAPI``; fakes in tests).
protocol ChatsClient: Sendable {
    /// One conversation, validated; `nil` if the chats API does not know it.
    func conversation(_ id: ConversationID) async throws(UpstreamError) -> ConversationInfoPayload.Validated?
    /// Posts a reply. Not idempotent. A failure with ``UpstreamError/hadNoEffect`` proves nothing was
    /// posted; any other failure leaves the outcome unknown.
    func send(_ text: String, to id: ConversationID) async throws(UpstreamError)
}

/// The chats API (`CHATS_API_URL`): the active list, a conversation, and posting a reply.
public struct ChatsAPI: ChatsClient {
    let api: UpstreamAPI

    /// The conversations active right now, as validated ids. Ids that are not valid are logged and
    /// left out (they could not be answered anyway).
    func activeConversations(logger: Logger) async throws(UpstreamError) -> [ConversationID] {
        guard let body = try await api.post("/conversations", body: nil) else { return [] }
        struct List: Decodable { let conversation_ids: [LenientString] }
        let list: List
        do {
            list = try JSONDecoder().decode(List.self, from: body)
        } catch {
            throw UpstreamError(
                code: .invalidResponse, upstream: "chats /conversations",
                message: "the body is not {\"conversation_ids\": [...]} (\(error))")
        }
        var ids: [ConversationID] = []
        var seen = Set<ConversationID>()
        for raw in list.conversation_ids {
            do {
                let id = try ConversationID(raw.value)
                if seen.insert(id).inserted { ids.append(id) }
            } catch {
                logger.warning("ignoring an invalid conversation id from the chats API", metadata: ["error": "\(error)"])
            }
        }
        return ids
    }

    /// One conversation, validated; `nil` if the chats API does not know it (404).
    func conversation(_ id: ConversationID) async throws(UpstreamError) -> ConversationInfoPayload.Validated? {
        guard let body = try await api.post("/conversation_info", body: ["conversation_id": id.rawValue], notFoundIsNil: true)
        else { return nil }
        return try ConversationInfoPayload.decode(body).validated(expectedID: id)
    }

    /// Posts a reply. Not idempotent: a second call posts a second message.
    func send(_ text: String, to id: ConversationID) async throws(UpstreamError) {
        // Not idempotent: on a new connection, so that libcurl never re-sends it by itself.
        _ = try await api.post(
            "/send_message", body: ["conversation_id": id.rawValue, "message": text], idempotent: false)
    }
}
