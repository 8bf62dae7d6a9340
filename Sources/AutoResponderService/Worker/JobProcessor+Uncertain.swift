import AutoResponderCore
import Foundation
import Logging

extension JobProcessor {
    /// What to do about uncertain posts with no echo.
    enum UncertainDecision: Sendable {
        /// Go on; `again` are messages to answer again (their groups may be taken over).
        case proceed(again: [ChatMessage], groups: Set<String>)
        /// Too early to tell: look again later.
        case wait(String)
        /// The ledger or the hand-off record failed.
        case failed(any Error)
    }

    /// Applies ``AmbiguousSendPolicy`` to each uncertain post with no echo: post again, wait, or hand
    /// the messages to a person (recorded; nothing posted, so nothing can be posted twice).
    func decideUncertain(
        _ uncertain: [RecordedReply], conversation: Conversation, logger: Logger
    ) async -> UncertainDecision {
        guard !uncertain.isEmpty else { return .proceed(again: [], groups: []) }
        let echoes: Bool
        do {
            echoes = try await ledger.echoEvidence() != nil
        } catch {
            return .failed(error)
        }
        let now = Date()
        var again: [ChatMessage] = []
        var groups = Set<String>()
        var waitUntil: Date?
        for reply in uncertain {
            switch ambiguousSend.decide(reply, chatsAPIEchoes: echoes, now: now) {
            case .postAgain:
                logger.notice(
                    "a post of unknown outcome has no echo after the settle time: posting it again",
                    metadata: ["reply.group": "\(reply.group)"])
                groups.insert(reply.group)
                let ids = Set(reply.answering)
                again += conversation.messages.filter { ids.contains($0.id) }
                if ids.contains(Self.subjectOnlyMessageID) {
                    again.append(ChatMessage(id: Self.subjectOnlyMessageID, text: "", createdAt: now))
                }
            case .waitUntil(let date):
                waitUntil = min(waitUntil ?? date, date)
            case .handOff:
                do {
                    try await handOffs.record(
                        HandOff(
                            conversationID: conversation.id, merchantID: conversation.merchantID,
                            subject: conversation.subject, reason: .sendOutcomeUnknown,
                            detail: echoes
                                ? "the chats API gave no answer to a reply; AMBIGUOUS_SEND=handoff"
                                : "the chats API gave no answer to a reply and is not known to echo replies",
                            messageIDs: reply.answering))
                    try await ledger.handOver(conversation.id, group: reply.group)
                    ServiceMetrics.ambiguousSendHandedOff()
                    logger.warning(
                        "a post's outcome is unknown and posting again could duplicate it: handed to a person",
                        metadata: ["reply.group": "\(reply.group)", "reason": "send_outcome_unknown"])
                } catch {
                    return .failed(error)
                }
            }
        }
        if let waitUntil {
            return .wait("a post's outcome is unknown; looking for its echo again after \(waitUntil)")
        }
        return .proceed(again: again, groups: groups)
    }
}
