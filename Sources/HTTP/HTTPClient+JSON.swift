import Foundation

extension HTTPClient {
    /// POSTs `body` as JSON and decodes a 2xx answer as `Response`.
    ///
    /// Sends `content-type: application/json` and `accept: application/json` (unless `headers`
    /// sets them) besides `headers`. Throws ``HTTPError`` with code ``HTTPError/Code/status``
    /// (carrying the status and a body excerpt) for a non-2xx answer, and
    /// ``HTTPError/Code/invalidBody`` (saying what was expected) when the body is not JSON of
    /// that shape; transport failures as in ``execute(_:)``.
    public func postJSON<Body: Encodable & Sendable, Response: Decodable>(
        _ url: String, body: Body, headers: [String: String] = [:], as type: Response.Type,
        timeout: Duration? = nil
    ) async throws(HTTPError) -> Response {
        let request = try jsonRequest(url, body: encode(body, url: url), headers: headers, timeout: timeout)
        return try decode(type, from: try await executeExpectingSuccess(request), request: request)
    }

    /// POSTs an empty body and decodes a 2xx JSON answer as `Response` (for endpoints that take
    /// no parameters); otherwise as ``postJSON(_:body:headers:as:timeout:)``.
    public func postJSON<Response: Decodable>(
        _ url: String, headers: [String: String] = [:], as type: Response.Type, timeout: Duration? = nil
    ) async throws(HTTPError) -> Response {
        let request = try jsonRequest(url, body: [], headers: headers, timeout: timeout)
        return try decode(type, from: try await executeExpectingSuccess(request), request: request)
    }

    /// POSTs `body` as JSON and only checks that the answer is 2xx (for endpoints whose body is
    /// unspecified); the response is returned for callers that want it.
    @discardableResult
    public func postJSON<Body: Encodable & Sendable>(
        _ url: String, body: Body, headers: [String: String] = [:], timeout: Duration? = nil
    ) async throws(HTTPError) -> HTTPResponse {
        let request = try jsonRequest(url, body: encode(body, url: url), headers: headers, timeout: timeout)
        return try await executeExpectingSuccess(request)
    }

    /// Executes the request and throws ``HTTPError/Code/status`` unless the answer is 2xx.
    public func executeExpectingSuccess(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let response = try await execute(request)
        guard response.isSuccess else {
            throw HTTPError(
                code: .status,
                message: "The server answered status \(response.status)"
                    + (response.status >= 500 || response.status == 429
                        ? "; it may succeed later." : "; the request or its ids were not accepted."),
                method: request.method, url: request.url, status: response.status, body: response.body)
        }
        return response
    }

    private func jsonRequest(
        _ url: String, body: [UInt8], headers: [String: String], timeout: Duration?
    ) throws(HTTPError) -> HTTPRequest {
        var fields = HTTPHeaders(headers)
        if !fields.contains("content-type") { fields.add(name: "content-type", value: "application/json") }
        if !fields.contains("accept") { fields.add(name: "accept", value: "application/json") }
        return HTTPRequest(method: .post, url: url, headers: fields, body: body, timeout: timeout)
    }

    private func encode<Body: Encodable>(_ body: Body, url: String) throws(HTTPError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(body))
        } catch {
            throw HTTPError(
                code: .invalidRequest, message: "The body could not be encoded as JSON: \(error).",
                method: .post, url: url)
        }
    }

    private func decode<Response: Decodable>(
        _ type: Response.Type, from response: HTTPResponse, request: HTTPRequest
    ) throws(HTTPError) -> Response {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw HTTPError(
                code: .invalidBody,
                message: "The body is not the expected \(type) (\(describe(error))); the API may have "
                    + "changed or failed without saying so.",
                method: request.method, url: request.url, status: response.status, body: response.body)
        }
    }
}

/// A one-line account of a decoding failure: what was wrong and where.
private func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
        return keys.isEmpty ? "at the top level" : "at " + keys.joined()
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "field \"\(key.stringValue)\" missing \(path(context))"
    case .typeMismatch(let type, let context):
        return "expected \(type) \(path(context))"
    case .valueNotFound(let type, let context):
        return "expected \(type) but found null \(path(context))"
    case .dataCorrupted(let context):
        return context.codingPath.isEmpty ? "not valid JSON" : "invalid value \(path(context))"
    @unknown default:
        return "\(error)"
    }
}
