import Foundation

/// A JSON-over-HTTP API that a resolver brings along (declared in its ``Resolver/sources`` and placed
/// by `config/sources.yaml`), as the resolver sees it: a path, a JSON object of strings, an answer.
///
/// The service implements it once for every configured source, with the guarantees of the other
/// APIs (timeouts, the job's retries, a circuit breaker, a rate limit, 429 handling, metrics labelled
/// with the source's name); tests implement it with fakes. No HTTP type appears here: a resolver
/// decodes the answer's bytes itself.
public protocol JSONSource: Sendable {
    /// The source's name (`config/sources.yaml`), e.g. `maintenance`: used in errors, logs and metrics.
    var name: String { get }

    /// Sends `body` (a JSON object of strings: ids are strings in every partner API) to `path` and
    /// returns the body of a 2xx answer; `nil` for an "unknown id" answer (404, 410, 422) when
    /// `call.notFoundIsNil`.
    /// - Throws: ``UpstreamError``: `timeout`, `unavailable` (no answer, 5xx), `rejected` (another
    ///   4xx), `throttled` (its breaker is open, its rate limit reached, or it answered 429: the job is
    ///   deferred). ``UpstreamError/hadNoEffect`` says when the request provably had no effect.
    func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data?
}

/// How one call of a ``JSONSource`` is made.
public struct JSONCall: Hashable, Sendable {
    /// An "unknown id" answer (404, 410, 422) is `nil`, not an error (lookups).
    public var notFoundIsNil: Bool
    /// Whether sending the request twice is harmless. A call that is not (it creates something, with
    /// no idempotency key) goes on a new connection, so that the HTTP client never re-sends it by itself.
    public var isIdempotent: Bool

    /// Creates call options.
    public init(notFoundIsNil: Bool = true, isIdempotent: Bool = true) {
        self.notFoundIsNil = notFoundIsNil
        self.isIdempotent = isIdempotent
    }

    /// A lookup: "unknown id" is `nil`, safe to repeat.
    public static let lookup = JSONCall()
}

extension JSONSource {
    /// A lookup (``JSONCall/lookup``): `nil` when the source does not know the id.
    public func post(_ path: String, body: [String: String]) async throws(UpstreamError) -> Data? {
        try await post(path, body: body, call: .lookup)
    }
}
