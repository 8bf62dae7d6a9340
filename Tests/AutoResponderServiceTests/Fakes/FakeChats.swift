import Foundation
import Synchronization

@testable import AutoResponderCore
@testable import AutoResponderService

/// The chats API in memory: scripted conversations and scripted `/send_message` results. Every post
/// is recorded, with whether it took effect. A post that takes effect is echoed into the conversation
/// (as a message with an id of its own) when ``echoes`` is on, like the real API may do.
final class FakeChats: ChatsClient {
    /// What one `/send_message` does.
    enum SendResult: Sendable {
        /// Posted, answered 200.
        case accept
        /// Not posted: refused before any effect (the error should say `hadNoEffect`).
        case fail(UpstreamError)
        /// Posted, then the answer failed (a 500 after the write, a timeout, a reset): unknown outcome.
        case postThenFail(UpstreamError)
    }

    /// One call of `/send_message`.
    struct Post: Sendable, Equatable {
        let conversation: String
        let text: String
        /// Whether the message was posted (the client sees it).
        let tookEffect: Bool
    }

    private struct State {
        var conversations: [String: Conversation] = [:]
        var readFailures: [UpstreamError] = []
        var sendResults: [SendResult] = []
        var posts: [Post] = []
        var echoes = true
        var echoCount = 0
        var onSend: (@Sendable (String) async -> Void)?
    }

    private let state = Mutex(State())

    // MARK: Arranging.

    /// Whether posted replies show up among the conversation's messages.
    var echoes: Bool {
        get { state.withLock { $0.echoes } }
        set { state.withLock { $0.echoes = newValue } }
    }

    /// Adds or replaces a conversation.
    func put(_ conversation: Conversation) { state.withLock { $0.conversations[conversation.id.rawValue] = conversation } }

    /// Appends a client message to a conversation.
    func append(_ message: ChatMessage, to id: String) {
        state.withLock { $0.conversations[id]?.messages.append(message) }
    }

    /// The next `/send_message` calls answer these, in order; then every post is accepted.
    func script(_ results: SendResult...) { state.withLock { $0.sendResults += results } }

    /// The next `/conversation_info` calls throw these, in order.
    func failReads(_ errors: UpstreamError...) { state.withLock { $0.readFailures += errors } }

    /// Runs `hook` with the text at the start of the next post (before its result).
    func onNextSend(_ hook: @escaping @Sendable (String) async -> Void) { state.withLock { $0.onSend = hook } }

    /// Moves every message `seconds` back: as if that much time had passed.
    func age(by seconds: TimeInterval) {
        state.withLock { state in
            for id in state.conversations.keys {
                for index in state.conversations[id]!.messages.indices {
                    state.conversations[id]!.messages[index].createdAt -= seconds
                }
            }
        }
    }

    // MARK: Reading what happened.

    /// Every call of `/send_message`.
    var posts: [Post] { state.withLock { $0.posts } }

    /// The texts the client received in a conversation.
    func delivered(to id: String) -> [String] {
        posts.filter { $0.conversation == id && $0.tookEffect }.map(\.text)
    }

    /// A conversation as the chats API has it now.
    func conversation(named id: String) -> Conversation? { state.withLock { $0.conversations[id] } }

    // MARK: ChatsClient.

    func conversation(_ id: ConversationID) async throws(UpstreamError) -> ConversationInfoPayload.Validated? {
        let result: Result<Conversation?, UpstreamError> = state.withLock { state in
            if !state.readFailures.isEmpty { return .failure(state.readFailures.removeFirst()) }
            return .success(state.conversations[id.rawValue])
        }
        guard let conversation = try result.get() else { return nil }
        return ConversationInfoPayload.Validated(conversation: conversation, rejectedMessages: [], merchantIDError: nil)
    }

    func send(_ text: String, to id: ConversationID) async throws(UpstreamError) {
        let hook = state.withLock { state in defer { state.onSend = nil }; return state.onSend }
        await hook?(text)
        let failure: UpstreamError? = state.withLock { state in
            let result = state.sendResults.isEmpty ? .accept : state.sendResults.removeFirst()
            let posted: Bool
            let failure: UpstreamError?
            switch result {
            case .accept: (posted, failure) = (true, nil)
            case .fail(let error): (posted, failure) = (false, error)
            case .postThenFail(let error): (posted, failure) = (true, error)
            }
            state.posts.append(Post(conversation: id.rawValue, text: text, tookEffect: posted))
            if posted && state.echoes {
                state.echoCount += 1
                let echo = ChatMessage(id: try! MessageID("echo-\(state.echoCount)"), text: text, createdAt: Date())
                state.conversations[id.rawValue]?.messages.append(echo)
            }
            return failure
        }
        if let failure { throw failure }
    }
}

/// Errors as ``UpstreamAPI`` makes them for `/send_message`.
enum SendFailure {
    /// Connection refused: nothing reached the API.
    static let connectionRefused = failure(.unavailable, "connection refused", hadNoEffect: true)
    /// 429: refused before any effect.
    static let tooManyRequests = failure(.unavailable, "answered 429; will try again", hadNoEffect: true)
    /// 400: refused before any effect, and retrying will not help.
    static let badRequest = failure(.rejected, "answered 400 to a request it should accept", hadNoEffect: true)
    /// No answer in time: may have been posted.
    static let timeout = failure(.timeout, "no answer in time", hadNoEffect: false)
    /// 500: may have been posted.
    static let serverError = failure(.unavailable, "answered 500; will try again", hadNoEffect: false)

    static func failure(_ code: UpstreamError.Code, _ message: String, hadNoEffect: Bool) -> UpstreamError {
        var error = UpstreamError(code: code, upstream: "chats /send_message", message: message)
        error.hadNoEffect = hadNoEffect
        return error
    }
}
