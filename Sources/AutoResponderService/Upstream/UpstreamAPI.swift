import AutoResponderCore
import Foundation
import HTTP

/// One upstream HTTP API: a base URL, the token, a shared ``HTTPClient`` and the API's
/// ``UpstreamGuard`` (circuit breaker, rate limit).
///
/// Turns the HTTP wrapper's errors into the domain's ``UpstreamError`` (a 404 — or another "unknown
/// id" 4xx — is not an error but `nil`, which the ports return as "not found"). A 429 is not an error
/// of the job either: the API asked to slow down (``UpstreamError/Code/throttled``, deferred by its
/// `Retry-After`).
struct UpstreamAPI: Sendable {
    /// The API's name in errors and logs (`chats`, `logistics`, `telecom`).
    let name: String
    let baseURL: String
    let token: String
    let client: HTTPClient
    let upstreamGuard: UpstreamGuard
    /// The total timeout of one request; `nil`: the client's (`HTTP_TIMEOUT_MS`).
    let timeout: Duration?

    init(
        name: String, baseURL: String, token: String, client: HTTPClient, guard upstreamGuard: UpstreamGuard,
        timeout: Duration? = nil
    ) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
        self.upstreamGuard = upstreamGuard
        self.timeout = timeout
    }

    /// POSTs `body` as JSON to `path` and returns the answer's body, or `nil` for an "unknown id" 4xx
    /// when `notFoundIsNil` (404, 410, 422).
    /// - Throws: ``UpstreamError`` for transport failures, 5xx, other 4xx.
    /// `idempotent: false` for a call that must not happen twice (`/send_message`): see
    /// ``HTTPRequest/isIdempotent``.
    func post(
        _ path: String, body: [String: String]?, notFoundIsNil: Bool = false, idempotent: Bool = true
    ) async throws(UpstreamError) -> Data? {
        let endpoint = "\(name) \(path)"
        var request = HTTPRequest(method: .post, url: baseURL + path, timeout: timeout, isIdempotent: idempotent)
        request.headers.add(name: "authorization", value: token)
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json")
        if let body {
            request.body = Array((try? JSONEncoder().encode(body)) ?? Data("{}".utf8))
        }
        let probe = try await upstreamGuard.admit()
        let response: HTTPResponse
        let started = ContinuousClock.now
        do {
            response = try await client.execute(request)
            ServiceMetrics.upstreamRequest(api: name, duration: ContinuousClock.now - started)
        } catch {
            upstreamGuard.record(success: error.code == .cancelled, probe: probe)
            ServiceMetrics.upstreamRequest(api: name, duration: ContinuousClock.now - started)
            ServiceMetrics.upstreamError(api: name, class: error.code == .timeout ? "timeout" : "transport")
            var failure = UpstreamError(
                code: error.code == .timeout ? .timeout : .unavailable, upstream: endpoint,
                message: error.description, isRetryable: error.isRetryable)
            // No connection, or a request that could not be built: nothing reached the API.
            failure.hadNoEffect = error.code == .connectionFailed || error.code == .invalidRequest
            throw failure
        }
        if let errorClass = Self.errorClass(of: response.status, notFoundIsNil: notFoundIsNil) {
            ServiceMetrics.upstreamError(api: name, class: errorClass)
        }
        // An answer is a sign of health, a refusal included; no answer in time or a 5xx is not.
        upstreamGuard.record(success: response.status < 500 && response.status != 408, probe: probe)
        if response.status == 429 {
            let retryAfter = Self.retryAfter(response.headers["retry-after"]) ?? .seconds(1)
            upstreamGuard.slowDown(for: retryAfter)
            var throttled = UpstreamError(
                code: .throttled, upstream: endpoint, message: "answered 429: slowing down for \(retryAfter)",
                isRetryable: true)
            throttled.hadNoEffect = true
            throttled.retryAfter = retryAfter
            throw throttled
        }
        var failure: UpstreamError
        switch response.status {
        case 200..<300:
            return Data(response.body)
        case let status where notFoundIsNil && [404, 410, 422].contains(status):
            return nil
        case 401, 403:
            failure = UpstreamError(
                code: .rejected, upstream: endpoint,
                message: "answered \(response.status): the API_TOKEN is not accepted; check it")
        case 408, 429, 500...:
            failure = UpstreamError(
                code: .unavailable, upstream: endpoint, message: "answered \(response.status); will try again")
        default:
            failure = UpstreamError(
                code: .rejected, upstream: endpoint,
                message: "answered \(response.status) to a request it should accept")
        }
        // A 4xx (429 included) refuses the request before acting on it; a 5xx proves nothing.
        failure.hadNoEffect = (400..<500).contains(response.status)
        failure.retryAfter = Self.retryAfter(response.headers["retry-after"])
        throw failure
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by the partners; it is ignored), at
    /// most an hour.
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64(min(seconds, 3600) * 1000))
    }

    /// The `class` label of `autoresponder_upstream_errors_total` for a status, or `nil` when it is
    /// no error (2xx, or the "unknown id" answers that a lookup expects).
    static func errorClass(of status: Int, notFoundIsNil: Bool) -> String? {
        if notFoundIsNil && [404, 410, 422].contains(status) { return nil }
        return switch status {
        case 200..<300: nil
        case 429: "429"
        case 400..<500: "4xx"
        case 500...: "5xx"
        default: "4xx"
        }
    }
}
