/// The nine upstream endpoints of docs/contract.md, all `POST` with a JSON body.
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
    /// Maintenance API: a machine's warranty.
    case warranty
    /// Maintenance API: a machine's open service orders.
    case openServiceOrders = "open_service_orders"
    /// Maintenance API: opens a service order (idempotent by its key).
    case serviceOrders = "service_orders"

    /// The URL path, e.g. `/conversation_info`.
    public var path: String { "/" + rawValue }

    /// The raw value, e.g. `conversation_info`.
    public var description: String { rawValue }
}
