import Foundation
import World

/// A conversation's life in the simulator.
struct ConversationRuntime {
    enum Phase { case pending, active, closed }

    var conversation: Conversation
    var phase: Phase = .pending
    /// Whether the conversation's index is in `activeOrder` (possibly as a stale entry).
    var inActiveOrder = false
    var awaitingReply: Bool
    var lastClientMessageId: String?
    var replies = 0
    var followUpDue: Double?
    var followUpWritten = false
    var closeDue: Double?
    /// The encoded `/conversation_info` answer, until the messages change.
    var cachedInfo: Data?

    init(_ conversation: Conversation) {
        var served = conversation
        served.truth = nil
        self.conversation = served
        awaitingReply = !conversation.messages.isEmpty
        lastClientMessageId = conversation.messages.last?.messageId
    }
}

/// Everything that changes while the simulator runs; only reached under the simulator's lock.
struct SimulatorState {
    var knobs: SimulatorKnobs
    var random: SeededRandom
    var conversations: [ConversationRuntime] = []
    var pending: [Int] = []
    var pendingHead = 0
    var activeOrder: [Int] = []
    var activeCount = 0
    var staleInActiveOrder = 0
    var closedCount = 0
    var arrivalCredits = 0.0
    var lastAdvance = 0.0
    var events = EventQueue()
    var sent: [SentMessage] = []
    var counters: [Endpoint: EndpointCounters] = [:]
    var followUpsWritten = 0
    var duplicateReplies = 0
    var repliesToInactive = 0
    /// The encoded `/conversations` answer, until the active list changes.
    var activeBody: Data?
    /// Outage windows (the `outages` knob and `POST /_sim/outage`).
    var outages = OutageSchedule()
    /// One token bucket per rate-limited API, made full on first use.
    var rateBuckets: [UpstreamAPI: TokenBucket] = [:]
    /// The maintenance API's service orders.
    var maintenance = MaintenanceState([])
    /// Conversations that became active or got a client message, to push as events
    /// (`push_events_url`); drained by ``Simulator/takePushEvents()``.
    var pushQueue: [String] = []

    init(knobs: SimulatorKnobs) {
        self.knobs = knobs
        self.random = SeededRandom(seed: knobs.seed)
    }

    /// Back to the world's start: every conversation pending, then the initial ones active.
    mutating func reset(world: World, now: Double) {
        random = SeededRandom(seed: knobs.seed)
        conversations = world.conversations.map(ConversationRuntime.init)
        pending = Array(conversations.indices)
        pendingHead = 0
        activeOrder = []
        activeCount = 0
        staleInActiveOrder = 0
        closedCount = 0
        arrivalCredits = 0
        lastAdvance = now
        events = EventQueue()
        sent = []
        counters = [:]
        followUpsWritten = 0
        duplicateReplies = 0
        repliesToInactive = 0
        activeBody = nil
        outages = OutageSchedule()
        outages.schedule(knobs.outages, from: now, now: now)
        rateBuckets = [:]
        maintenance = MaintenanceState(world.serviceOrders)
        var admitted = 0
        while admitted < (knobs.initialActive ?? Int.max), pendingHead < pending.count, hasRoom {
            activate(pending[pendingHead])
            pendingHead += 1
            admitted += 1
        }
    }

    var hasRoom: Bool { knobs.maxActive.map { activeCount < $0 } ?? true }

    mutating func count(_ endpoint: Endpoint, _ field: WritableKeyPath<EndpointCounters, Int>) {
        counters[endpoint, default: EndpointCounters()][keyPath: field] += 1
    }

    mutating func activate(_ index: Int) {
        guard conversations[index].phase != .active else { return }
        if conversations[index].phase == .closed { closedCount -= 1 }
        conversations[index].phase = .active
        if conversations[index].inActiveOrder {
            staleInActiveOrder -= 1
        } else {
            activeOrder.append(index)
            conversations[index].inActiveOrder = true
        }
        activeCount += 1
        activeBody = nil
        if knobs.pushEventsURL != nil { pushQueue.append(conversations[index].conversation.conversationId) }
    }

    mutating func close(_ index: Int) {
        guard conversations[index].phase == .active else { return }
        conversations[index].phase = .closed
        closedCount += 1
        activeCount -= 1
        staleInActiveOrder += 1
        activeBody = nil
        if staleInActiveOrder > 64, staleInActiveOrder * 2 > activeOrder.count {
            for index in activeOrder where conversations[index].phase != .active {
                conversations[index].inActiveOrder = false
            }
            activeOrder.removeAll { !conversations[$0].inActiveOrder }
            staleInActiveOrder = 0
        }
    }

    /// The ids of the active conversations, in the order they became active.
    var activeIds: [String] {
        activeOrder.lazy.filter { self.conversations[$0].phase == .active }.map { self.conversations[$0].conversation.conversationId }
    }
}
