import AMQP
import AutoResponderCore
import Foundation
import Logging
import Resilience

/// What the dispatcher does with a pushed event (``SignedEventServer``): the conversation named in
/// `{"conversation_id": "754893"}` changed (a new conversation, a new client message), so a job is
/// published for it at once instead of at its next re-check. Polling goes on as a safety net, slowed
/// down while events flow (``Resilience/RecheckPolicy/whilePushed``).
struct EventIntake: Sendable {
    let store: DispatcherStore
    let publisher: AMQPPublisher
    let topology: JobTopology
    let policy: RecheckPolicy
    let signals: DispatcherSignals
    let logger: Logger

    /// Handles one authenticated body; returns the HTTP status to answer (the partner retries a 503).
    func handle(_ body: [UInt8]) async -> Int {
        struct Event: Decodable { let conversation_id: LenientString }
        guard let event = try? JSONDecoder().decode(Event.self, from: Data(body)),
            let id = try? ConversationID(event.conversation_id.value)
        else {
            logger.warning("refused an event that names no valid conversation")
            return 400
        }
        signals.eventPushed()
        do {
            let due = try await store.claimNow([id], policy: policy)
            let jobs = due.map { Job(conversationID: $0.conversationID.rawValue, reason: "event") }
            do {
                try await publisher.publish(try jobs.map { try topology.message(for: $0) })
            } catch {
                try? await store.release(due.map(\.conversationID))
                throw error
            }
            ServiceMetrics.jobsPublished(jobs.count, reason: "event")
            logger.debug("event: job published", metadata: ["conversation.id": "\(id)"])
            return 202
        } catch {
            logger.warning("could not act on an event; its conversation is re-checked later", metadata: ["error": "\(error)"])
            return 503
        }
    }
}
