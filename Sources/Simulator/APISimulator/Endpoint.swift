/// The six upstream endpoints of docs/contract.md, all `POST` with a JSON body.
public enum Endpoint: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Chats API: the conversations active right now.
    case conversations
    /// Chats API: one conversation with its messages.
    case conversationInfo = "conversation_info"
    /// Chats API: posts a reply.
    case sendMessage = "send_message"
    /// Logistics API: a sale's delivery.
    case tracking
    /// Logistics API: an address by zip code.
    case zipCode = "zip_code"
    /// Telecom API: a chip's status.
    case chipStatus = "chip_status"

    /// The URL path, e.g. `/conversation_info`.
    public var path: String { "/" + rawValue }

    /// The raw value, e.g. `conversation_info`.
    public var description: String { rawValue }
}
