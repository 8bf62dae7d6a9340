/// Exponential backoff: each delay doubles from `initial` up to `maximum`, with optional jitter.
///
/// The one backoff of the project: reconnect loops, retries of a database write, and the retry
/// schedule of jobs all take their delays from it.
///
/// ```swift
/// var backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10))
/// while true {
///     do { try connect(); backoff.reset(); break } catch { try await Task.sleep(for: backoff.next()) }
/// }
/// ```
public struct Backoff: Sendable {
    /// How a delay is spread so that many clients that failed together do not retry together.
    public enum Jitter: Sendable, Equatable {
        /// The exact delay.
        case none
        /// A uniformly random delay between half the delay and the delay ("equal jitter").
        case equal
        /// A uniformly random delay between zero and the delay ("full jitter").
        case full
    }

    /// The first delay.
    public let initial: Duration
    /// No delay is longer.
    public let maximum: Duration
    /// How delays are spread.
    public let jitter: Jitter
    private var current: Duration

    /// A backoff starting at `initial` and doubling up to `maximum`.
    public init(initial: Duration, maximum: Duration, jitter: Jitter = .equal) {
        precondition(initial > .zero && maximum >= initial, "Backoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
        self.current = initial
    }

    /// The next delay; the one after it is twice as long (up to ``maximum``).
    public mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// The next delay, drawing the jitter from `generator` (deterministic in tests).
    public mutating func next<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        let delay = current
        current = min(current * 2, maximum)
        switch jitter {
        case .none: return delay
        case .equal: return delay * Double.random(in: 0.5...1.0, using: &generator)
        case .full: return delay * Double.random(in: 0.0...1.0, using: &generator)
        }
    }

    /// Starts again from ``initial`` (after a success).
    public mutating func reset() { current = initial }
}
