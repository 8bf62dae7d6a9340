import AutoResponderCore
import Foundation
import Logging
import Resilience

/// Does one job: reads the conversation, decides what is unanswered, asks the domain for the reply,
/// claims the messages in the reply ledger, posts the reply, and records it. No AMQP here: the worker
/// turns the ``JobOutcome`` into an ack, a retry or a dead letter.
struct JobProcessor: Sendable {
    let chats: ChatsAPI
    let ledger: ReplyLedger
    let responder: ConversationResponder
    let handOffs: any HandOffRecorder
    let maxAttempts: Int
    /// How long to keep trying to record a reply that the chats API accepted.
    let markSentPatience: Duration

    /// Processes `job` (whose `attempt` counts earlier tries) and says what became of it.
    func process(_ job: Job, logger: Logger) async -> JobOutcome {
        var logger = logger
        guard let id = try? ConversationID(job.conversationID) else {
            return .dropped("invalid conversation id \(job.conversationID.debugDescription.prefix(80))")
        }
        let isLastAttempt = job.attempt + 1 >= maxAttempts

        // 1. The conversation as the chats API has it now.
        let validated: ConversationInfoPayload.Validated
        do {
            guard let found = try await chats.conversation(id) else {
                return .dropped("the chats API does not know conversation \(id)")
            }
            validated = found
        } catch {
            return failure(error, doing: "reading the conversation", isLastAttempt: isLastAttempt)
        }
        var conversation = validated.conversation
        for rejected in validated.rejectedMessages {
            logger.warning("ignoring a message the chats API sent malformed", metadata: ["error": "\(rejected)"])
        }
        if let merchant = conversation.merchantID { logger[metadataKey: "merchant.id"] = "\(merchant)" }

        // 2. What is still unanswered, from the ledger (echoes of our own replies are not the client's).
        var plan: ConversationPlan
        do {
            plan = try await self.plan(conversation, logger: logger)
            if plan.clientMessages.isEmpty {
                // An active conversation with no (usable) client message still gets one reply, from its
                // subject: it is recorded under a message id of its own, so it is given once.
                conversation.messages.append(ChatMessage(id: Self.subjectOnlyMessageID, text: "", createdAt: Date()))
                plan = try await self.plan(conversation, logger: logger)
            }
        } catch {
            return failure(error, doing: "reading the reply ledger", isLastAttempt: isLastAttempt)
        }
        guard plan.needsReply else { return .nothingToDo }
        logger.debug("messages to answer", metadata: ["messages": "\(plan.pending.map(\.id.rawValue))"])
        let waitingSince = plan.pending.lazy.filter { $0.id != Self.subjectOnlyMessageID }.map(\.createdAt).min()

        // 3. The reply (or, after the last failed attempt, a hand-off).
        var reply: PlannedReply
        do {
            guard let answer = try await responder.respond(to: conversation, plan: plan, logger: logger) else {
                return .nothingToDo
            }
            reply = answer
        } catch let error as UpstreamError where error.isRetryable && !isLastAttempt {
            await markWaiting(conversation.id, since: waitingSince, logger: logger)
            return .retry(error.description)
        } catch {
            logger.warning("handing off after a failure", metadata: ["error": "\(error)"])
            do {
                reply = try responder.handOffReply(
                    to: conversation, plan: plan, reason: .upstreamFailure, detail: "\(error)")
            } catch {
                return .failed("no hand-off reply could be rendered: \(error)")
            }
        }
        logger[metadataKey: "resolver"] = "\(reply.route.resolver)"
        let outcome = await deliver(
            reply, pending: plan.pending, waitingSince: waitingSince, job: job, isLastAttempt: isLastAttempt,
            logger: logger)
        if case .retry = outcome { await markWaiting(conversation.id, since: waitingSince, logger: logger) }
        return outcome
    }

    /// Records that the conversation waits for a reply (best effort: only `autoresponderctl status`
    /// reads it).
    private func markWaiting(_ conversation: ConversationID, since: Date?, logger: Logger) async {
        guard let since else { return }
        do {
            try await ledger.markWaiting(conversation, since: since)
        } catch {
            logger.debug("could not record that the conversation waits", metadata: ["error": "\(error)"])
        }
    }

    /// The ledger's message id of the reply to a conversation that has no client message.
    static let subjectOnlyMessageID = try! MessageID("subject-only")

