/// The reply the worker should send for a conversation, and what to record.
///
/// A reply may answer several topics (``RouteDecision/resolvers``): ``parts`` holds each resolver's
/// resolution, in the order of the sections of ``text``; ``resolution`` is the primary resolver's.
public struct PlannedReply: Hashable, Sendable {
    /// What one resolver decided for its section of the reply.
    public struct Part: Hashable, Sendable {
        /// The resolver's name.
        public var resolver: String
        /// What it decided.
        public var resolution: Resolution

        /// Creates a part.
        public init(resolver: String, resolution: Resolution) {
            self.resolver = resolver
            self.resolution = resolution
        }
    }

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
    /// What the (primary) resolver decided.
    public var resolution: Resolution
    /// Every resolver's resolution, in the order of the reply's sections (one for most replies).
    public var parts: [Part]
    /// The hand-off to record with ``HandOffRecorder``, when the conversation (or a part of what the
    /// client asked) goes to a person.
    public var handOff: HandOff?

    /// Creates a planned reply.
    public init(
        conversationID: ConversationID, answering: [MessageID], text: String, language: Language,
        route: RouteDecision, resolution: Resolution, handOff: HandOff?, parts: [Part]? = nil
    ) {
        self.conversationID = conversationID
        self.answering = answering
        self.text = text
        self.language = language
        self.route = route
        self.resolution = resolution
        self.parts = parts ?? [Part(resolver: route.resolver, resolution: resolution)]
        self.handOff = handOff
    }

    /// The names of the resolvers whose answers the reply holds, joined by `+` (`telecom+receipt`;
    /// `clarify` for a clarifying question): what a record of the reply should store.
    public var resolverName: String { route.combinedName }
}
