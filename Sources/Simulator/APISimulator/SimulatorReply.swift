import Foundation

/// What the simulator decided to answer to one request; the HTTP layer waits `delayMilliseconds`,
/// then responds or hangs.
public struct SimulatorReply: Sendable, Equatable {
    /// Respond now, or hang.
    public enum Action: Sendable, Equatable {
        /// An HTTP status and a JSON body.
        case respond(status: Int, body: Data)
        /// Answer nothing for this many seconds (or until released), then 500.
        case hang(seconds: Double)
        /// Close the connection without an answer.
        case dropConnection
    }

    /// Respond or hang.
    public var action: Action
    /// Latency to add before acting, in milliseconds.
    public var delayMilliseconds: Int
    /// The fault injected into this request, if any.
    public var fault: InjectedFault?
    /// Headers to send with a response besides `content-type`, e.g. `Retry-After` with a 429.
    public var headers: [String: String] = [:]

    /// The status, or nil for a hang.
    public var status: Int? {
        if case .respond(let status, _) = action { return status }
        return nil
    }

    /// The body, or nil for a hang.
    public var body: Data? {
        if case .respond(_, let body) = action { return body }
        return nil
    }
}

/// A fault the simulator injected on purpose.
public enum InjectedFault: String, Sendable, Hashable, Codable {
    /// Answered 500.
    case error
    /// Hung.
    case hang
    /// Answered 200 with valid JSON of the wrong shape.
    case wrongShape = "wrong_shape"
    /// `/send_message` posted, then answered 500.
    case errorAfterEffect = "error_after_effect"
    /// `/send_message` posted, then hung.
    case hangAfterEffect = "hang_after_effect"
    /// `/send_message` posted, then dropped the connection.
    case resetAfterEffect = "reset_after_effect"
    /// Refused by an outage of the endpoint (its status, or a hang), before anything else.
    case outage
    /// Answered 429 with `Retry-After`: the endpoint's API is over its rate limit.
    case rateLimited = "rate_limited"
}

/// One call of `/send_message`, as `GET /_sim/sent` lists it.
public struct SentMessage: Sendable, Hashable, Codable {
    /// 1, 2, 3, ... in the order the calls were processed.
    public var sequence: Int
    /// The conversation replied to.
    public var conversationId: String
    /// Its merchant.
    public var merchantId: String
    /// The reply's text.
    public var message: String
    /// When it was processed (Unix seconds).
    public var at: Double
    /// The id of the last client message of the conversation when the reply was posted.
    public var inReplyTo: String?
    /// True when no client message was waiting for a reply: a second reply to the same message.
    public var duplicate: Bool
    /// Whether the conversation was on the active list.
    public var conversationWasActive: Bool
    /// The id of the reply in the conversation's messages (nil when replies are not echoed).
    public var messageId: String?

    enum CodingKeys: String, CodingKey {
        case sequence, conversationId = "conversation_id", merchantId = "merchant_id", message, at
        case inReplyTo = "in_reply_to", duplicate, conversationWasActive = "conversation_was_active"
        case messageId = "message_id"
    }
}

/// Requests and outcomes of one endpoint.
public struct EndpointCounters: Sendable, Hashable, Codable {
    /// Every request.
    public var requests = 0
    /// Answered 2xx (wrong shapes included).
    public var ok = 0
    /// Answered 400.
    public var badRequest = 0
    /// Answered 401.
    public var unauthorized = 0
    /// Answered 404.
    public var notFound = 0
    /// Injected 500s.
    public var injectedErrors = 0
    /// Injected hangs.
    public var injectedHangs = 0
    /// Injected wrong shapes.
    public var injectedWrongShapes = 0
    /// Requests whose effect happened before an injected failure (500, hang or dropped connection).
    public var injectedAfterEffect = 0
    /// Requests refused by an outage (answered its status, or hung), `outage_refused`.
    public var outageRefused = 0
    /// Requests answered 429 by the rate limit of the endpoint's API, `rate_limited`.
    public var rateLimited = 0

    /// All zero.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case requests, ok, badRequest = "bad_request", unauthorized, notFound = "not_found"
        case injectedErrors = "injected_errors", injectedHangs = "injected_hangs"
        case injectedWrongShapes = "injected_wrong_shapes", injectedAfterEffect = "injected_after_effect"
        case outageRefused = "outage_refused", rateLimited = "rate_limited"
    }
}

/// The simulator's counters and the state of the active list (`GET /_sim/stats`).
public struct SimulatorStats: Sendable, Hashable, Codable {
    /// Counters per endpoint, by raw name (`conversation_info`).
    public var endpoints: [String: EndpointCounters]
    /// `/send_message` calls processed.
    public var sentMessages: Int
    /// Replies when no client message was waiting (second replies).
    public var duplicateReplies: Int
    /// Replies to conversations that were not on the active list.
    public var repliesToInactive: Int
    /// Follow-up messages the clients wrote.
    public var followUpsWritten: Int
    /// Conversations on the active list.
    public var activeConversations: Int
    /// Conversations not active yet.
    public var pendingConversations: Int
    /// Conversations that left the active list.
    public var closedConversations: Int
    /// Conversations whose last client message has no reply yet.
    public var awaitingReply: Int
    /// Whether some endpoint is out now (`outage_active`).
    public var outageActive: Bool
    /// The endpoints out now (`outage_endpoints`).
    public var outageEndpoints: [String]
    /// When the last outage started (`last_outage_started_at`, Unix seconds; null: none yet).
    public var lastOutageStartedAt: Double?
    /// When the last outage ended (`last_outage_ended_at`, Unix seconds; null: none yet): the
    /// recovery, to measure the time from it to the last reply.
    public var lastOutageEndedAt: Double?

    enum CodingKeys: String, CodingKey {
        case endpoints, sentMessages = "sent_messages", duplicateReplies = "duplicate_replies"
        case repliesToInactive = "replies_to_inactive", followUpsWritten = "follow_ups_written"
        case activeConversations = "active_conversations", pendingConversations = "pending_conversations"
        case closedConversations = "closed_conversations", awaitingReply = "awaiting_reply"
        case outageActive = "outage_active", outageEndpoints = "outage_endpoints"
        case lastOutageStartedAt = "last_outage_started_at", lastOutageEndedAt = "last_outage_ended_at"
    }

    /// Encodes every field, unknown times as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(endpoints, forKey: .endpoints)
        try c.encode(sentMessages, forKey: .sentMessages)
        try c.encode(duplicateReplies, forKey: .duplicateReplies)
        try c.encode(repliesToInactive, forKey: .repliesToInactive)
        try c.encode(followUpsWritten, forKey: .followUpsWritten)
        try c.encode(activeConversations, forKey: .activeConversations)
        try c.encode(pendingConversations, forKey: .pendingConversations)
        try c.encode(closedConversations, forKey: .closedConversations)
        try c.encode(awaitingReply, forKey: .awaitingReply)
        try c.encode(outageActive, forKey: .outageActive)
        try c.encode(outageEndpoints, forKey: .outageEndpoints)
        try c.encode(lastOutageStartedAt, forKey: .lastOutageStartedAt)
        try c.encode(lastOutageEndedAt, forKey: .lastOutageEndedAt)
    }
}
