import Logging

/// What a resolver is asked to answer: one conversation of one merchant, and the client messages
/// that still need an answer.
public struct ResolutionRequest: Sendable {
    /// The conversation.
    public var conversationID: ConversationID
    /// The merchant: every fact looked up must belong to it.
    public var merchantID: MerchantID
    /// The upstream subject label, as sent.
    public var subject: String
    /// The client messages this reply answers, oldest first.
    public var messages: [ChatMessage]
    /// The reply's language.
    public var language: Language
    /// Why this resolver was chosen.
    public var route: RouteDecision
    /// A logger with the conversation's metadata (`conversation.id`, `merchant.id`, `resolver`).
    public var logger: Logger

    /// Creates a request.
    public init(
        conversationID: ConversationID, merchantID: MerchantID, subject: String, messages: [ChatMessage],
        language: Language, route: RouteDecision, logger: Logger
    ) {
        self.conversationID = conversationID
        self.merchantID = merchantID
        self.subject = subject
        self.messages = messages
        self.language = language
        self.route = route
        self.logger = logger
    }

    /// The texts of ``messages``.
    public var texts: [String] { messages.map(\.text) }
}
