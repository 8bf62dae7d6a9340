import Foundation

extension Simulator {
    /// A 429 with `Retry-After` when `endpoint`'s API is over its `rate_limits` rate at `now`
    /// (counted as `rate_limited`), or nil (a token taken).
    func rateLimitReply(_ endpoint: Endpoint, now: Double, _ state: inout SimulatorState) -> SimulatorReply? {
        guard !state.knobs.rateLimits.isEmpty else { return nil }
        let api = endpoint.api
        guard let rate = state.knobs.rateLimits[api] else { return nil }
        var bucket = state.rateBuckets[api] ?? TokenBucket(rate: rate, now: now)
        let retryAfter = bucket.take(rate: rate, now: now)
        state.rateBuckets[api] = bucket
        guard let retryAfter else { return nil }
        state.count(endpoint, \.rateLimited)
        let message = "rate limit of the \(api) API exceeded (\(rate.compactText) requests/s); retry after \(retryAfter) s"
        return SimulatorReply(
            action: .respond(status: 429, body: errorBody(message)), delayMilliseconds: 0, fault: .rateLimited,
            headers: ["Retry-After": String(retryAfter)])
    }
}

extension Double {
    /// `300` rather than `300.0`; other values as Swift prints them.
    fileprivate var compactText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
