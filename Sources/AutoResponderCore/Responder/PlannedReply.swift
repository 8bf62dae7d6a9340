/// The reply the worker should send for a conversation, and what to record.
public struct PlannedReply: Hashable, Sendable {
    /// The conversation.
    public var conversationID: ConversationID
    /// The client messages this reply answers (record them as answered with the reply).
    public var answering: [MessageID]
    /// The text to post with `/send_message`.
    public var text: String
    /// The reply's language.
    public var language: Language
    /// Why the resolver was chosen.
    public var route: RouteDecision
    /// What the resolver decided.
    public var resolution: Resolution
    /// The hand-off to record with ``HandOffRecorder``, when the conversation goes to a person.
    public var handOff: HandOff?

    /// Creates a planned reply.
    public init(
        conversationID: ConversationID, answering: [MessageID], text: String, language: Language,
        route: RouteDecision, resolution: Resolution, handOff: HandOff?
    ) {
        self.conversationID = conversationID
        self.answering = answering
        self.text = text
        self.language = language
        self.route = route
        self.resolution = resolution
        self.handOff = handOff
    }
}
