/// An upstream (an HTTP API or the business database) could not give a usable answer.
///
/// Adapters of the ports throw this for failures; "not found" is *not* a failure (ports return `nil`).
/// Resolvers let it propagate: the worker retries the job, and after the last attempt hands the
/// conversation to a person (``HandOffReason/upstreamFailure``).
public struct UpstreamError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque, so that cases can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Unreachable, refused, 5xx, connection reset.
        public static let unavailable = Code("unavailable")
        /// No answer in time.
        public static let timeout = Code("timeout")
        /// An answer that is not the documented shape (bad JSON, missing field, invalid id).
        public static let invalidResponse = Code("invalidResponse")
        /// A well-formed answer about something else than what was asked (another sale, chip or
        /// merchant): rejected so that no reply carries another merchant's data.
        public static let mismatchedData = Code("mismatchedData")
        /// A 4xx other than "not found" (e.g. 401: wrong token): retrying will not help.
        public static let rejected = Code("rejected")
        /// Not called at all: the upstream's circuit breaker is open or its rate limit is reached. Not
        /// a failure of the job: it is deferred by ``UpstreamError/retryAfter``.
        public static let throttled = Code("throttled")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// Which upstream, e.g. `logistics /tracking`, `database`.
    public let upstream: String
    /// What failed and what to do.
    public let message: String
    /// Whether trying again later may succeed.
    public let isRetryable: Bool
    /// True when the failure proves that the request had no effect (no connection was made, or the
    /// upstream refused it before acting: a 4xx, a 429). A timeout, a 5xx or a dropped connection
    /// prove nothing: a non-idempotent request may have been carried out.
    public var hadNoEffect: Bool = false
    /// How long the upstream asked to wait before trying again (`Retry-After`), when it said.
    public var retryAfter: Duration?

    /// Creates an error. `isRetryable` defaults to `false` for ``Code/rejected``, `true` otherwise
    /// (upstreams fail transiently, including garbled bodies and wrong ids).
    public init(code: Code, upstream: String, message: String, isRetryable: Bool? = nil) {
        self.code = code
        self.upstream = upstream
        self.message = message
        self.isRetryable = isRetryable ?? (code != .rejected)
    }

    /// Says which upstream failed, how, and whether it is worth retrying.
    public var description: String {
        "\(upstream) failed (\(code)): \(message)" + (isRetryable ? " (retryable)" : " (not retryable)")
    }
}
