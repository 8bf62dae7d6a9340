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
        return try Self.conversationIDs(in: body, logger: logger)
    }

    /// The ids of a `/conversations` body, validated, each once, in order. The contract gives them as
    /// JSON numbers: they are decoded as integers first (the dispatcher reads the whole list every
    /// poll, and the lenient decoding costs a thrown error per number); strings and numbers beyond
    /// 64 bits go through ``LenientString``. Invalid ids are logged and left out.
    static func conversationIDs(in body: Data, logger: Logger) throws(UpstreamError) -> [ConversationID] {
        struct Integers: Decodable { let conversation_ids: [Int64] }
        struct List: Decodable { let conversation_ids: [LenientString] }
        let raw: [String]
        let decoder = JSONDecoder()
        if let integers = try? decoder.decode(Integers.self, from: body) {
            raw = integers.conversation_ids.map { String($0) }
        } else {
            do {
                raw = try decoder.decode(List.self, from: body).conversation_ids.map(\.value)
            } catch {
                throw UpstreamError(
                    code: .invalidResponse, upstream: "chats /conversations",
                    message: "the body is not {\"conversation_ids\": [...]} (\(error))")
            }
        }
        var ids: [ConversationID] = []
        var seen = Set<ConversationID>()
        for value in raw {
            do {
                let id = try ConversationID(value)
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
