/// When a failed piece of work is tried again, and when to stop trying. Pure.
///
/// - Delays climb a ladder of `levels` (e.g. 1 s, 5 s, 30 s, 2 min, 10 min), one rung per counted
///   attempt, with jitter, and never less than what the failing partner asked for (`Retry-After`).
/// - **Transient** failures (a partner down, slow, limiting, a breaker open) are tried again until
///   `budget` has passed since the first of them: an outage costs time, not answers.
/// - **Persistent** failures (an answer that is never valid, a refusal) stop after `maxAttempts`.
public struct RetryPolicy: Sendable, Equatable {
    /// How a failure counts.
    public enum Failure: Sendable, Equatable {
        /// May pass by itself: bounded by time.
        case transient
        /// Deferred without being anyone's fault (a breaker open, a rate limit): bounded by time,
        /// not counted as an attempt.
        case deferred
        /// Will probably happen again: bounded by count.
        case persistent
    }

    /// What to do.
    public enum Decision: Sendable, Equatable {
        /// Try again after this long.
        case retry(after: Duration)
        /// Stop: the budget or the attempts are spent.
        case giveUp
    }

    /// The delay ladder, shortest first.
    public let levels: [Duration]
    /// How long transient failures may go on (from the first one).
    public let budget: Duration
    /// Counted attempts for persistent failures.
    public let maxAttempts: Int

    /// A policy. `levels` must not be empty.
    public init(levels: [Duration], budget: Duration, maxAttempts: Int) {
        precondition(!levels.isEmpty, "a retry policy needs at least one delay level")
        self.levels = levels.sorted()
        self.budget = budget
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The decision after a failure of kind `failure`, the `attempts`-th counted one, the first of the
    /// current run of failures having happened `failingFor` ago.
    public func decide(
        _ failure: Failure, attempts: Int, failingFor: Duration, retryAfter: Duration? = nil
    ) -> Decision {
        switch failure {
        case .persistent where attempts >= maxAttempts: return .giveUp
        case .transient, .deferred, .persistent:
            guard failingFor < budget else { return .giveUp }
        }
        let rung = levels[min(max(attempts, 1), levels.count) - 1]
        let base = failure == .deferred ? levels[0] : rung
        return .retry(after: max(base, retryAfter ?? .zero))
    }

    /// The shortest level at least `delay` long (the longest level when none is): the delay queue a
    /// retry waits in.
    public func level(for delay: Duration) -> Duration {
        levels.first { $0 >= delay } ?? levels[levels.count - 1]
    }

    /// `delay` spread between half of it and all of it, so that work that failed together does not
    /// come back together.
    public static func jittered<Generator: RandomNumberGenerator>(_ delay: Duration, using generator: inout Generator)
        -> Duration
    {
        delay * Double.random(in: 0.5...1.0, using: &generator)
    }
}
