import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// Partners that go down or limit: an outage costs time, not answers; the service calls a failing API
/// little, and slows down when asked. `OUTAGE_RUN_CONVERSATIONS` sets the size (default 300); the
/// figures of each run are printed.
@Suite(.serialized) struct UpstreamOutageEndToEndTests {
    static var size: Int { ProcessInfo.processInfo.environment["OUTAGE_RUN_CONVERSATIONS"].flatMap(Int.init) ?? 300 }
    static var outageSeconds: Double {
        ProcessInfo.processInfo.environment["OUTAGE_SECONDS"].flatMap(Double.init) ?? 20
    }

    /// Hand-offs that an upstream failure caused (there must be none: the outage is shorter than the budget).
    static func failureHandOffs(_ system: EndToEndSystem) async throws -> Int {
        try await system.query(
            "SELECT count(*)::bigint AS n FROM responder.handoffs WHERE reason IN ('upstream_failure', 'repeated_failure')"
        ).first?.decode(Int.self, "n") ?? 0
    }

    @Test func aLogisticsOutageCostsTimeNotAnswers() async throws {
        let world = try WorldGenerator.generate(.init(seed: 61, merchants: Self.size))
        let conversations = world.conversations.filter { !$0.messages.isEmpty }
        let logistics = conversations.filter { $0.truth?.intent == .logistics }.map(\.conversationId)
        var knobs = SimulatorKnobs()
        knobs.arrivalPerSecond = Double(Self.size) / 15  // arrivals spread over ~15 s, into the outage
        knobs.latencyMilliseconds = 5
        knobs.closeAfterSeconds = nil
        let environment = ["RETRY_BUDGET_MS": "180000", "JOB_RETRY_DELAYS_MS": "500,1000,2000,5000"]
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2, environment: environment) { system in
            try await system.waitUntil(timeout: .seconds(30), "the first replies") { $0.count >= 5 }
            _ = try system.simulator.startOutage(
                Outage(endpoints: [.tracking, .zipCode], status: 503, durationSeconds: Self.outageSeconds))
            try await Task.sleep(for: .seconds(Self.outageSeconds))
            try await system.waitUntil(timeout: .seconds(120), "a reply in each of \(conversations.count) conversations") {
                Set($0.map(\.conversationId)).count >= conversations.count
            }
            try await Task.sleep(for: .seconds(2))
            let stats = system.simulator.stats()
            let refused = (stats.endpoints["tracking"]?.outageRefused ?? 0) + (stats.endpoints["zip_code"]?.outageRefused ?? 0)
            let recovered = stats.lastOutageEndedAt ?? 0
            let lastReply = system.sent.map(\.at).max() ?? recovered
            let logisticsAfter = system.sent.filter { logistics.contains($0.conversationId) && $0.at >= recovered }.count
            let handOffs = try await Self.failureHandOffs(system)
            print(
                "logistics outage of \(Int(Self.outageSeconds)) s: \(conversations.count) conversations, "
                    + "\(logistics.count) about logistics, \(refused) calls to the failing endpoints during the outage, "
                    + "\(logisticsAfter) logistics replies after recovery, \(handOffs) hand-offs for the outage, "
                    + "last reply \(String(format: "%.1f", lastReply - recovered)) s after recovery, "
                    + "\(stats.duplicateReplies) duplicates")
            #expect(stats.duplicateReplies == 0)
            #expect(system.sent.count == conversations.count)
            #expect(handOffs == 0, "the outage is shorter than RETRY_BUDGET_MS: nobody is handed off for it")
            #expect(logisticsAfter > 0, "logistics conversations were held during the outage and answered after")
            // Without breakers every deferred job would call the failing API on each retry and re-check:
            // about (logistics conversations in the outage) × (retries in it), well over a thousand here.
            #expect(refused < 150, "\(refused) calls during the outage: the breakers should have stopped them")
        }
    }

    @Test func aRateLimitBelowTheLoadIsRespected() async throws {
        let world = try WorldGenerator.generate(.init(seed: 63, merchants: 150))
        let conversations = world.conversations.filter { !$0.messages.isEmpty }.count
        var knobs = SimulatorKnobs()
        knobs.rateLimits = [.chats: 60, .logistics: 25, .telecom: 25]
        knobs.closeAfterSeconds = nil
        // Two workers and a dispatcher share each partner's limit: each process gets a part of it.
        let environment = [
            "CHATS_API_RATE": "18", "LOGISTICS_API_RATE": "10", "TELECOM_API_RATE": "10", "POLL_INTERVAL_MS": "250",
            "RETRY_BUDGET_MS": "180000",
        ]
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2, environment: environment) { system in
            let started = ContinuousClock.now
            try await system.waitUntil(timeout: .seconds(150), "a reply in each of \(conversations) conversations") {
                Set($0.map(\.conversationId)).count >= conversations
            }
            let elapsed = ContinuousClock.now - started
            try await Task.sleep(for: .seconds(2))
            let stats = system.simulator.stats()
            let requests = stats.endpoints.values.reduce(0) { $0 + $1.requests }
            let limited = stats.endpoints.values.reduce(0) { $0 + $1.rateLimited }
            let share = Double(limited) / Double(max(requests, 1))
            print(
                "rate limits (chats 60/s, logistics 25/s, telecom 25/s): \(conversations) conversations in "
                    + "\(elapsed), \(requests) requests, \(limited) answered 429 (\(String(format: "%.1f", share * 100)) %), "
                    + "\(stats.duplicateReplies) duplicates")
            #expect(stats.duplicateReplies == 0)
            #expect(system.sent.count == conversations)
            #expect(share < 0.05, "429s must stay a small share of the requests")
        }
    }
}
