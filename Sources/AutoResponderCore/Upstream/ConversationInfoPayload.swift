import Foundation

/// The body of the chats API's `POST /conversation_info`, decoded leniently (ids as strings or
/// numbers, missing optional fields tolerated) and then validated into a ``Conversation``.
public struct ConversationInfoPayload: Decodable, Sendable {
    /// A message as upstream sent it.
    public struct Message: Decodable, Sendable {
        let messageID: LenientString?
        let text: String?
        let createdAt: LenientString?

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case text
            case createdAt = "created_at"
        }
    }

    let conversationID: LenientString?
    let merchantID: LenientString?
    let subject: String?
    let messages: [Message]?

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id"
        case merchantID = "merchant_id"
        case subject
        case messages
    }

    /// Decodes a response body.
    /// - Throws: ``UpstreamError`` (`invalidResponse`) if the body is not a JSON object of this shape.
    public static func decode(_ body: Data) throws(UpstreamError) -> ConversationInfoPayload {
        do {
            return try JSONDecoder().decode(ConversationInfoPayload.self, from: body)
        } catch {
            throw UpstreamError(
                code: .invalidResponse, upstream: "chats /conversation_info",
                message: "the body is not a conversation object (\(error))")
        }
    }

    /// A message that could not be used, and why.
    public struct RejectedMessage: Sendable, CustomStringConvertible {
        /// Its position in the upstream list.
        public let index: Int
        /// Why it was rejected.
        public let error: IdentifierError
        /// Says which message was rejected and why.
        public var description: String { "message #\(index): \(error)" }
    }

    /// The validated conversation, and the messages that had to be left out.
    public struct Validated: Sendable {
        /// The conversation. `merchantID` is `nil` when upstream's was missing or invalid.
        public let conversation: Conversation
        /// Messages with a missing or invalid id or `created_at` (they cannot be tracked or ordered).
        public let rejectedMessages: [RejectedMessage]
        /// Why the merchant id was unusable, if it was.
        public let merchantIDError: IdentifierError?
    }

    /// Validates the payload.
    /// - Parameter expectedID: the conversation that was asked for; an answer about another one is
    ///   rejected.
    /// - Throws: ``UpstreamError`` (`invalidResponse`) if the conversation id is missing or invalid,
    ///   (`mismatchedData`) if it is not `expectedID`.
    public func validated(expectedID: ConversationID? = nil) throws(UpstreamError) -> Validated {
        let upstream = "chats /conversation_info"
        let id: ConversationID
        do {
            id = try ConversationID(conversationID?.value ?? "")
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "\(error)")
        }
        if let expectedID, expectedID != id {
            throw UpstreamError(
                code: .mismatchedData, upstream: upstream,
                message: "asked for conversation \(expectedID), got \(id)")
        }
        var merchant: MerchantID?
        var merchantError: IdentifierError?
        do {
            merchant = try MerchantID(merchantID?.value ?? "")
        } catch {
            merchantError = error
        }
        var messages: [ChatMessage] = []
        var rejected: [RejectedMessage] = []
        for (index, raw) in (self.messages ?? []).enumerated() {
            do {
                let messageID = try MessageID(raw.messageID?.value ?? "")
                let date = try ChatMessage.parseCreatedAt(raw.createdAt?.value ?? "")
                messages.append(ChatMessage(id: messageID, text: raw.text ?? "", createdAt: date))
            } catch {
                rejected.append(RejectedMessage(index: index, error: error))
            }
        }
        let conversation = Conversation(
            id: id, merchantID: merchant, subject: subject ?? "", messages: messages)
        return Validated(conversation: conversation, rejectedMessages: rejected, merchantIDError: merchantError)
    }
}
