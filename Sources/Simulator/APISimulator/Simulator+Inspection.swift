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
            state.outages.settle(now: now)
            let out = state.outages.activeEndpoints(at: now)
            var endpoints: [String: EndpointCounters] = [:]
            for endpoint in Endpoint.allCases { endpoints[endpoint.rawValue] = state.counters[endpoint] ?? EndpointCounters() }
            return SimulatorStats(
                endpoints: endpoints, sentMessages: state.sent.count, duplicateReplies: state.duplicateReplies,
                repliesToInactive: state.repliesToInactive, followUpsWritten: state.followUpsWritten,
                activeConversations: state.activeCount, pendingConversations: state.pending.count - state.pendingHead,
                closedConversations: state.closedCount,
                awaitingReply: state.conversations.lazy.filter { $0.awaitingReply && $0.phase != .pending }.count,
                outageActive: !out.isEmpty, outageEndpoints: out.map(\.rawValue),
                lastOutageStartedAt: state.outages.lastStartedAt, lastOutageEndedAt: state.outages.lastEndedAt)
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

    /// Replaces the knobs (a new seed restarts the fault draws; new `outages` are counted from now,
    /// and those in progress end; a changed rate limit starts with a full bucket).
    public func update(knobs: SimulatorKnobs) throws {
        try update(knobs: knobs, rescheduleOutages: false)
    }

    /// Replaces the knobs; the `outages` knob is counted from now if it changed or `rescheduleOutages`.
    func update(knobs: SimulatorKnobs, rescheduleOutages: Bool) throws {
        try knobs.validate()
        let now = clock.now()
        state.withLock { state in
            if knobs.seed != state.knobs.seed { state.random = SeededRandom(seed: knobs.seed) }
            if rescheduleOutages || knobs.outages != state.knobs.outages {
                state.outages.schedule(knobs.outages, from: now, now: now)
            }
            for api in UpstreamAPI.allCases where knobs.rateLimits[api] != state.knobs.rateLimits[api] {
                state.rateBuckets[api] = nil
            }
            state.knobs = knobs
        }
    }

    /// Applies a JSON object of knobs (`POST /_sim/config`) and returns the knobs in force. A patch
    /// with `outages` schedules them from now, even if they are the knobs in force.
    @discardableResult
    public func applyKnobPatch(_ patch: Data) throws -> SimulatorKnobs {
        let updated = try knobs.applying(patch: patch)
        let keys = (try? JSONSerialization.jsonObject(with: patch) as? [String: Any])?.keys
        try update(knobs: updated, rescheduleOutages: keys?.contains("outages") ?? false)
        return updated
    }

    /// Back to the world's start with the knobs in force: conversations as in the world, the
    /// initial ones active, records and counters cleared, hangs released, the `outages` knob counted
    /// from now (outages of `POST /_sim/outage` dropped), rate-limit buckets full.
    public func reset() {
        let now = clock.now()
        state.withLock { $0.reset(world: world, now: now) }
        releaseHangs()
    }
}
