import AutoResponderCore
import Foundation
import HTTP
import Logging
import Resilience
import Testing

@testable import AutoResponderService

/// What ``UpstreamAPI/post(_:body:notFoundIsNil:)`` throws for each answer of a real HTTP server on
/// 127.0.0.1 (in this process): above all `hadNoEffect`, on which "never two replies" rests.
@Suite struct UpstreamAPIErrorTests {
    /// POSTs to `path` of a local server answering `status` (with `Retry-After: retryAfter`).
    static func failure(
        status: Int, retryAfter: String? = nil, notFoundIsNil: Bool = false
    ) async throws -> UpstreamError? {
        try await StatusServer.withServer { server in
            let client = HTTP.HTTPClient(
                configuration: HTTPClientConfiguration(requestTimeout: .seconds(5)), logger: quietLogger)
            let api = UpstreamAPI(name: "chats", baseURL: server.baseURL, token: "t", client: client, guard: testGuard())
            var path = "/status/\(status)"
            if let retryAfter { path += "?retry-after=\(retryAfter)" }
            var caught: UpstreamError?
            do throws(UpstreamError) {
                _ = try await api.post(path, body: ["conversation_id": "1"], notFoundIsNil: notFoundIsNil)
            } catch {
                caught = error
            }
            await client.shutdown()
            return caught
        }
    }

    @Test(arguments: [500, 502, 503, 504])
    func aServerErrorProvesNothing(_ status: Int) async throws {
        let error = try #require(try await Self.failure(status: status))
        #expect(error.hadNoEffect == false)
        #expect(error.code == .unavailable)
        #expect(error.isRetryable)
    }

    @Test func aTooManyRequestsHadNoEffectAndSaysWhenToComeBack() async throws {
        let error = try #require(try await Self.failure(status: 429, retryAfter: "7"))
        #expect(error.hadNoEffect)
        #expect(error.isRetryable)
        #expect(error.retryAfter == .seconds(7))
    }

    @Test(arguments: [400, 401, 403, 404, 409, 413])
    func aRefusalHadNoEffectAndIsNotRetried(_ status: Int) async throws {
        let error = try #require(try await Self.failure(status: status))
        #expect(error.hadNoEffect)
        #expect(error.code == .rejected)
        #expect(!error.isRetryable)
    }

    @Test func aServiceUnavailableKeepsItsRetryAfter() async throws {
        let error = try #require(try await Self.failure(status: 503, retryAfter: "30"))
        #expect(error.retryAfter == .seconds(30))
        #expect(!error.hadNoEffect)
    }

    @Test(arguments: [404, 410, 422])
    func anUnknownIdIsNoErrorForALookup(_ status: Int) async throws {
        #expect(try await Self.failure(status: status, notFoundIsNil: true) == nil)
    }

    @Test func aRefusedConnectionHadNoEffect() async throws {
        let port = try StatusServer.closedPort()
        let client = HTTP.HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: .seconds(5)), logger: quietLogger)
        let api = UpstreamAPI(name: "chats", baseURL: "http://127.0.0.1:\(port)", token: "t", client: client, guard: testGuard())
        var caught: UpstreamError?
        do throws(UpstreamError) {
            _ = try await api.post("/send_message", body: ["conversation_id": "1", "message": "hi"])
        } catch {
            caught = error
        }
        await client.shutdown()
        let error = try #require(caught)
        #expect(error.hadNoEffect)
        #expect(error.code == .unavailable)
    }

    @Test func noAnswerInTimeProvesNothing() async throws {
        try await StatusServer.withServer { server in
            let client = HTTP.HTTPClient(
                configuration: HTTPClientConfiguration(requestTimeout: .milliseconds(300)), logger: quietLogger)
            let api = UpstreamAPI(name: "chats", baseURL: server.baseURL, token: "t", client: client, guard: testGuard())
            var caught: UpstreamError?
            do throws(UpstreamError) {
                _ = try await api.post("/slow", body: ["conversation_id": "1", "message": "hi"])
            } catch {
                caught = error
            }
            await client.shutdown()
            let error = try #require(caught)
            #expect(error.code == .timeout)
            #expect(!error.hadNoEffect, "the server may have acted before the timeout")
        }
    }
}

/// A guard with the default breaker and no rate limit.
func testGuard() -> UpstreamGuard {
    UpstreamGuard(
        name: "chats", breaker: CircuitBreakerPolicy(), ratePerSecond: nil,
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
}
