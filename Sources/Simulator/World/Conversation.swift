/// A conversation as the chats API's `POST /conversation_info` serves it, plus an annotation
/// (``truth``) that the API never serves: what the client really asked, for tests.
public struct Conversation: Sendable, Hashable, Codable {
    /// A string of digits (served as a number by `POST /conversations`).
    public var conversationId: String
    /// The merchant who wrote (not always in the business database).
    public var merchantId: String
    /// The upstream classifier's label: one of the five known ones, another phrasing, empty, or wrong.
    public var subject: String
    /// The client's messages, oldest first.
    public var messages: [Message]
    /// Annotation, not served: the conversation's true intent and language.
    public var truth: ConversationTruth?

    /// A conversation.
    public init(
        conversationId: String, merchantId: String, subject: String, messages: [Message],
        truth: ConversationTruth? = nil
    ) {
        self.conversationId = conversationId
        self.merchantId = merchantId
        self.subject = subject
        self.messages = messages
        self.truth = truth
    }

    enum CodingKeys: String, CodingKey {
        case conversationId = "conversation_id", merchantId = "merchant_id", subject, messages, truth
    }
}

/// One message of a conversation, in the chats API's shape.
public struct Message: Sendable, Hashable, Codable {
    /// `<conversation id>-<n>`.
    public var messageId: String
    /// What was written.
    public var text: String
    /// Unix seconds as a string.
    public var createdAt: String

    /// A message.
    public init(messageId: String, text: String, createdAt: String) {
        self.messageId = messageId
        self.text = text
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case messageId = "message_id", text, createdAt = "created_at"
    }
}

/// What a conversation is really about: written by the generator, never served by the API.
public struct ConversationTruth: Sendable, Hashable, Codable {
    /// The kind of problem.
    public enum Intent: String, Sendable, Hashable, Codable, CaseIterable {
        /// A delivery: where, when, late (tracking + zip code).
        case logistics
        /// The machine's chip / connection (chip status).
        case telecom
        /// The transfer of the previous day's sales (receipt + transactions).
        case receipt
        /// Anything else: a person must follow up.
        case unknown
    }

    /// How the classifier's subject relates to the truth.
    public enum SubjectKind: String, Sendable, Hashable, Codable, CaseIterable {
        /// One of the five real labels, the right one.
        case label
        /// Another phrasing of the right label (other words, case, Portuguese).
        case phrasing
        /// Empty.
        case empty
        /// A real label of another problem.
        case wrong
        /// A label nobody listed (`other`, `general inquiry`, ...).
        case unlisted
    }

    /// The true intent.
    public var intent: Intent
    /// Finer topic: `late delivery`, `delivery forecast`, `check delivery address`, `connection problem`,
    /// `bank account receipt problem`, or a short description of an unknown request.
    public var topic: String
    /// `en` or `pt-BR`.
    public var language: String
    /// How the subject relates to the truth.
    public var subjectKind: SubjectKind
    /// The message the client writes after the first reply when the simulator's follow-up knob picks
    /// this conversation.
    public var followUp: String
    /// Anything a test should know (e.g. the client quotes an id of another merchant).
    public var note: String?

    /// A truth annotation.
    public init(
        intent: Intent, topic: String, language: String, subjectKind: SubjectKind, followUp: String,
        note: String? = nil
    ) {
        self.intent = intent
        self.topic = topic
        self.language = language
        self.subjectKind = subjectKind
        self.followUp = followUp
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case intent, topic, language, subjectKind = "subject_kind", followUp = "follow_up", note
    }
}
