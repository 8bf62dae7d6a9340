/// Why a conversation goes to a person. Opaque, so that reasons can be added.
public struct HandOffReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable name, stored in the hand-off table (e.g. `unknown_subject`).
    public let rawValue: String

    /// Creates a reason from its stored name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Nothing in the subject or the client's text says what the problem is.
    public static let unknownSubject = HandOffReason(rawValue: "unknown_subject")
    /// The merchant is unknown or has no data for this problem (no sales, no receipt).
    public static let noMerchantData = HandOffReason(rawValue: "no_merchant_data")
    /// The merchant exists but the facts needed are missing (no chip, every chip unknown, …).
    public static let missingData = HandOffReason(rawValue: "missing_data")
    /// An upstream (API or database) failed on every attempt.
    public static let upstreamFailure = HandOffReason(rawValue: "upstream_failure")
    /// The conversation itself is unusable (no valid merchant id).
    public static let invalidConversation = HandOffReason(rawValue: "invalid_conversation")
    /// A reply's post ended with an unknown outcome and posting again could duplicate it.
    public static let sendOutcomeUnknown = HandOffReason(rawValue: "send_outcome_unknown")
    /// Every attempt on the conversation failed (`JOB_MAX_ATTEMPTS`): it is parked for a person.
    public static let repeatedFailure = HandOffReason(rawValue: "repeated_failure")

    /// Decodes the stored name.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the stored name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The stored name.
    public var description: String { rawValue }
}

/// A conversation handed to a person: one row of the service's hand-off table.
public struct HandOff: Hashable, Sendable {
    /// The conversation.
    public var conversationID: ConversationID
    /// Its merchant, when valid.
    public var merchantID: MerchantID?
    /// The upstream subject label, as sent.
    public var subject: String
    /// Why.
    public var reason: HandOffReason
    /// Details for the person (what was looked up, what was missing); never shown to the client.
    public var detail: String
    /// The client messages this hand-off answers.
    public var messageIDs: [MessageID]

    /// Creates a hand-off record.
    public init(
        conversationID: ConversationID, merchantID: MerchantID?, subject: String, reason: HandOffReason,
        detail: String, messageIDs: [MessageID]
    ) {
        self.conversationID = conversationID
        self.merchantID = merchantID
        self.subject = subject
        self.reason = reason
        self.detail = detail
        self.messageIDs = messageIDs
    }
}
