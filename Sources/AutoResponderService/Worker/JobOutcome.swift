import AutoResponderCore

/// What became of one job; the worker acks, retries or dead-letters accordingly.
enum JobOutcome: Sendable, CustomStringConvertible {
    /// A reply was posted and recorded (a hand-off reply when `handedOff`).
    case replied(resolver: String, handedOff: Bool)
    /// Every client message is answered already (or the conversation has none, or it is parked and
    /// nothing new came).
    case nothingToDo
    /// Not now, and not a failure: another worker holds the messages, a post's outcome is not known
    /// yet, an upstream's breaker is open or it asked to slow down. Look again after `after` without
    /// counting an attempt.
    case deferred(String, after: Duration)
    /// Something failed that may work later (an upstream, the database): retry after `after` (a rung
    /// of the retry ladder, jittered by the worker); the attempt is counted.
    case retry(String, after: Duration)
    /// The job cannot ever be done (unknown conversation, invalid id): log and drop it.
    case dropped(String)
    /// The conversation failed `JOB_MAX_ATTEMPTS` times: it is parked for a person (hand-off recorded,
    /// and replied when a reply could still be posted). The job goes to the dead-letter queue once.
    case parked(reason: String, attempts: Int)
    /// A reply was posted, but the claim had been taken over meanwhile: an incident (possibly two
    /// replies), logged and counted, never reported as a normal reply.
    case lostClaim(resolver: String)

    var description: String {
        switch self {
        case .replied(let resolver, let handedOff): handedOff ? "handed off (\(resolver))" : "replied (\(resolver))"
        case .nothingToDo: "nothing to do"
        case .deferred(let why, let after): "deferred for \(after): \(why)"
        case .retry(let why, let after): "retry in \(after): \(why)"
        case .dropped(let why): "dropped: \(why)"
        case .parked(let why, let attempts): "parked after \(attempts) attempts: \(why)"
        case .lostClaim(let resolver): "posted with a lost claim (\(resolver))"
        }
    }

    /// The `outcome` label of `autoresponder_jobs_total`.
    var label: String {
        switch self {
        case .replied(_, let handedOff): handedOff ? "handed_off" : "replied"
        case .nothingToDo: "nothing_to_do"
        case .deferred: "deferred"
        case .retry: "retried"
        case .dropped: "dropped"
        case .parked: "parked"
        case .lostClaim: "lost_claim"
        }
    }

    /// True when the job's work is done whatever happens next (a reply was posted, nothing was left,
    /// the conversation was parked): a job cancelled at shutdown is handed back only when it is not.
    var isFinal: Bool {
        switch self {
        case .replied, .nothingToDo, .dropped, .parked, .lostClaim: true
        case .deferred, .retry: false
        }
    }

    /// The resolver that answered, when one did.
    var resolver: String? {
        switch self {
        case .replied(let resolver, _), .lostClaim(let resolver): resolver
        default: nil
        }
    }
}
