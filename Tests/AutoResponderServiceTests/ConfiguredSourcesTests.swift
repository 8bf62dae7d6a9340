import AutoResponderCore
import Foundation
import HTTP
import Logging
import Testing

@testable import AutoResponderService

/// The data sources of `config/sources.yaml` as the worker builds them: each an ``UpstreamAPI`` of its
/// own (its URL, token, timeout, rate limit, and a circuit breaker named after it), with nothing
/// written for it but its entry.
@Suite struct ConfiguredSourcesTests {
    static let definitions = SourcesConfiguration(sources: [
        SourceDefinition(
            name: "maintenance", urlVariable: "MAINTENANCE_API_URL", timeout: .milliseconds(1500),
            rateVariable: "MAINTENANCE_API_RATE")
    ])

    /// The sources of `definitions` over `client` (its thread starts with the first request).
    static func sources(
        _ environment: [String: String], _ definitions: SourcesConfiguration = definitions,
        client: HTTP.HTTPClient = HTTP.HTTPClient(logger: quietLogger)
    ) throws -> DataSources {
        try DataSources.make(
            definitions, configuration: try ServiceConfiguration(environment: environment), client: client,
            logger: quietLogger)
    }

    @Test func aSourceGetsItsURLTokenTimeoutRateAndABreakerOfItsOwn() throws {
        let sources = try Self.sources([
            "API_TOKEN": "secret", "MAINTENANCE_API_URL": "http://127.0.0.1:1/", "MAINTENANCE_API_RATE": "5",
        ])
        let source = try #require(sources.jsonSource("maintenance") as? UpstreamJSONSource)
        #expect(source.name == "maintenance")
        #expect(source.api.baseURL == "http://127.0.0.1:1")
        #expect(source.api.token == "secret")
        #expect(source.api.timeout == .milliseconds(1500))
        #expect(source.api.upstreamGuard.name == "maintenance")
        #expect(sources.satisfies(.jsonAPI("maintenance")))
    }

    @Test func whatTheEnvironmentLacksOrGetsWrongIsNamed() {
        func variable(_ environment: [String: String], _ definitions: SourcesConfiguration = Self.definitions) -> String? {
            do {
                _ = try Self.sources(environment, definitions)
                return nil
            } catch let error as ServiceConfigurationError {
                return error.variable
            } catch {
                return "\(error)"
            }
        }
        #expect(variable(["API_TOKEN": "t"]) == "MAINTENANCE_API_URL", "no URL and no default_url")
        #expect(variable(["API_TOKEN": "t", "MAINTENANCE_API_URL": "http://x", "MAINTENANCE_API_RATE": "fast"]) == "MAINTENANCE_API_RATE")
        let ownToken = SourcesConfiguration(sources: [
            SourceDefinition(name: "maintenance", urlVariable: "M_URL", defaultURL: "http://x", tokenVariable: "M_TOKEN")
        ])
        #expect(variable(["API_TOKEN": "t"], ownToken) == "M_TOKEN")
        #expect(variable(["API_TOKEN": "t", "M_TOKEN": "m"], ownToken) == nil, "default_url stands in for M_URL")
        let taken = SourcesConfiguration(sources: [SourceDefinition(name: "telecom", urlVariable: "T_URL", defaultURL: "http://x")])
        #expect(variable(["API_TOKEN": "t"], taken) == "sources.yaml")
    }

    @Test func aSourceAnswersLikeEveryUpstreamAPI() async throws {
        try await StatusServer.withServer { server in
            let client = HTTP.HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: .seconds(10)), logger: quietLogger)
            let environment = [
                "API_TOKEN": "t", "MAINTENANCE_API_URL": server.baseURL, "BREAKER_MIN_CALLS": "2",
                "BREAKER_FAILURE_RATIO": "0.5",
            ]
            // The client's timeout (10 s) for the answers, so that a loaded machine does not turn them into
            // timeouts; the 1.5 s of `definitions` only for the slow call.
            let patient = SourcesConfiguration(sources: [
                SourceDefinition(name: "maintenance", urlVariable: "MAINTENANCE_API_URL")
            ])
            let source = try #require(try Self.sources(environment, patient, client: client).jsonSource("maintenance"))
            let hasty = try #require(try Self.sources(environment, client: client).jsonSource("maintenance"))
            #expect(try await source.post("/status/200", body: ["id_sale": "1"]) != nil)
            #expect(try await source.post("/status/404", body: ["id_sale": "1"]) == nil, "unknown id")
            func failure(_ path: String, _ call: JSONCall = .lookup, of source: any JSONSource = source) async -> UpstreamError? {
                do throws(UpstreamError) {
                    _ = try await source.post(path, body: [:], call: call)
                    return nil
                } catch {
                    return error
                }
            }
            let refused = await failure("/status/404", JSONCall(notFoundIsNil: false))
            #expect(refused?.code == .rejected, "\(String(describing: refused))")
            let limited = await failure("/status/429?retry-after=1")
            #expect(limited?.code == .throttled)
            #expect(limited?.hadNoEffect == true)
            try await Task.sleep(for: .milliseconds(1100))
            let started = ContinuousClock.now
            #expect(await failure("/slow", of: hasty)?.code == .timeout)
            #expect(ContinuousClock.now - started < .seconds(5), "its own timeout_ms (1.5 s), not the client's 10 s")
            // Its own breaker (a source built afresh: a breaker that saw nothing yet).
            let fresh = try #require(try Self.sources(environment, patient, client: client).jsonSource("maintenance"))
            for _ in 0..<2 {
                do throws(UpstreamError) {
                    _ = try await fresh.post("/status/503", body: [:])
                    Issue.record("a 503 was an answer")
                } catch {
                    #expect(error.code == .unavailable)
                }
            }
            do throws(UpstreamError) {
                _ = try await fresh.post("/status/200", body: [:])
                Issue.record("called through an open breaker")
            } catch {
                #expect(error.code == .throttled, "its breaker opened after its failures")
                #expect(error.upstream == "maintenance")
                #expect(error.hadNoEffect)
            }
            await client.shutdown()
        }
    }
}
