import Foundation
import Synchronization
import World

extension Simulator {
    /// The `/send_message` calls recorded, oldest first: those after sequence `since`, of one
    /// conversation if given.
    public func sentMessages(since: Int = 0, conversationId: String? = nil) -> [SentMessage] {
        state.withLock { state in
            state.sent.dropFirst(max(0, since)).filter { conversationId == nil || $0.conversationId == conversationId }
        }
    }

    /// Counters and the state of the active list, brought up to now.
    public func stats() -> SimulatorStats {
        let now = clock.now()
        return state.withLock { state in
            advance(&state, to: now)
            var endpoints: [String: EndpointCounters] = [:]
            for endpoint in Endpoint.allCases { endpoints[endpoint.rawValue] = state.counters[endpoint] ?? EndpointCounters() }
            return SimulatorStats(
                endpoints: endpoints, sentMessages: state.sent.count, duplicateReplies: state.duplicateReplies,
                repliesToInactive: state.repliesToInactive, followUpsWritten: state.followUpsWritten,
                activeConversations: state.activeCount, pendingConversations: state.pending.count - state.pendingHead,
                closedConversations: state.closedCount,
                awaitingReply: state.conversations.lazy.filter { $0.awaitingReply && $0.phase != .pending }.count)
        }
    }

    /// The ids of the active conversations now, in the order they became active.
    public func activeConversationIds() -> [String] {
        let now = clock.now()
        return state.withLock { state in
            advance(&state, to: now)
            return state.activeIds
        }
    }

    /// A conversation as `/conversation_info` serves it now (with echoed replies and follow-ups).
    public func conversation(_ id: String) -> Conversation? {
        guard let index = answers.conversationIndex[id] else { return nil }
        let now = clock.now()
        return state.withLock { state in
            advance(&state, to: now)
            return state.conversations[index].conversation
        }
    }

    /// The knobs in force.
    public var knobs: SimulatorKnobs { state.withLock { $0.knobs } }

    /// Replaces the knobs (a new seed restarts the fault draws).
    public func update(knobs: SimulatorKnobs) throws {
        try knobs.validate()
        state.withLock { state in
            if knobs.seed != state.knobs.seed { state.random = SeededRandom(seed: knobs.seed) }
            state.knobs = knobs
        }
    }

    /// Applies a JSON object of knobs (`POST /_sim/config`) and returns the knobs in force.
    @discardableResult
    public func applyKnobPatch(_ patch: Data) throws -> SimulatorKnobs {
        let updated = try knobs.applying(patch: patch)
        try update(knobs: updated)
        return updated
    }

    /// Back to the world's start with the knobs in force: conversations as in the world, the
    /// initial ones active, records and counters cleared, hangs released.
    public func reset() {
        let now = clock.now()
        state.withLock { $0.reset(world: world, now: now) }
        releaseHangs()
    }
}
