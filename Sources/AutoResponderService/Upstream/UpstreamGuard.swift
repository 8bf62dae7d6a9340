import AutoResponderCore
import Logging
import Resilience
import Synchronization

/// What stands between the worker and one upstream (an HTTP API, or the database): a circuit breaker
/// and, when configured, a client-side rate limit. One per upstream per process; every call asks
/// ``admit()`` first and reports ``record(success:probe:)`` after, so that a new data source gets the
/// same protection with no code of its own.
///
/// Refusals are ``UpstreamError/Code/throttled`` errors with a `retryAfter`: the job is deferred (tried
/// again later, not handed off, not counted as a failed attempt).
final class UpstreamGuard: Sendable {
    /// The upstream's name (`chats`, `logistics`, `telecom`, `database`).
    let name: String
    private let breaker: Mutex<CircuitBreakerState>
    private let bucket: Mutex<TokenBucket?>
    /// Set by a 429: no call before this instant.
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)
    /// How long a call may wait for the rate limit before the job is deferred instead (a worker slot
    /// is not held for long).
    let maximumRateWait: Duration
    private let logger: Logger

    init(
        name: String, breaker policy: CircuitBreakerPolicy, ratePerSecond: Double?, maximumRateWait: Duration = .seconds(2),
        logger: Logger
    ) {
        self.name = name
        self.breaker = Mutex(CircuitBreakerState(policy: policy))
        self.bucket = Mutex(ratePerSecond.map { TokenBucket(rate: $0, now: .now) })
        self.maximumRateWait = maximumRateWait
        var logger = logger
        logger[metadataKey: "upstream"] = "\(name)"
        self.logger = logger
        ServiceMetrics.breakerState(api: name, 0)
    }

    /// Waits for the rate limit (briefly), then asks the breaker. Returns whether the call is a
    /// half-open probe.
    /// - Throws: ``UpstreamError`` `throttled` when the breaker is open or the rate limit would make
    ///   the call wait too long.
    func admit() async throws(UpstreamError) -> Bool {
        let (admission, transition) = breaker.withLock { $0.admit(at: .now) }
        report(transition)
        let probe: Bool
        switch admission {
        case .refused(let retryAfter):
            throw throttled("its circuit breaker is open (it failed too often)", retryAfter: retryAfter)
        case .allowed(let isProbe):
            probe = isProbe
        }
        var wait = pausedUntil.withLock { $0.map { max(.zero, $0 - .now) } } ?? .zero
        let rate = bucket.withLock { bucket -> Duration? in
            guard bucket != nil else { return .zero }
            return bucket!.reserve(at: .now, maximumWait: maximumRateWait)
        }
        wait = max(wait, rate ?? maximumRateWait + .seconds(1))
        guard wait <= maximumRateWait else {
            if probe { _ = breaker.withLock { $0.record(success: true, probe: true, at: .now) } }
            throw throttled("it asked to slow down, or its rate limit is reached", retryAfter: max(wait, .seconds(1)))
        }
        if wait > .zero { try? await Task.sleep(for: wait) }
        return probe
    }

    /// Records a call's outcome: `success` false for failures that say the upstream is unwell (no
    /// answer, 5xx); an answer, even a refusal, is a success for the breaker.
    func record(success: Bool, probe: Bool) {
        let transition = breaker.withLock { $0.record(success: success, probe: probe, at: .now) }
        report(transition)
    }

    /// The upstream answered 429: no call of this process before `retryAfter` has passed (not a
    /// failure of the job).
    func slowDown(for retryAfter: Duration?) {
        let until = ContinuousClock.now + (retryAfter ?? .seconds(1))
        pausedUntil.withLock { $0 = max($0 ?? until, until) }
    }

    /// The breaker's phase now.
    var phase: CircuitBreakerState.Phase { breaker.withLock { $0.phase } }

    private func throttled(_ why: String, retryAfter: Duration) -> UpstreamError {
        var error = UpstreamError(
            code: .throttled, upstream: name, message: "not called: \(why); the job is deferred", isRetryable: true)
        error.hadNoEffect = true
        error.retryAfter = retryAfter
        return error
    }

    private func report(_ transition: CircuitBreakerState.Transition?) {
        guard let transition else { return }
        ServiceMetrics.breakerState(api: name, transition.to.gaugeValue)
        switch transition.to {
        case .open(let until):
            logger.warning(
                "circuit breaker opened: calls to this upstream are deferred",
                metadata: ["breaker.from": "\(transition.from)", "breaker.retry_in": "\(until - .now)"])
        case .halfOpen:
            logger.info("circuit breaker half-open: probing the upstream")
        case .closed:
            logger.notice("circuit breaker closed: the upstream answers again")
        }
    }
}
