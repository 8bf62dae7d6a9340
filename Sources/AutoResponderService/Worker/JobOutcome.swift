import AutoResponderCore

/// What became of one job; the worker acks, retries or dead-letters accordingly.
enum JobOutcome: Sendable, CustomStringConvertible {
    /// A reply was posted and recorded (a hand-off reply when `handedOff`).
    case replied(resolver: String, handedOff: Bool)
    /// Every client message is answered already (or the conversation has none).
    case nothingToDo
    /// Another worker holds the messages right now: look again later, without counting an attempt.
    case deferred(String)
    /// Something failed that may work later (an upstream, the database): retry, counting an attempt.
    case retry(String)
    /// The job cannot ever be done (unknown conversation, invalid id): log and drop it.
    case dropped(String)
    /// The job failed on its last attempt and nothing could be posted: dead-letter it for a person.
    case failed(String)

    var description: String {
        switch self {
        case .replied(let resolver, let handedOff): handedOff ? "handed off (\(resolver))" : "replied (\(resolver))"
        case .nothingToDo: "nothing to do"
        case .deferred(let why): "deferred: \(why)"
        case .retry(let why): "retry: \(why)"
        case .dropped(let why): "dropped: \(why)"
        case .failed(let why): "failed: \(why)"
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
        case .failed: "dead_lettered"
        }
    }

    /// The resolver that answered, when one did.
    var resolver: String? {
        if case .replied(let resolver, _) = self { return resolver }
        return nil
    }
}
