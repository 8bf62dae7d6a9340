import Foundation

/// A request that failed: no answer in time, no connection, a transport error, an error status,
/// a body of the wrong shape or size, or a client that was shut down or a task that was cancelled.
///
/// Switch on ``code`` (``Code`` is opaque, so codes can be added); ``isRetryable`` says whether the
/// same request may succeed later. Whether retrying is *safe* (the request is not idempotent) is the
/// caller's decision: a timed-out `POST` may have been carried out.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No complete answer within the request timeout (or no connection within the connect timeout).
        public static let timeout = Code("timeout")
        /// No connection: refused, host name not resolved, or unreachable.
        public static let connectionFailed = Code("connectionFailed")
        /// Any other libcurl failure (connection reset, TLS, protocol error); see the message.
        public static let transport = Code("transport")
        /// The server answered a status outside 2xx; see ``HTTPError/status``.
        public static let status = Code("status")
        /// The body is not of the expected shape (not JSON, or missing fields).
        public static let invalidBody = Code("invalidBody")
        /// The body is larger than ``HTTPClientConfiguration/maxBodyBytes``.
        public static let bodyTooLarge = Code("bodyTooLarge")
        /// The client was shut down before the request ended.
        public static let shutdown = Code("shutdown")
        /// The awaiting task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The request could not be built: malformed URL, unsupported scheme, unencodable body.
        public static let invalidRequest = Code("invalidRequest")

        /// The code's name, e.g. `timeout`.
        public var description: String { name }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What failed and what to do about it.
    public let message: String
    /// The request's method.
    public let method: HTTPMethod
    /// The request's URL without query, fragment or credentials (they may hold secrets).
    public let url: String
    /// The status code, for ``Code/status`` (and ``Code/invalidBody``: the status of that body).
    public let status: Int?
    /// The start of the response body (at most 200 characters), when there was one.
    public let bodyExcerpt: String?

    /// An error; `url` is redacted here.
    init(
        code: Code, message: String, method: HTTPMethod, url: String, status: Int? = nil,
        body: [UInt8]? = nil
    ) {
        self.code = code
        self.message = message
        self.method = method
        self.url = redactURL(url)
        self.status = status
        self.bodyExcerpt = body.flatMap { $0.isEmpty ? nil : excerpt(of: $0) }
    }

    /// Whether the same request may succeed later: timeouts, connection failures, transient
    /// transport errors (reset, empty reply), 5xx and 429. Other 4xx, bad bodies, shutdown and
    /// cancellation are not.
    public var isRetryable: Bool {
        switch code {
        case .timeout, .connectionFailed: return true
        case .transport: return transient
        case .status: return status.map { $0 >= 500 || $0 == 429 } ?? false
        default: return false
        }
    }

    /// Set for transport errors that a new attempt may not meet (resets, empty replies).
    var transient = false

    /// `POST http://host/path failed (timeout): message`, then the body excerpt if any.
    public var description: String {
        var text = "\(method) \(url) failed (\(code)"
        if let status { text += ", status \(status)" }
        text += "): \(message)"
        if let bodyExcerpt { text += " Body starts with: \(bodyExcerpt)" }
        return text
    }
}

/// The URL without query, fragment and user info, which may carry tokens or passwords.
func redactURL(_ url: String) -> String {
    var text = Substring(url)
    if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
    guard let schemeEnd = text.range(of: "://") else { return String(text) }
    let authorityStart = schemeEnd.upperBound
    let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
    if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") {
        return String(text[..<authorityStart]) + String(text[text.index(after: at)...])
    }
    return String(text)
}

/// The first 200 characters of a body as text, control characters replaced by spaces.
func excerpt(of body: [UInt8], limit: Int = 200) -> String {
    let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
    let cleaned = String(text.prefix(limit).map { isControl($0) ? " " : $0 })
    return text.count > limit || body.count > limit * 4 ? cleaned + "…" : cleaned
}

private func isControl(_ character: Character) -> Bool {
    character.isNewline || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
}
