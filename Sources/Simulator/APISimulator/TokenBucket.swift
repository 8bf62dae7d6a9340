import Foundation

/// A token bucket on the simulator's clock: `rate` tokens a second, at most one second's worth
/// (and at least one token) kept; each request takes one.
struct TokenBucket {
    private(set) var tokens: Double
    private var last: Double

    /// A full bucket at `now`.
    init(rate: Double, now: Double) {
        tokens = Self.capacity(rate)
        last = now
    }

    static func capacity(_ rate: Double) -> Double { max(1, rate) }

    /// Takes a token at `now`: nil if there was one, else the whole seconds (at least 1) until there is.
    mutating func take(rate: Double, now: Double) -> Int? {
        tokens = min(Self.capacity(rate), tokens + rate * max(0, now - last))
        last = max(last, now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return max(1, Int(((1 - tokens) / rate).rounded(.up)))
    }
}
