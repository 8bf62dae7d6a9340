/// A client-side rate limit as a pure token bucket over explicit instants: `rate` tokens per second,
/// at most `burst` saved up. A call reserves a token, possibly in the future (the bucket goes into
/// debt), and learns how long to wait; a `429 Retry-After` pauses the bucket.
public struct TokenBucket: Sendable {
    /// Tokens per second.
    public let rate: Double
    /// Most tokens saved up.
    public let burst: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?

    /// A full bucket.
    public init(rate: Double, burst: Double? = nil, now: ContinuousClock.Instant) {
        precondition(rate > 0, "a token bucket needs a positive rate")
        self.rate = rate
        self.burst = max(1, burst ?? rate)
        self.tokens = self.burst
        self.updated = now
    }

    /// Reserves a token and returns how long to wait before using it (zero: at once), or `nil`
    /// without reserving anything when that wait would exceed `maximumWait`.
    public mutating func reserve(at now: ContinuousClock.Instant, maximumWait: Duration) -> Duration? {
        refill(at: now)
        var wait = Duration.zero
        if let pausedUntil, pausedUntil > now { wait = pausedUntil - now }
        if tokens < 1 { wait = max(wait, .seconds((1 - tokens) / rate)) }
        guard wait <= maximumWait else { return nil }
        tokens -= 1
        return wait
    }

    /// Stops handing out tokens until `until` (the partner answered 429 with `Retry-After`).
    public mutating func pause(until: ContinuousClock.Instant) {
        pausedUntil = max(pausedUntil ?? until, until)
    }

    private mutating func refill(at now: ContinuousClock.Instant) {
        guard now > updated else { return }
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(burst, tokens + seconds * rate)
        updated = now
    }
}
