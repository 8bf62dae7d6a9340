import AutoResponderCore
import Foundation

/// The reply ledger as the worker uses it: at most one reply per (conversation, client message),
/// across redeliveries, crashes, restarts and any number of workers; plus each conversation's
/// failures and parking. ``PostgresReplyLedger`` keeps it in `responder.*`; tests use fakes.
///
/// Protocol of a worker: ``claim(_:jobID:takingOver:)`` the messages a reply answers (all or none),
/// post the reply, then ``markSent(_:)``. A post that provably had no effect ``release(_:)``s the
/// claim; one whose outcome is unknown ``markUncertain(_:)`` it: the next job reads the conversation
/// back before anything is posted again (``ReplyReconciler``, ``AmbiguousSendPolicy``).
protocol ReplyLedger: Sendable {
    /// The replies recorded for a conversation and its failure state, in one read.
    func state(of conversation: ConversationID) async throws -> LedgerState
    /// Claims every message of `claim`, or none. Rows of the `takingOver` groups (uncertain posts the
    /// policy decided to post again) may be taken over.
    func claim(_ claim: ReplyClaim, jobID: String, takingOver: Set<String>) async throws -> ClaimOutcome
    /// Records that the chats API accepted the reply; false when this claim no longer holds its
    /// messages (another worker took an expired claim over): an incident, never a normal reply.
    func markSent(_ claim: ReplyClaim) async throws -> Bool
    /// Records that the post's outcome is unknown; false when the claim was lost meanwhile.
    func markUncertain(_ claim: ReplyClaim) async throws -> Bool
    /// Expires this claim at once: the post provably had no effect, a retry may take the messages.
    func release(_ claim: ReplyClaim) async throws
    /// Records as sent a reply group whose own echo the conversation shows (expired or uncertain).
    func confirmEchoed(_ conversation: ConversationID, group: String) async throws
    /// Records that an uncertain reply will never be posted again: a person takes over.
    func handOver(_ conversation: ConversationID, group: String) async throws
    /// Records the conversation as a job found it with nothing to do (see ``Job/fingerprint``).
    func recordFingerprint(_ conversation: ConversationID, _ fingerprint: String) async throws
    /// Records that client messages wait for a reply since `since` (best effort; for the operator).
    func markWaiting(_ conversation: ConversationID, since: Date) async throws
    /// Records a failed (or deferred) job for the conversation's latest client message `key` (a new
    /// key starts over): counts it when `counts`, remembers when the failures began, puts the
    /// dispatcher's next re-check off by at least `putOffRecheck` (the retry is on the way).
    func recordFailure(
        _ conversation: ConversationID, key: String?, error: String, counts: Bool, putOffRecheck: Duration
    ) async throws -> FailureRecord
    /// Forgets the conversation's failures (a job succeeded).
    func clearFailures(_ conversation: ConversationID) async throws
    /// Parks the conversation: no jobs but a rare look for a new client message (`recheckAfter`).
    /// Returns false when it was parked already (by another job).
    func park(_ conversation: ConversationID, reason: String, recheckAfter: Duration) async throws -> Bool
    /// Takes the conversation out of the park (a new client message, or an operator).
    func unpark(_ conversation: ConversationID) async throws
    /// Records that this deployment's chats API echoes the service's replies.
    func recordEchoEvidence() async throws
    /// When the chats API was last seen echoing a reply, if ever.
    func echoEvidence() async throws -> Date?
}

/// What the ledger knows of one conversation.
struct LedgerState: Sendable {
    /// The replies recorded, one per reply group.
    var replies: [RecordedReply] = []
    /// Failed jobs for `failingKey`.
    var failedAttempts = 0
    /// The latest client message the failures were about.
    var failingKey: String?
    /// Failures or deferrals are being counted (a success must clear them).
    var isFailing = false
    /// When the conversation was parked, if it is.
    var parkedAt: Date?
}

/// The failures of a conversation so far (for its latest client message).
struct FailureRecord: Sendable, Equatable {
    /// Counted failed attempts.
    var attempts: Int
    /// How long ago the first of these failures (or deferrals) happened.
    var failingFor: Duration
}

/// A reply about to be posted, as the ledger records it.
struct ReplyClaim: Sendable {
    let conversationID: ConversationID
    let messageIDs: [MessageID]
    /// Identifies the reply (one per claim): the messages it answers share it.
    let group: String
    let text: String
    let resolver: String
    let language: String
    /// When the oldest client message the reply answers was written (`autoresponderctl status`).
    let waitingSince: Date?
    /// The route decision and its reason, for a person (the support console).
    var route: String? = nil
    /// The facts each resolver used, one line per resolver, for a person.
    var facts: String? = nil
    /// The conversation's merchant and subject label as the chats API showed them.
    var merchantID: String? = nil
    var subject: String? = nil
}

/// What a claim found.
enum ClaimOutcome: Sendable, Equatable {
    /// This worker holds the messages: post, then mark sent.
    case claimed
    /// Another worker holds a live claim (or an uncertain post) on one of the messages: try later.
    case heldByAnother
    /// One of the messages was answered meanwhile: nothing to do.
    case alreadySent
}
