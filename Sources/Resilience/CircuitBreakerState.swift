/// When a circuit breaker opens, how long it stays open, and how it probes.
public struct CircuitBreakerPolicy: Sendable, Equatable {
    /// Outcomes older than this do not count (kept in one-second buckets).
    public var window: Duration
    /// Fewer calls than this in the window never open the breaker.
    public var minimumCalls: Int
    /// The share of failures in the window (0...1) that opens the breaker.
    public var failureRatio: Double
    /// How long the breaker stays open the first time; each failed probe doubles it...
    public var openDuration: Duration
    /// ...up to this.
    public var maximumOpenDuration: Duration
    /// Calls let through at once while half-open (probes).
    public var halfOpenProbes: Int

    /// A policy; the defaults suit an HTTP partner answering in tens of milliseconds.
    public init(
        window: Duration = .seconds(10), minimumCalls: Int = 10, failureRatio: Double = 0.5,
        openDuration: Duration = .seconds(5), maximumOpenDuration: Duration = .seconds(60), halfOpenProbes: Int = 1
    ) {
        self.window = window
        self.minimumCalls = max(1, minimumCalls)
        self.failureRatio = min(max(failureRatio, 0.01), 1)
        self.openDuration = openDuration
        self.maximumOpenDuration = max(openDuration, maximumOpenDuration)
        self.halfOpenProbes = max(1, halfOpenProbes)
    }
}

/// A circuit breaker as a pure state machine over explicit instants (tests drive the clock):
/// closed → open after `failureRatio` failures among at least `minimumCalls` calls in `window`;
/// open → half-open when `openDuration` has passed; half-open lets `halfOpenProbes` calls through:
/// a success closes it, a failure opens it again for twice as long (up to `maximumOpenDuration`).
public struct CircuitBreakerState: Sendable {
    /// Where the breaker stands.
    public enum Phase: Sendable, Equatable, CustomStringConvertible {
        /// Calls go through.
        case closed
        /// Calls are refused until this instant.
        case open(until: ContinuousClock.Instant)
        /// A few probes go through; their outcome decides.
        case halfOpen

        /// `closed`, `open`, `half-open`.
        public var description: String {
            switch self {
            case .closed: "closed"
            case .open: "open"
            case .halfOpen: "half-open"
            }
        }

        /// The gauge value of `autoresponder_circuit_breaker_state`: 0 closed, 1 half-open, 2 open.
        public var gaugeValue: Int {
            switch self {
            case .closed: 0
            case .halfOpen: 1
            case .open: 2
            }
        }
    }

    /// Whether a call may go.
    public enum Admission: Sendable, Equatable {
        /// Go; `probe` when it is a half-open probe (report its outcome with `probe: true`).
        case allowed(probe: Bool)
        /// Not now; try again after this long.
        case refused(retryAfter: Duration)
    }

    /// A change of phase, for logs and metrics.
    public struct Transition: Sendable, Equatable {
        /// The phase before.
        public let from: Phase
        /// The phase after.
        public let to: Phase
    }

    /// The policy.
    public let policy: CircuitBreakerPolicy
    /// The current phase.
    public private(set) var phase: Phase = .closed
    private var buckets: [Bucket]
    private var probesInFlight = 0
    private var reopenings = 0

    private struct Bucket {
        var second: Int64 = .min
        var calls = 0
        var failures = 0
    }

    /// A closed breaker.
    public init(policy: CircuitBreakerPolicy = CircuitBreakerPolicy()) {
        self.policy = policy
        buckets = Array(repeating: Bucket(), count: max(1, Int(policy.window.components.seconds)))
    }

    /// Whether a call may go now (half-open: counts the probe).
    public mutating func admit(at now: ContinuousClock.Instant) -> (Admission, Transition?) {
        switch phase {
        case .closed:
            return (.allowed(probe: false), nil)
        case .open(let until):
            guard now >= until else { return (.refused(retryAfter: until - now), nil) }
            let transition = Transition(from: phase, to: .halfOpen)
            phase = .halfOpen
            probesInFlight = 1
            return (.allowed(probe: true), transition)
        case .halfOpen:
            guard probesInFlight < policy.halfOpenProbes else { return (.refused(retryAfter: .seconds(1)), nil) }
            probesInFlight += 1
            return (.allowed(probe: true), nil)
        }
    }

    /// Records a call's outcome (`probe` as ``admit(at:)`` said).
    public mutating func record(success: Bool, probe: Bool, at now: ContinuousClock.Instant) -> Transition? {
        switch phase {
        case .closed:
            count(success: success, at: now)
            guard !success, tripped(at: now) else { return nil }
            return open(at: now)
        case .halfOpen:
            guard probe else { return nil }
            probesInFlight = max(0, probesInFlight - 1)
            if success {
                let transition = Transition(from: phase, to: .closed)
                phase = .closed
                reopenings = 0
                buckets = buckets.map { _ in Bucket() }
                return transition
            }
            reopenings += 1
            return open(at: now)
        case .open:
            return nil  // a late answer of a call admitted before the breaker opened
        }
    }

    private mutating func open(at now: ContinuousClock.Instant) -> Transition {
        var duration = policy.openDuration
        for _ in 0..<min(reopenings, 16) where duration < policy.maximumOpenDuration { duration = duration * 2 }
        let transition = Transition(from: phase, to: .open(until: now + min(duration, policy.maximumOpenDuration)))
        phase = transition.to
        probesInFlight = 0
        return transition
    }

    private mutating func count(success: Bool, at now: ContinuousClock.Instant) {
        let second = Self.second(of: now)
        let index = Int(((second % Int64(buckets.count)) + Int64(buckets.count)) % Int64(buckets.count))
        if buckets[index].second != second { buckets[index] = Bucket(second: second) }
        buckets[index].calls += 1
        if !success { buckets[index].failures += 1 }
    }

    private func tripped(at now: ContinuousClock.Instant) -> Bool {
        let oldest = Self.second(of: now) - Int64(buckets.count) + 1
        var calls = 0
        var failures = 0
        for bucket in buckets where bucket.second >= oldest {
            calls += bucket.calls
            failures += bucket.failures
        }
        return calls >= policy.minimumCalls && Double(failures) >= policy.failureRatio * Double(calls)
    }

    private static func second(of instant: ContinuousClock.Instant) -> Int64 {
        (instant - ContinuousClock.Instant.zeroReference).components.seconds
    }
}

extension ContinuousClock.Instant {
    /// A fixed instant (the clock's first reading in this process) to count whole seconds from.
    static let zeroReference = ContinuousClock.now
}
