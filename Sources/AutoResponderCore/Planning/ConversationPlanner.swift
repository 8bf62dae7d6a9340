/// What a conversation still needs, given what this service already did in it.
public struct ConversationPlan: Hashable, Sendable {
    /// Client messages that still need an answer, oldest first (`created_at`, then id).
    public var pending: [ChatMessage]
    /// Every client message (echoes of our replies left out), oldest first.
    public var clientMessages: [ChatMessage]
    /// Messages recognised as echoes of replies this service sent.
    public var echoes: [MessageID]

    /// Creates a plan.
    public init(pending: [ChatMessage], clientMessages: [ChatMessage], echoes: [MessageID]) {
        self.pending = pending
        self.clientMessages = clientMessages
        self.echoes = echoes
    }

    /// Whether a reply is due.
    public var needsReply: Bool { !pending.isEmpty }
}

/// Decides which client messages still need an answer. Pure.
///
/// The chats API may list the replies this service sent among the conversation's messages, with ids
/// of their own: a message whose text equals (whitespace-normalized) a reply this service sent to the
/// conversation is an echo, never answered. A client message already answered (its id recorded with
/// a reply) is not answered again; a new one is.
public enum ConversationPlanner {
    /// Plans a conversation.
    /// - Parameters:
    ///   - conversation: the conversation as the chats API lists it now.
    ///   - answered: ids of the messages this service already answered (or handed off).
    ///   - sentReplies: texts of the replies this service sent to this conversation.
    public static func plan(
        _ conversation: Conversation, answered: Set<MessageID>, sentReplies: [String]
    ) -> ConversationPlan {
        let ours = Set(sentReplies.map(normalizeWhitespace).filter { !$0.isEmpty })
        let ordered = conversation.messages.sorted { lhs, rhs in
            lhs.createdAt != rhs.createdAt ? lhs.createdAt < rhs.createdAt : lhs.id < rhs.id
        }
        var clients: [ChatMessage] = []
        var echoes: [MessageID] = []
        var seen: Set<MessageID> = []
        for message in ordered where seen.insert(message.id).inserted {
            if ours.contains(normalizeWhitespace(message.text)) {
                echoes.append(message.id)
            } else {
                clients.append(message)
            }
        }
        let pending = clients.filter { !answered.contains($0.id) }
        return ConversationPlan(pending: pending, clientMessages: clients, echoes: echoes)
    }

    /// `text` with runs of whitespace (spaces, tabs, newlines) as one space, trimmed.
    public static func normalizeWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
