import AutoResponderCore
import Foundation
import HTTP
import Logging

/// Reads conversations from the chats API for a person (the support console): the messages as the
/// chats API has them now. Uses the service's `CHATS_API_URL` and `API_TOKEN`; never posts.
public struct ChatsReader: Sendable {
    /// What the chats API said of one conversation.
    public enum Reading: Sendable {
        /// The conversation, and how many of its messages could not be read (no valid id or date).
        case found(Conversation, unreadableMessages: Int)
        /// The chats API does not know it (any more).
        case notFound
        /// The chats API did not answer usefully: why.
        case unavailable(String)
        /// No `API_TOKEN` was given: the messages are not read.
        case notConfigured
    }

    private let chats: ChatsAPI?
    private let client: HTTPClient

    /// A reader of the chats API `configuration` names, whose calls give up after `timeout` (a person
    /// waits for the page). Call ``shutdown()`` when done.
    public init(configuration: ServiceConfiguration, timeout: Duration, logger: Logger) {
        client = HTTPClient(
            configuration: HTTPClientConfiguration(
                connectTimeout: min(configuration.httpConnectTimeout, timeout), requestTimeout: timeout),
            logger: logger)
        chats = configuration.apiToken.isEmpty
            ? nil
            : ChatsAPI(
                api: UpstreamAPI(
                    name: "chats", baseURL: configuration.chatsAPIURL, token: configuration.apiToken, client: client,
                    guard: UpstreamGuard(
                        name: "chats", breaker: configuration.breakerPolicy, ratePerSecond: nil, logger: logger)))
    }

    /// The conversation `id` as the chats API has it now.
    public func read(_ id: ConversationID) async -> Reading {
        guard let chats else { return .notConfigured }
        do {
            guard let validated = try await chats.conversation(id) else { return .notFound }
            return .found(validated.conversation, unreadableMessages: validated.rejectedMessages.count)
        } catch {
            return .unavailable(error.description)
        }
    }

    /// Stops the HTTP client.
    public func shutdown() async {
        await client.shutdown()
    }
}
