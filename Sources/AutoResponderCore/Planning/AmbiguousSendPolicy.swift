import Foundation

/// What to do with a reply whose post ended with an unknown outcome (a timeout, a 5xx, a dropped
/// connection: the chats API may have posted it) and whose echo is not in the conversation. Pure.
///
/// Posting again risks a second reply; not posting risks none. Posting again is right only when the
/// absence of the echo means something: the post was tried at least `settle` ago (echoes can lag),
/// and the chats API of this deployment has been seen echoing this service's replies. So the policy
/// first waits out the settle time (meanwhile the echo may appear), then posts again; without that
/// evidence it waits two more settle times (a fresh deployment learns from the first echo of any sent
/// reply) and then has a person take the conversation over (``HandOffReason/sendOutcomeUnknown``);
/// in `handoff` mode it never posts again.
public struct AmbiguousSendPolicy: Sendable, Equatable {
    /// `AMBIGUOUS_SEND`.
    public enum Mode: String, Sendable, CaseIterable {
        /// Read the conversation back; post again when echoes are known to work and none came.
        case recheck
        /// Never post again: hand the conversation to a person.
        case handoff
    }

    /// The decision for one reply.
    public enum Decision: Sendable, Equatable {
        /// The echo would be there by now: the reply was not posted. Post it again.
        case postAgain
        /// Too early to tell: look again at this time.
        case waitUntil(Date)
        /// Do not post again; a person follows up.
        case handOff
    }

    /// The mode.
    public var mode: Mode
    /// How long an echo may take to appear (`SEND_SETTLE_MS`).
    public var settle: Duration

    /// A policy.
    public init(mode: Mode = .recheck, settle: Duration = .seconds(10)) {
        self.mode = mode
        self.settle = settle
    }

    /// The decision for `reply` (an ``RecordedReply/State/uncertain`` reply with no echo found), given
    /// whether this deployment's chats API is known to echo replies.
    public func decide(_ reply: RecordedReply, chatsAPIEchoes: Bool, now: Date) -> Decision {
        guard mode == .recheck else { return .handOff }
        let settleSeconds = Double(settle.components.seconds) + Double(settle.components.attoseconds) * 1e-18
        let settled = (reply.triedAt ?? reply.claimedAt).addingTimeInterval(settleSeconds)
        guard now >= settled else { return .waitUntil(settled) }
        if chatsAPIEchoes { return .postAgain }
        // No evidence yet: a fresh deployment learns it from the first echo of any sent reply, so give
        // it two more settle times before a person takes over.
        let lastChance = settled.addingTimeInterval(2 * settleSeconds)
        return now >= lastChance ? .handOff : .waitUntil(lastChance)
    }
}
