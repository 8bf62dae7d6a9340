import Foundation

/// A reply this service claimed, posted or gave up on in a conversation, as its reply ledger records
/// it: one reply group (the client messages one reply answers).
public struct RecordedReply: Hashable, Sendable {
    /// Where the reply stands.
    public enum State: String, Hashable, Sendable {
        /// A worker holds the messages and is posting (until the claim expires).
        case claimed
        /// A post was tried and its outcome is unknown (a timeout, a 5xx, a dropped connection).
        case uncertain
        /// The chats API accepted it.
        case sent
        /// Its outcome stayed unknown and a person took the conversation over: never posted again.
        case handedOff = "handed_off"
    }

    /// The reply group's id.
    public var group: String
    /// The reply's text.
    public var text: String
    /// Where it stands.
    public var state: State
    /// The client messages it answers.
    public var answering: [MessageID]
    /// When the current claim was taken.
    public var claimedAt: Date
    /// For ``State/claimed``: whether the claim still holds (another worker may be posting).
    public var claimLive: Bool
    /// For ``State/uncertain``: when the post whose outcome is unknown was tried.
    public var triedAt: Date?

    /// A recorded reply.
    public init(
        group: String, text: String, state: State, answering: [MessageID], claimedAt: Date, claimLive: Bool = false,
        triedAt: Date? = nil
    ) {
        self.group = group
        self.text = text
        self.state = state
        self.answering = answering
        self.claimedAt = claimedAt
        self.claimLive = claimLive
        self.triedAt = triedAt
    }

    /// True when the reply may have been posted but nothing recorded it as sent yet: an expired
    /// claim (its worker stopped), or an uncertain post.
    public var mayBeUnrecordedPost: Bool {
        switch state {
        case .claimed: !claimLive
        case .uncertain: true
        case .sent, .handedOff: false
        }
    }
}
