import Foundation

/// What the ledger and the conversation, read together, say about a conversation. See
/// ``ReplyReconciler/reconcile(_:replies:subjectOnly:echoClockTolerance:)``.
public struct Reconciliation: Sendable {
    /// What still needs an answer. Messages of ``unconfirmed`` replies are not in its `pending`.
    public var plan: ConversationPlan
    /// Replies that may have been posted without being recorded (expired claims, uncertain posts)
    /// whose own echo is in the conversation: they were posted. Record them as sent.
    public var confirmed: [RecordedReply]
    /// Uncertain posts whose echo is not (yet) in the conversation: the caller's policy decides
    /// (``AmbiguousSendPolicy``).
    public var unconfirmed: [RecordedReply]
    /// The echo of a reply recorded as sent was found: this chats API echoes replies.
    public var sawOwnEcho: Bool
    /// Which message is the echo of which reply group.
    public var echoOf: [MessageID: String]
}

/// Reads a conversation against the replies the ledger recorded for it, once per job. Pure.
///
/// **Echoes.** The chats API may list this service's replies among the messages, with ids of their
/// own. Every message whose text (whitespace-normalized) equals a reply this service claimed or sent
/// is an echo, never answered. To decide that a particular reply *was posted*, its echo must be its
/// own, not an equal text: a follow-up's correct reply may repeat an earlier reply word for word
/// (the hand-off text is constant; an unchanged tracking answer repeats). So each reply is matched
/// with at most one echo, each echo with at most one reply, replies in the order they were claimed:
/// an echo counts for a reply only if it comes after every client message that reply answers, was
/// written no earlier than the claim (minus `echoClockTolerance` for clocks that disagree), and was
/// not taken by an earlier reply.
///
/// **Subject only.** An active conversation with no client message still gets one reply, from its
/// subject: pass `subjectOnly`, a message that stands for it (recorded under its own id, so it is
/// answered once).
public enum ReplyReconciler {
    /// Reconciles `conversation` with `replies`.
    public static func reconcile(
        _ conversation: Conversation, replies: [RecordedReply], subjectOnly: ChatMessage? = nil,
        echoClockTolerance: Duration = .seconds(30)
    ) -> Reconciliation {
        var seen = Set<MessageID>()
        let ordered = conversation.messages.sorted { lhs, rhs in
            lhs.createdAt != rhs.createdAt ? lhs.createdAt < rhs.createdAt : lhs.id < rhs.id
        }.filter { seen.insert($0.id).inserted }
        let normalized = ordered.map { ConversationPlanner.normalizeWhitespace($0.text) }
        let ours = Set(replies.map { ConversationPlanner.normalizeWhitespace($0.text) }.filter { !$0.isEmpty })
        let echoOf = assignEchoes(ordered, normalized, replies, tolerance: echoClockTolerance)
        let echoedGroups = Set(echoOf.values)

        var answered = Set<MessageID>()
        var confirmed: [RecordedReply] = []
        var unconfirmed: [RecordedReply] = []
        var held = Set<MessageID>()
        for reply in replies {
            switch reply.state {
            case .sent, .handedOff:
                answered.formUnion(reply.answering)
            case .claimed, .uncertain:
                if reply.mayBeUnrecordedPost && echoedGroups.contains(reply.group) {
                    confirmed.append(reply)
                    answered.formUnion(reply.answering)
                } else if reply.state == .uncertain {
                    unconfirmed.append(reply)
                    held.formUnion(reply.answering)
                }
            }
        }
        var clients = zip(ordered, normalized).filter { !ours.contains($0.1) }.map(\.0)
        if clients.isEmpty, let subjectOnly { clients = [subjectOnly] }
        let pending = clients.filter { !answered.contains($0.id) && !held.contains($0.id) }
        let echoes = zip(ordered, normalized).filter { ours.contains($0.1) }.map(\.0.id)
        let sawOwnEcho = replies.contains { $0.state == .sent && echoedGroups.contains($0.group) }
        return Reconciliation(
            plan: ConversationPlan(pending: pending, clientMessages: clients, echoes: echoes),
            confirmed: confirmed, unconfirmed: unconfirmed, sawOwnEcho: sawOwnEcho, echoOf: echoOf)
    }

    /// Matches replies with their own echoes (see the type's documentation).
    private static func assignEchoes(
        _ ordered: [ChatMessage], _ normalized: [String], _ replies: [RecordedReply], tolerance: Duration
    ) -> [MessageID: String] {
        var position: [MessageID: Int] = [:]
        var candidates: [String: [Int]] = [:]
        for (index, message) in ordered.enumerated() {
            position[message.id] = index
            candidates[normalized[index], default: []].append(index)
        }
        let slack = Double(tolerance.components.seconds) + Double(tolerance.components.attoseconds) * 1e-18
        var taken = Set<Int>()
        var echoOf: [MessageID: String] = [:]
        let inClaimOrder = replies.sorted { lhs, rhs in
            lhs.claimedAt != rhs.claimedAt ? lhs.claimedAt < rhs.claimedAt : lhs.group < rhs.group
        }
        for reply in inClaimOrder {
            guard let indices = candidates[ConversationPlanner.normalizeWhitespace(reply.text)] else { continue }
            let after = reply.answering.compactMap { position[$0] }.max() ?? -1
            let earliest = reply.claimedAt.addingTimeInterval(-slack)
            if let match = indices.first(where: { index in
                index > after && !taken.contains(index) && ordered[index].createdAt >= earliest
            }) {
                taken.insert(match)
                echoOf[ordered[match].id] = reply.group
            }
        }
        return echoOf
    }
}
