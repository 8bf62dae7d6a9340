import APISimulator
import Foundation
import Testing
import World

/// The `rate_limits` knob: a token bucket per API on the simulator's clock, 429 with `Retry-After`.
@Suite struct RateLimitTests {
    private func simulator(_ limits: [UpstreamAPI: Double], clock: ManualClock) throws -> Simulator {
        var knobs = SimulatorKnobs()
        knobs.rateLimits = limits
        return try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
    }

    @Test func inOneSecondTheRatePlusTheBurstPassAndTheExcessGets429WithRetryAfter() throws {
        let clock = ManualClock()
        let simulator = try simulator([.logistics: 8], clock: clock)
        // The full bucket at once (8), one more refused; then two requests every 1/8 s for a second.
        var statuses = (0..<9).map { _ in simulator.call(.tracking).status }
        for _ in 0..<8 {
            clock.advance(by: 0.125)
            statuses += [simulator.call(.tracking).status, simulator.call(.zipCode).status]
        }
        #expect(statuses.count == 25)
        #expect(statuses.filter { $0 == 200 }.count == 16, "rate (8/s) + burst (8)")
        #expect(statuses.filter { $0 == 429 }.count == 9)
        let refused = simulator.call(.tracking)
        #expect(refused.status == 429)
        #expect(refused.fault == .rateLimited)
        #expect(refused.headers["Retry-After"] == "1")
        #expect(refused.delayMilliseconds == 0)
        let stats = simulator.stats()
        #expect(stats.endpoints["tracking"]?.rateLimited == 2)
        #expect(stats.endpoints["zip_code"]?.rateLimited == 8)
        #expect(stats.endpoints["tracking"]?.requests == 18)
    }

    @Test func retryAfterIsInWholeSecondsAndTokensRefillWithTime() throws {
        let clock = ManualClock()
        let simulator = try simulator([.telecom: 0.25], clock: clock)
        #expect(simulator.call(.chipStatus).status == 200, "a burst of at least one request")
        let refused = simulator.call(.chipStatus)
        #expect(refused.status == 429)
        #expect(refused.headers["Retry-After"] == "4")
        clock.advance(by: 2.5)
        #expect(simulator.call(.chipStatus).headers["Retry-After"] == "2")
        clock.advance(by: 1.5)
        #expect(simulator.call(.chipStatus).status == 200)
    }

    @Test func anIdleBucketHoldsOneSecondsWorthAtMost() throws {
        let clock = ManualClock()
        let simulator = try simulator([.chats: 5], clock: clock)
        clock.advance(by: 100)
        let statuses = (0..<8).map { _ in simulator.call(.conversations).status }
        #expect(statuses == [200, 200, 200, 200, 200, 429, 429, 429])
    }

    @Test func eachAPIHasItsOwnLimit() throws {
        let clock = ManualClock()
        let simulator = try simulator([.logistics: 2, .telecom: 3], clock: clock)
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.zipCode).status == 200)
        #expect(simulator.call(.tracking).status == 429, "tracking and zip_code share the logistics bucket")
        #expect((0..<3).map { _ in simulator.call(.chipStatus).status } == [200, 200, 200])
        #expect(simulator.call(.chipStatus).status == 429)
        #expect((0..<100).allSatisfy { _ in simulator.call(.conversationInfo).status == 200 }, "chats is not limited")
    }

    @Test func a429ComesBeforeAuthorizationAndPostsNothing() throws {
        let clock = ManualClock()
        let simulator = try simulator([.chats: 1], clock: clock)
        #expect(simulator.call(.conversations, token: "wrong").status == 401, "an unauthorized request takes a token")
        #expect(simulator.call(.sendMessage).status == 429)
        #expect(simulator.sentMessages().isEmpty)
        #expect(simulator.call(.sendMessage, token: "wrong").status == 429)
        #expect(simulator.stats().endpoints["send_message"]?.unauthorized == 0)
    }

    @Test func changingALimitStartsThatAPIWithAFullBucket() throws {
        let clock = ManualClock()
        let simulator = try simulator([.logistics: 1, .telecom: 1], clock: clock)
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.chipStatus).status == 200)
        try simulator.applyKnobPatch(Data(#"{"rate_limits": {"logistics": 2, "telecom": 1}}"#.utf8))
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.tracking).status == 429)
        #expect(simulator.call(.chipStatus).status == 429, "telecom's limit did not change")
        try simulator.applyKnobPatch(Data(#"{"rate_limits": null}"#.utf8))
        #expect(simulator.knobs.rateLimits.isEmpty)
        #expect(simulator.call(.tracking).status == 200)
    }

    @Test func retryAfterReachesAnHTTPClient() async throws {
        // A clock that does not move: the bucket cannot refill between requests, however slow they are.
        let simulator = try makeSimulator(try committedOriginalWorld(), clock: ManualClock())
        try await serve(simulator) { (base: URL) async throws in
            let set = try await post(base, "_sim/config", #"{"rate_limits": {"logistics": 1}}"#, token: nil)
            #expect(set.status == 200)
            #expect((set.object?["rate_limits"] as? [String: Any])?["logistics"] as? Double == 1)
            var answers: [HTTPAnswer] = []
            for _ in 0..<3 { answers.append(try await post(base, "tracking", #"{"id_sale": "123456"}"#)) }
            #expect(answers.map(\.status).contains(429))
            let refused = try #require(answers.first { $0.status == 429 })
            let retryAfter = try #require(refused.headers["retry-after"].flatMap { Int($0) })
            #expect(retryAfter >= 1)
            #expect(refused.object?["error"] as? String != nil)
            #expect(refused.headers["content-type"] == "application/json")
            let stats = try await get(base, "/_sim/stats")
            let tracking = (stats.object?["endpoints"] as? [String: Any])?["tracking"] as? [String: Any]
            #expect(tracking?["rate_limited"] as? Int == answers.filter { $0.status == 429 }.count)
            #expect(try await post(base, "_sim/config", #"{"rate_limits": {"logistics": -5}}"#, token: nil).status == 400)
        }
    }
}
