import AMQP
import AutoResponderCore
import Logging
import Resilience

// What ``DispatcherService/poll(chats:store:publisher:topology:recheck:backlog:pushed:logger:)`` uses of the
// chats API, its store and the broker: protocols, so that its poll is unit-tested over fakes.

/// The chats API's active list (``ChatsAPI``).
protocol ActiveConversationsSource: Sendable {
    /// The conversations active right now, as validated ids.
    func activeConversations(logger: Logger) async throws(UpstreamError) -> [ConversationID]
}

/// The dispatcher's state (``DispatcherStore``).
protocol DispatcherStoring: Sendable {
    /// Records the active list and returns (claims) the conversations due a job now.
    func claimDue(active: [ConversationID], policy: RecheckPolicy, rechecks: Bool, pushed: Bool) async throws
        -> [DispatcherStore.Due]
    /// Marks the conversations that left the active list.
    func markInactive(except active: [ConversationID]) async throws
    /// Makes conversations due again at once (their jobs could not be published).
    func release(_ ids: [ConversationID]) async throws
}

/// Confirmed publishing of jobs (``AMQPPublisher``).
protocol JobPublishing: Sendable {
    /// Publishes the messages and returns once the broker confirmed every one.
    func publish(_ messages: [AMQPMessage]) async throws(AMQPError)
}

extension ChatsAPI: ActiveConversationsSource {}
extension DispatcherStore: DispatcherStoring {}
extension AMQPPublisher: JobPublishing {}
