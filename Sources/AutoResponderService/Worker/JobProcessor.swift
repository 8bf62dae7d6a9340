import AutoResponderCore
import Foundation
import Logging
import Resilience

/// Does one job: reads the conversation, reconciles it with the reply ledger (echoes, unknown post
/// outcomes), asks the domain for the reply, claims the messages, posts the reply and records it.
/// No AMQP here: the worker turns the ``JobOutcome`` into an ack, a retry or a dead letter.
///
/// Failures are counted per conversation (for its latest client message) in the ledger: after
/// `maxAttempts` the conversation is parked (``JobProcessor/park(_:reason:attempts:logger:)``).
struct JobProcessor: Sendable {
    let chats: any ChatsClient
    let ledger: any ReplyLedger
    let responder: ConversationResponder
    let handOffs: any HandOffRecorder
    /// When failed jobs are tried again, and when the conversation is parked instead.
    let retryPolicy: RetryPolicy
    /// The database's circuit breaker: while it is open, jobs are deferred without touching it.
    let databaseGuard: UpstreamGuard
    /// How long to keep trying to record a reply that the chats API accepted.
    let markSentPatience: Duration
    /// What to do with a post whose outcome is unknown (`AMBIGUOUS_SEND`, `SEND_SETTLE_MS`).
    let ambiguousSend: AmbiguousSendPolicy
    /// How often a parked conversation is looked at for a new client message.
    let parkedRecheck: Duration
    /// Remembers, per process, that the echo fact is recorded (one write, not one per job).
    let echoFact = EchoFactCache()

    /// The ledger's message id of the reply to a conversation that has no client message.
    static let subjectOnlyMessageID = try! MessageID("subject-only")

    /// Processes `job` and says what became of it.
    func process(_ job: Job, logger: Logger) async -> JobOutcome {
        var logger = logger
        guard let id = try? ConversationID(job.conversationID) else {
            return .dropped("invalid conversation id \(job.conversationID.debugDescription.prefix(80))")
        }
        var work = Work(id: id)

        // 0. A re-check carries the conversation as a worker last saw it with nothing to do: the same
        //    messages mean nothing new, with no database work at all.
        if let expected = job.fingerprint, let found = try? await chats.conversation(id) {
            if Self.fingerprint(of: found.conversation) == expected { return .nothingToDo }
            work.conversation = found.conversation
        }

        // 1. The ledger: what this service did in the conversation, its failures, whether it is parked.
        //    While the database's breaker is open, the job waits in a delay queue without touching it.
        let databaseProbe: Bool
        do {
            databaseProbe = try await databaseGuard.admit()
        } catch {
            return .deferred("\(error)", after: max(retryPolicy.levels[0], error.retryAfter ?? .zero))
        }
        do {
            work.state = try await ledger.state(of: id)
            databaseGuard.record(success: true, probe: databaseProbe)
        } catch {
            databaseGuard.record(success: !Self.isDatabaseOutage(error), probe: databaseProbe)
            return await failed(error, doing: "reading the reply ledger", work, logger: logger)
        }

        // 2. The conversation as the chats API has it now (unless step 0 read it), read against the ledger.
        if work.conversation == nil {
            do {
                guard let found = try await chats.conversation(id) else {
                    return .dropped("the chats API does not know conversation \(id)")
                }
                for rejected in found.rejectedMessages {
                    logger.warning("ignoring a message the chats API sent malformed", metadata: ["error": "\(rejected)"])
                }
                work.conversation = found.conversation
            } catch {
                return await failed(error, doing: "reading the conversation", work, logger: logger)
            }
        }
        let conversation = work.conversation!
        if let merchant = conversation.merchantID { logger[metadataKey: "merchant.id"] = "\(merchant)" }

        let subjectOnly = ChatMessage(id: Self.subjectOnlyMessageID, text: "", createdAt: Date())
        let reconciliation = ReplyReconciler.reconcile(conversation, replies: work.state.replies, subjectOnly: subjectOnly)
        var plan = reconciliation.plan
        work.plan = plan
        work.latestKey = plan.clientMessages.last?.id.rawValue
        if let outcome = await settle(reconciliation, &work, logger: logger) { return outcome }

        // 3. Posts whose outcome is unknown, without an echo: the policy decides.
        switch await decideUncertain(reconciliation.unconfirmed, conversation: conversation, logger: logger) {
        case .wait(let why): return .deferred(why, after: retryPolicy.levels[0])
        case .failed(let error): return await failed(error, doing: "handling a post of unknown outcome", work, logger: logger)
        case .proceed(let again, let groups):
            plan.pending = (plan.pending + again).sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }
            work.plan = plan
            work.takingOver = groups
        }
        // 4. A parked conversation is looked at only for a new client message (then it is answered
        //    again), or to give the hand-off reply it could not be given when it was parked.
        if let parkedAt = work.state.parkedAt {
            guard Self.hasNewClientMessage(plan, failingKey: work.state.failingKey, parkedAt: parkedAt) else {
                guard plan.needsReply, let reply = try? responder.handOffReply(
                    to: conversation, plan: plan, reason: .repeatedFailure, detail: "parked; the hand-off reply was due")
                else { return .nothingToDo }
                var parkedWork = work
                parkedWork.state.isFailing = false  // the failure record stays: it says what the park is about
                return await deliver(reply, parkedWork, jobID: job.jobID, countingFailures: false, logger: logger)
            }
            do {
                try await ledger.unpark(id)
                logger.notice("a parked conversation has a new client message: answering it again")
            } catch {
                return await failed(error, doing: "taking the conversation out of the park", work, logger: logger)
            }
            work.state.failedAttempts = 0
            work.state.parkedAt = nil
        }

