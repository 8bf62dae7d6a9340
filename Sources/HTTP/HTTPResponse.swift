/// A complete response: status, header fields and the whole body.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// The header fields of the final response (not of `100 Continue`).
    public var headers: HTTPHeaders
    /// The body, at most ``HTTPClientConfiguration/maxBodyBytes`` long.
    public var body: [UInt8]

    /// A response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
