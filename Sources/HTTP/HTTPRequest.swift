/// A request for ``HTTPClient/execute(_:)``.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// The method; `POST` unless set.
    public var method: HTTPMethod
    /// The absolute `http://` or `https://` URL.
    public var url: String
    /// Header fields sent as given (libcurl adds `host`, `content-length` and `user-agent`).
    public var headers: HTTPHeaders
    /// The request body (sent for every method except `GET` and `HEAD` when not empty).
    public var body: [UInt8]
    /// Overrides ``HTTPClientConfiguration/requestTimeout`` for this request.
    public var timeout: Duration?
    /// Whether sending the request twice is harmless (`true` unless set). A request that is not
    /// idempotent (it posts something) is always sent on a new connection: on a reused keep-alive
    /// connection that dies before any byte of the answer arrives, libcurl silently sends the request
    /// again on a fresh connection ("Connection died, retrying a fresh connect"), and a server that
    /// had acted on the first copy acts twice. On a new connection that failure is reported instead
    /// (``HTTPError/Code/transport``), and the caller decides.
    public var isIdempotent: Bool

    /// A request; `POST` with no body and the client's timeout unless told otherwise.
    public init(
        method: HTTPMethod = .post, url: String, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], timeout: Duration? = nil, isIdempotent: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent
    }

    /// Method, URL without query or credentials, and headers with credentials redacted.
    public var description: String {
        "\(method) \(redactURL(url)) \(headers) (\(body.count) body bytes)"
    }
}