        guard plan.needsReply else {
            if work.state.isFailing { try? await ledger.clearFailures(id) }
            let fingerprint = Self.fingerprint(of: conversation)
            if fingerprint != job.fingerprint { try? await ledger.recordFingerprint(id, fingerprint) }
            return .nothingToDo
        }
        logger.debug("messages to answer", metadata: ["messages": "\(plan.pending.map(\.id.rawValue))"])

        // 5. The reply: facts, or a hand-off when an upstream refuses for good.
        let reply: PlannedReply
        do {
            guard let answer = try await responder.respond(to: conversation, plan: plan, logger: logger) else {
                return .nothingToDo
            }
            reply = answer
        } catch let error as UpstreamError where error.isRetryable {
            return await failed(error, doing: "looking up the facts", work, logger: logger)
        } catch {
            logger.warning("handing off after a failure that retrying cannot mend", metadata: ["error": "\(error)"])
            do {
                reply = try responder.handOffReply(to: conversation, plan: plan, reason: .upstreamFailure, detail: "\(error)")
            } catch {
                return await failed(error, doing: "rendering the hand-off reply", work, logger: logger)
            }
        }
        logger[metadataKey: "resolver"] = "\(reply.route.resolver)"
        return await deliver(reply, work, jobID: job.jobID, logger: logger)
    }
}

extension JobProcessor {
    /// The conversation's messages in a word: how many, and the newest (`3:754893-2`). Equal
    /// fingerprints mean nothing was written in between.
    static func fingerprint(of conversation: Conversation) -> String {
        let newest = conversation.messages.max { lhs, rhs in
            lhs.createdAt != rhs.createdAt ? lhs.createdAt < rhs.createdAt : lhs.id < rhs.id
        }
        return "\(conversation.messages.count):\(newest?.id.rawValue ?? "")"
    }

    /// Whether a parked conversation has a client message that came after it was parked: one after
    /// the message its failures were about (`failingKey`), or, when that message is not among the
    /// client messages (the conversation could not be read, or had none), one written after `parkedAt`.
    static func hasNewClientMessage(_ plan: ConversationPlan, failingKey: String?, parkedAt: Date) -> Bool {
        if let keyIndex = plan.clientMessages.firstIndex(where: { $0.id.rawValue == failingKey }) {
            return plan.pending.contains { pending in (plan.clientMessages.firstIndex(of: pending) ?? 0) > keyIndex }
        }
        return plan.pending.contains { $0.id != subjectOnlyMessageID && $0.createdAt > parkedAt }
    }
}

/// What one job learnt so far (for its failure and parking paths).
struct Work: Sendable {
    let id: ConversationID
    var conversation: Conversation?
    var state = LedgerState()
    var plan: ConversationPlan?
    /// The latest client message's id: failures are counted for it.
    var latestKey: String?
    /// Uncertain reply groups the policy decided to post again.
    var takingOver: Set<String> = []
}