    /// The plan, after reconciling expired claims whose reply the chats API shows (they were posted by a
    /// worker that died before recording it).
    private func plan(_ conversation: Conversation, logger: Logger) async throws -> ConversationPlan {
        let entries = try await ledger.entries(for: conversation.id)
        let shown = Set(conversation.messages.map { ConversationPlanner.normalizeWhitespace($0.text) })
        var answered = Set<MessageID>()
        var reconciled = Set<String>()
        for entry in entries {
            if entry.status == .sent {
                answered.insert(entry.messageID)
            } else if !entry.claimLive, shown.contains(ConversationPlanner.normalizeWhitespace(entry.replyText)) {
                if reconciled.insert(entry.group).inserted {
                    try await ledger.markEchoedSent(conversation: conversation.id, group: entry.group)
                    logger.notice(
                        "a reply claimed by a worker that stopped was posted: recorded it as sent",
                        metadata: ["reply.group": "\(entry.group)"])
                }
                answered.insert(entry.messageID)
            }
        }
        return ConversationPlanner.plan(conversation, answered: answered, sentReplies: entries.map(\.replyText))
    }

    /// Claims, records a hand-off, posts, and marks the reply sent.
    private func deliver(
        _ reply: PlannedReply, pending: [ChatMessage], waitingSince: Date?, job: Job, isLastAttempt: Bool,
        logger: Logger
    ) async -> JobOutcome {
        let claim = ReplyLedger.Claim(
            conversationID: reply.conversationID, messageIDs: reply.answering, group: UUID().uuidString.lowercased(),
            text: reply.text, resolver: reply.route.resolver, language: "\(reply.language)", waitingSince: waitingSince)
        do {
            switch try await ledger.claim(claim, jobID: job.jobID) {
            case .claimed: break
            case .alreadySent: return .nothingToDo
            case .heldByAnother: return .deferred("another worker is answering these messages")
            }
        } catch {
            return failure(error, doing: "claiming the messages", isLastAttempt: isLastAttempt)
        }
        if let handOff = reply.handOff {
            do {
                try await handOffs.record(handOff)
            } catch {
                try? await ledger.release(claim)
                return failure(error, doing: "recording the hand-off", isLastAttempt: isLastAttempt)
            }
        }
        do {
            try await chats.send(reply.text, to: reply.conversationID)
        } catch {
            try? await ledger.release(claim)
            return failure(error, doing: "posting the reply", isLastAttempt: isLastAttempt)
        }
        await markSent(claim, logger: logger)
        Self.recordReplyMetrics(reply, pending: pending)
        logger.info(
            "replied",
            metadata: [
                "reply.group": "\(claim.group)", "route": "\(Self.briefRoute(reply.route))",
                "language": "\(reply.language)",
            ])
        return .replied(resolver: reply.route.resolver, handedOff: reply.handOff != nil)
    }

    /// `receipt by keywords, label overridden`: the route and its reason, without the keyword lists.
    static func briefRoute(_ route: RouteDecision) -> String {
        "\(route.resolver) by \(route.reason.rawValue)" + (route.overridesLabel ? ", label overridden" : "")
    }

    /// Replies sent, and how long each answered client message waited for its reply.
    private static func recordReplyMetrics(_ reply: PlannedReply, pending: [ChatMessage]) {
        let resolver = reply.route.resolver
        ServiceMetrics.replySent(resolver: resolver, language: "\(reply.language)")
        let answered = Set(reply.answering)
        let now = Date()
        for message in pending where answered.contains(message.id) && message.id != subjectOnlyMessageID {
            ServiceMetrics.replyLatency(.seconds(now.timeIntervalSince(message.createdAt)), resolver: resolver)
        }
    }

    /// Records the posted reply, retrying through short database outages: giving up would leave the
    /// claim to expire and the reply to be posted again.
    private func markSent(_ claim: ReplyLedger.Claim, logger: Logger) async {
        let clock = ContinuousClock()
        let deadline = clock.now + markSentPatience
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2), jitter: .none)
        while true {
            let delay = backoff.next()
            do {
                try await ledger.markSent(claim)
                return
            } catch {
                guard clock.now + delay < deadline else {
                    logger.error(
                        "the reply was posted but could not be recorded; it stays claimed until the claim expires",
                        metadata: ["reply.group": "\(claim.group)", "error": "\(error)"])
                    return
                }
                logger.warning("recording a posted reply failed; trying again", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func failure(_ error: any Error, doing what: String, isLastAttempt: Bool) -> JobOutcome {
        let retryable = (error as? UpstreamError)?.isRetryable ?? true
        let message = "\(what): \(error)"
        return retryable && !isLastAttempt ? .retry(message) : .failed(message)
    }
}
