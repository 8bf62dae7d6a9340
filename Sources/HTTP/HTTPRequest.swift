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

    /// A request; `POST` with no body and the client's timeout unless told otherwise.
    public init(
        method: HTTPMethod = .post, url: String, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// Method, URL without query or credentials, and headers with credentials redacted.
    public var description: String {
        "\(method) \(redactURL(url)) \(headers) (\(body.count) body bytes)"
    }
}
