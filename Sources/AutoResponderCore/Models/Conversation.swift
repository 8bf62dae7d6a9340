/// A conversation of the chats API, validated: typed ids, parsed dates.
public struct Conversation: Hashable, Sendable {
    /// The conversation.
    public var id: ConversationID
    /// Whose conversation it is: every fact in the reply must belong to this merchant.
    /// `nil` when upstream sent no valid merchant id (the conversation can then only be handed off).
    public var merchantID: MerchantID?
    /// The upstream classifier's label, as sent (may be empty, unknown or wrong).
    public var subject: String
    /// The messages, in the order upstream listed them.
    public var messages: [ChatMessage]

    /// Creates a conversation from validated parts.
    public init(id: ConversationID, merchantID: MerchantID?, subject: String, messages: [ChatMessage]) {
        self.id = id
        self.merchantID = merchantID
        self.subject = subject
        self.messages = messages
    }
}
